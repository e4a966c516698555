package org.schoolcontacts.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of our tables from going missing. Without statistics the
 * planner cannot tell a key lookup from a scan of the whole school: every index that starts with
 * {@code corp_id} looks as good as the primary key, and it picks, for example, the class index to
 * update one student's membership or the mobile index to read a batch's 100 users, scanning every
 * student of the school each time (measured: a 100-student batch_update_student 405 ms without
 * statistics, 59 ms with them). Autovacuum normally takes them, but not on a database where it is
 * off (as on some CI machines), nor in a fresh database's first minute, which is when a benchmark or
 * a roster import loads a whole school.
 *
 * <p>So every few seconds this asks {@code pg_stat_user_tables} which of the schema's tables have
 * changed by as many rows as would make autovacuum analyze them (its default: 50 rows plus 10 % of
 * the table), and analyzes those that autovacuum will not: all of them when autovacuum is off,
 * otherwise only tables that have never been analyzed. {@code ANALYZE} samples a bounded number of
 * rows and blocks no reads or writes. Where autovacuum is off it runs {@code VACUUM (ANALYZE)}
 * instead, which also does autovacuum's other job (see {@link #analyzeDue}). Several processes on one
 * database each do it; that is harmless.
 */
final class PlannerStatistics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
    /** The SQLSTATE of insufficient_privilege: ANALYZE needs the tables' owner. */
    private static final String NO_PRIVILEGE = "42501";

    static final String DUE = "SELECT s.relname, current_setting('autovacuum')::boolean FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
            + " WHERE s.schemaname = current_schema()"
            + " AND s.n_mod_since_analyze >= 50 + 0.1 * GREATEST(c.reltuples, 0)"
            + " AND (NOT current_setting('autovacuum')::boolean OR (s.last_analyze IS NULL AND s.last_autoanalyze IS NULL))"
            + " ORDER BY s.relname";

    private final DataSource pool;
    private final ScheduledExecutorService timer;

    private PlannerStatistics(DataSource pool, long periodMillis) {
        this.pool = pool;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-statistics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, Math.min(periodMillis, 1000), periodMillis, TimeUnit.MILLISECONDS);
    }

    static PlannerStatistics start(DataSource pool, long periodMillis) {
        return new PlannerStatistics(pool, periodMillis);
    }

    private void checkQuietly() {
        try {
            analyzeDue(pool);
        } catch (SQLException e) {
            if (NO_PRIVILEGE.equals(e.getSQLState())) {
                LOG.warn("cannot keep planner statistics ({}); run ANALYZE or enable autovacuum", Database.rootMessage(e));
                timer.shutdown();
            } else {
                LOG.debug("planner statistics check failed: {}", Database.rootMessage(e));
            }
        } catch (RuntimeException e) {
            LOG.debug("planner statistics check failed", e);
        }
    }

    /** Analyzes the tables that are due (see the class comment); returns their names. */
    static List<String> analyzeDue(DataSource pool) throws SQLException {
        List<String> due = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                boolean autovacuum = true;
                try (ResultSet rs = st.executeQuery(DUE)) {
                    while (rs.next()) {
                        due.add(rs.getString(1));
                        autovacuum = rs.getBoolean(2);
                    }
                }
                for (String table : due) {
                    // names come from the catalogue, quoted as identifiers all the same. Where autovacuum
                    // is off nobody else vacuums either: VACUUM also removes the dead row versions every
                    // update leaves (the tables would grow without end) and marks pages all-visible, which
                    // lets a class's list answer from the covering indexes alone (V10) instead of visiting
                    // every row too. Like ANALYZE it blocks no reads or writes.
                    st.execute((autovacuum ? "ANALYZE \"" : "VACUUM (ANALYZE) \"") + table.replace("\"", "\"\"") + "\"");
                }
            } finally {
                c.setAutoCommit(auto);
            }
        }
        if (!due.isEmpty()) LOG.debug("analyzed {}", due);
        return due;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
