package org.schoolcontacts.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded store's prepared statements, kept open across transactions on its one write
 * connection. SQLite compiles every statement anew on each prepare, and neither its JDBC driver nor
 * the pool keeps them: compiling the nine statements of one batch_update_student call under the write
 * lock (BEGIN, the school's lock, the savepoint, the 100-key read, three updates, RELEASE, COMMIT)
 * took about 45 us of CPU each call, some 3 % of the time the lock is held (issue 15, measured with
 * the driver alone). The SQL text is the key; the statements belong to the driver's own connection (not the
 * pool's per-checkout wrapper), so they survive the connection's return to the pool, and a cache
 * meets a replaced connection by not belonging to it. Used only under the embedded writer's lock.
 */
final class StatementCache {
    /** Enough for every fixed statement of the write paths plus the sizes of a batch's IN lists in use. */
    static final int CAPACITY = 96;

    private final Connection owner;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CAPACITY) return false;
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    StatementCache(Connection owner) {
        this.owner = owner;
    }

    boolean belongsTo(Connection driverConnection) {
        return owner == driverConnection;
    }

    /** The open statement for {@code sql}, prepared on first use; its parameters and batch are empty. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps != null && !ps.isClosed()) return ps;
        ps = owner.prepareStatement(sql);
        statements.put(sql, ps);
        return ps;
    }

    /**
     * Done with {@code sql}'s statement for now: its batch emptied for the next use, or dropped after a
     * failure. Its parameters are left bound: {@code clearParameters} is SQLite's
     * {@code sqlite3_clear_bindings}, after which the next run cost as much as preparing the statement
     * afresh (issue 15, measured under the write lock: the receivers' lookup every school write makes
     * 0.14 ms instead of 0.02, a batch's 100-key read 0.06 ms more). Every user binds every parameter
     * before each run ({@link Tx}), so an old value is never read.
     */
    void release(String sql, PreparedStatement ps, boolean failed) {
        if (!failed) {
            try {
                ps.clearBatch();
                return;
            } catch (SQLException e) {
                // fall through: a statement that cannot be emptied is not reused
            }
        }
        if (statements.get(sql) == ps) statements.remove(sql);
        closeQuietly(ps);
    }

    /** Drops every statement (the connection failed or is being replaced). */
    void clear() {
        for (PreparedStatement ps : statements.values()) closeQuietly(ps);
        statements.clear();
    }

    int size() { return statements.size(); }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // the connection is gone; nothing is left to free
        }
    }
}
