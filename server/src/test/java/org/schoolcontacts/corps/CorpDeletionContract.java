package org.schoolcontacts.corps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.storage.StoreContract;

/**
 * Deleting a corp removes every row it has, in every table, and nothing of another corp: what the
 * test suites use to leave the shared databases as they found them.
 */
public abstract class CorpDeletionContract extends StoreContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void fill(String corp) throws Exception {
        db.write(corp, tx -> {
            services.departments().seed(tx, json("{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2}"));
            services.departments().seed(tx, json("{\"id\":11,\"parentid\":10,\"name\":\"C\",\"type\":1}"));
            services.students().seed(tx, json("{\"student_userid\":\"s1\",\"name\":\"S\",\"department\":[11]}"));
            services.parents().seed(tx, json("{\"parent_userid\":\"p1\",\"mobile\":\"13900000001\","
                    + "\"children\":[{\"student_userid\":\"s1\",\"relation\":\"父亲\"}]}"));
            return null;
        });
        services.tokens().issue(corp, corp + "-edit");
    }

    private long rows(String corp) {
        return db.read(tx -> {
            long n = 0;
            for (String table : CorpStore.CORP_TABLES) n += tx.count("SELECT COUNT(*) FROM " + table + " WHERE corp_id = ?", corp);
            return n;
        });
    }

    @Test
    void deletingACorpLeavesNoRowOfItAndKeepsOtherCorps() throws Exception {
        String other = newCorp();
        fill(corpId);
        fill(other);
        long othersRows = rows(other);
        assertThat(rows(corpId)).isGreaterThan(8);

        boolean deleted = db.writeServer(tx -> CorpStore.deleteCorp(tx, corpId));
        assertThat(deleted).isTrue();

        assertThat(rows(corpId)).isZero();
        assertThat(rows(other)).isEqualTo(othersRows);
        boolean again = db.writeServer(tx -> CorpStore.deleteCorp(tx, corpId));
        assertThat(again).isFalse();
    }
}
