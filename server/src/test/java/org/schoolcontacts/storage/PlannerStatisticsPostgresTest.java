package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store keeps PostgreSQL's planner statistics itself ({@link PlannerStatistics}), so a school
 * loaded into a fresh database, or one whose autovacuum is off, is read and written by key rather
 * than by scanning the school. Each test runs in a schema of its own, whose tables start without
 * statistics whatever the server's autovacuum does.
 */
class PlannerStatisticsPostgresTest {
    private String schema;
    private Database db;

    @BeforeEach
    void freshSchema() throws Exception {
        schema = "stats_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        String url = StoreContract.PG_URL + (StoreContract.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        db = Database.open(StoreConfig.external(url, StoreContract.PG_USER, null));
    }

    @AfterEach
    void dropSchema() throws Exception {
        db.close();
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(StoreContract.PG_URL, StoreContract.PG_USER, null);
    }

    private void students(int n) throws SQLException {
        try (Connection c = db.writeDataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO corps (corp_id, name, created_at) VALUES ('wwstats', 'stats', 0)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (corp_id, user_key, userid, user_type, name, created_seq)"
                    + " VALUES ('wwstats', ?, ?, 1, 'n', ?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setString(1, "s" + i);
                    ps.setString(2, "s" + i);
                    ps.setLong(3, i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** reltuples of a table of the schema as the last ANALYZE left it (-1: never analyzed). */
    private double rowsKnown(String table) throws SQLException {
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement(
                "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private boolean analyzed(String table) throws SQLException {
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement("SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
                + " FROM pg_stat_user_tables WHERE schemaname = ? AND relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void awaitAnalyzed(String table) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!analyzed(table)) {
            if (System.nanoTime() > deadline) throw new AssertionError(table + " was not analyzed within 30 s");
            Thread.sleep(100);
        }
    }

    @Test
    void aTableLoadedWithMoreRowsThanAutovacuumsThresholdGetsStatisticsWithoutAnyoneRunningAnalyze() throws Exception {
        students(500);
        awaitAnalyzed("users");
        assertThat(rowsKnown("users")).isEqualTo(500);
    }

    /** Whether the server's autovacuum is on, and whether the schema's table has been vacuumed by hand (not by autovacuum). */
    private boolean[] vacuumState(String table) throws SQLException {
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement("SELECT current_setting('autovacuum')::boolean, "
                + "last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE schemaname = ? AND relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new boolean[] {rs.getBoolean(1), rs.getBoolean(2)};
            }
        }
    }

    @Test
    void whereAutovacuumIsOffTheKeeperAlsoVacuumsAndOtherwiseLeavesThatToAutovacuum() throws Exception {
        students(500);
        awaitAnalyzed("users");
        boolean[] state = vacuumState("users");
        // autovacuum off: nothing else removes dead rows or marks pages all-visible, so the keeper vacuums;
        // autovacuum on: the keeper only analyzes, and never vacuums by hand
        assertThat(state[1]).as("vacuumed by the keeper (autovacuum " + (state[0] ? "on" : "off") + ")").isEqualTo(!state[0]);
    }

    @Test
    void aTableChangedByFewerRowsThanTheThresholdIsLeftAlone() throws Exception {
        students(500);
        try (Connection c = db.writeDataSource().getConnection(); Statement st = c.createStatement()) {
            for (int i = 0; i < 10; i++) st.execute("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, created_seq) VALUES ('wwstats', "
                    + (100 + i) + ", 0, 'd" + i + "', 1, " + i + ")");
            c.commit();
        }
        awaitAnalyzed("users");
        // a whole check later, the ten departments are still not worth an ANALYZE
        List<String> due = PlannerStatistics.analyzeDue(db.writeDataSource());
        assertThat(due).doesNotContain("departments");
        assertThat(analyzed("departments")).isFalse();
    }

    @Test
    void withStatisticsAStudentsRowIsUpdatedThroughThePrimaryKeyEvenByAGenericPlan() throws Exception {
        students(2_000);
        awaitAnalyzed("users");
        List<String> plan = new ArrayList<>();
        try (Connection c = db.writeDataSource().getConnection(); Statement st = c.createStatement()) {
            // the plan a server-side prepared statement settles on after a few executions
            st.execute("SET plan_cache_mode = force_generic_plan");
            st.execute("PREPARE one_student (varchar, varchar) AS UPDATE users SET name = 'x' WHERE corp_id = $1 AND user_key = $2 AND user_type = 1");
            try (ResultSet rs = st.executeQuery("EXPLAIN EXECUTE one_student ('wwstats', 's7')")) {
                while (rs.next()) plan.add(rs.getString(1));
            }
            c.rollback();
        }
        assertThat(String.join("\n", plan)).contains("users_pkey");
    }
}
