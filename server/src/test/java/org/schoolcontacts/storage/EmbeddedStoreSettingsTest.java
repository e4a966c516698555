package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreSettingsTest {
    @TempDir Path tmp;

    /** A batch runs under a savepoint; its sub-journal must not spill to a temporary file (issue 15). */
    @Test
    void theEmbeddedStoreKeepsTemporaryDataSuchAsSavepointJournalsInMemoryOnEveryConnection() {
        try (Database db = Database.open(StoreConfig.embedded(tmp))) {
            // 2 = MEMORY (0 would be the compiled default, a file past SQLite's spill size)
            long writing = db.<Long>writeServer(tx -> tx.count("PRAGMA temp_store"));
            long reading = db.<Long>read(tx -> tx.count("PRAGMA temp_store"));
            assertThat(writing).isEqualTo(2L);
            assertThat(reading).isEqualTo(2L);
            // the other settings the store promises stay as they were
            long synchronous = db.<Long>writeServer(tx -> tx.count("PRAGMA synchronous"));
            String journal = db.<String>read(tx -> tx.one("PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow());
            assertThat(synchronous).isEqualTo(2L); // FULL
            assertThat(journal).isEqualTo("wal");
        }
    }
}
