package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store keeps its write statements across transactions ({@link StatementCache}); a kept
 * statement must behave exactly as a fresh one: same results, nothing carried over, and a failure or
 * a replaced connection never leaves an unusable statement behind.
 */
class WriteStatementCacheTest {
    private static final String INSERT = "INSERT INTO cache_probe (k, v) VALUES (?, ?)";
    @TempDir Path tmp;
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(StoreConfig.embedded(tmp));
        db.writeServer(tx -> tx.update("CREATE TABLE cache_probe (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        db.close();
    }

    private PreparedStatement statementOf(String sql) {
        return db.<PreparedStatement>writeServer(tx -> {
            try (Tx.Prepared p = tx.prepare(sql)) {
                return p.statement();
            }
        });
    }

    @Test
    void aWriteStatementIsPreparedOnceAndServesLaterTransactions() {
        PreparedStatement first = statementOf(INSERT);
        db.writeServer(tx -> tx.update(INSERT, "a", 1));
        db.writeServer(tx -> tx.update(INSERT, "b", 2));
        assertThat(statementOf(INSERT)).isSameAs(first);
        assertThat(db.<List<String>>read(tx -> tx.query("SELECT k || v FROM cache_probe ORDER BY k", rs -> rs.getString(1)))).containsExactly("a1", "b2");
    }

    @Test
    void aKeptBatchStatementStartsEachUseWithAnEmptyBatch() {
        for (String prefix : List.of("x", "y")) {
            int[] counts = db.<int[]>writeServer(tx -> {
                try (Tx.Prepared p = tx.prepare(INSERT)) {
                    for (int i = 0; i < 3; i++) {
                        p.statement().setString(1, prefix + i);
                        p.statement().setInt(2, i);
                        p.statement().addBatch();
                    }
                    return p.executeBatch();
                }
            });
            // the second use runs its own three rows, not the first use's again
            assertThat(counts).hasSize(3);
        }
        assertThat(db.<Long>read(tx -> tx.count("SELECT COUNT(*) FROM cache_probe"))).isEqualTo(6L);
    }

    @Test
    void aStatementTheDatabaseRefusedIsDroppedAndTheSameSqlWorksAfterwards() {
        db.writeServer(tx -> tx.update(INSERT, "a", 1));
        PreparedStatement before = statementOf(INSERT);
        // a refusal inside a savepoint, as the per-item path meets a taken key
        db.writeServer(tx -> {
            assertThatThrownBy(() -> tx.item(t -> t.update(INSERT, "a", 9))).isInstanceOf(SQLException.class);
            return null;
        });
        assertThat(statementOf(INSERT)).isNotSameAs(before);
        db.writeServer(tx -> tx.update(INSERT, "b", 2));
        assertThat(db.<List<String>>read(tx -> tx.query("SELECT k || v FROM cache_probe ORDER BY k", rs -> rs.getString(1)))).containsExactly("a1", "b2");
    }

    @Test
    void aKeptQueryHoldsNoSnapshotOnceItsResultsAreClosed() {
        db.writeServer(tx -> tx.update(INSERT, "a", 1));
        // a query that stops after its first row, kept open across the commit, then a write from the same connection
        db.writeServer(tx -> tx.one("SELECT v FROM cache_probe", rs -> rs.getInt(1)));
        db.writeServer(tx -> tx.update("UPDATE cache_probe SET v = 5 WHERE k = ?", "a"));
        db.writeServer(tx -> tx.update(INSERT, "b", 2));
        assertThat(db.<Integer>read(tx -> tx.one("SELECT v FROM cache_probe WHERE k = 'a'", rs -> rs.getInt(1)).orElseThrow())).isEqualTo(5);
        assertThat(db.<Integer>writeServer(tx -> tx.one("SELECT SUM(v) FROM cache_probe", rs -> rs.getInt(1)).orElseThrow())).isEqualTo(7);
    }

    @Test
    void aConnectionThePoolReplacedGetsStatementsOfItsOwn() throws SQLException {
        db.writeServer(tx -> tx.update(INSERT, "a", 1));
        PreparedStatement before = statementOf(INSERT);
        HikariDataSource pool = (HikariDataSource) db.writeDataSource();
        try (Connection c = pool.getConnection()) {
            pool.evictConnection(c);
        }
        db.writeServer(tx -> tx.update(INSERT, "b", 2));
        assertThat(statementOf(INSERT)).isNotSameAs(before);
        assertThat(db.<Long>read(tx -> tx.count("SELECT COUNT(*) FROM cache_probe"))).isEqualTo(2L);
    }
}
