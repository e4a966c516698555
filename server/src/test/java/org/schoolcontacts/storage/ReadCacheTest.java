package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's read cache hands an answer out again only while nothing at all has been
 * committed since it was read: by this process's own writes, or by another connection to the same file
 * (an import, an export or a second server process).
 */
class ReadCacheTest {
    @TempDir Path dir;
    Database db;
    ReadCache<String, String> cache;
    final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void open() {
        db = Database.open(StoreConfig.embedded(dir));
        db.writeServer(tx -> tx.update("INSERT INTO corps (corp_id, name, created_at) VALUES ('wwcache', 'before', 0)"));
        cache = db.cache(3);
    }

    @org.junit.jupiter.api.AfterEach
    void close() { db.close(); }

    private String name() {
        return cache.get("wwcache", tx -> {
            loads.incrementAndGet();
            return tx.one("SELECT name FROM corps WHERE corp_id = 'wwcache'", rs -> rs.getString(1)).orElse("-");
        });
    }

    @Test
    void anAnswerIsReusedWhileNothingIsCommitted() {
        assertThat(db.reusesReads()).isTrue();
        assertThat(name()).isEqualTo("before");
        assertThat(name()).isEqualTo("before");
        assertThat(name()).isEqualTo("before");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aCommitThroughThisProcessesWritesIsSeenAtTheNextCall() {
        assertThat(name()).isEqualTo("before");
        db.writeServer(tx -> tx.update("UPDATE corps SET name = 'after' WHERE corp_id = 'wwcache'"));
        assertThat(name()).isEqualTo("after");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aCommitThroughAnotherConnectionToTheFileIsSeenAtTheNextCall() throws Exception {
        assertThat(name()).isEqualTo("before");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("school-contacts.db"));
             Statement st = other.createStatement()) {
            st.executeUpdate("UPDATE corps SET name = 'elsewhere' WHERE corp_id = 'wwcache'");
        }
        assertThat(name()).isEqualTo("elsewhere");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aCommitThatChangesNothingTheAnswerReadStillForgetsIt() {
        // the mark knows that something was committed, not what: a conservative cache
        assertThat(name()).isEqualTo("before");
        db.writeServer(tx -> tx.update("INSERT INTO corps (corp_id, name, created_at) VALUES ('wwother', 'x', 0)"));
        assertThat(name()).isEqualTo("before");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aRehearsalReadsItsOwnUncommittedChangesAndLeavesTheCacheAlone() {
        assertThat(name()).isEqualTo("before");
        String seen = db.rehearse("wwcache", tx -> {
            tx.update("UPDATE corps SET name = 'rehearsed' WHERE corp_id = 'wwcache'");
            return name();
        });
        assertThat(seen).isEqualTo("rehearsed");
        // rolled back, and nothing the rehearsal read was kept
        assertThat(name()).isEqualTo("before");
        assertThat(loads).hasValue(2);
    }

    @Test
    void theCacheKeepsAtMostItsBoundAndForgetsAllAtOnceBeyondIt() {
        for (int i = 0; i < 3; i++) cache.get("k" + i, tx -> "v");
        assertThat(cache.size()).isEqualTo(3);
        cache.get("k3", tx -> "v");
        assertThat(cache.size()).isEqualTo(1);
    }
}
