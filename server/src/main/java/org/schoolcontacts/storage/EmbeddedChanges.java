package org.schoolcontacts.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Tells whether anything has been committed to the embedded store since an earlier look, by any
 * connection of any process: SQLite's {@code PRAGMA data_version} on a connection of its own that never
 * writes. SQLite changes that number for a connection whenever another connection has committed in the
 * meantime; since this one never commits, every commit anywhere changes it, the server's own writes and
 * those of an import or export run beside it alike. Reading it opens and ends a read transaction, which
 * in WAL mode looks at the shared WAL index only: a few microseconds, no disk read.
 */
final class EmbeddedChanges implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement dataVersion;
    private boolean closed;

    EmbeddedChanges(String url) throws SQLException {
        connection = new org.sqlite.JDBC().connect(url, new java.util.Properties());
        if (connection == null) throw new SQLException("no driver accepts " + url);
        try {
            connection.setAutoCommit(true);
            dataVersion = connection.prepareStatement("PRAGMA data_version");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The store's change mark now; {@link ReadCache#NO_MARK} when it cannot be read (nothing is then reused). */
    synchronized long mark() {
        if (closed) return ReadCache.NO_MARK;
        // the result set is closed before returning, so no read transaction stays open to hold back checkpoints
        try (ResultSet rs = dataVersion.executeQuery()) {
            return rs.next() ? rs.getLong(1) : ReadCache.NO_MARK;
        } catch (SQLException e) {
            return ReadCache.NO_MARK;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            dataVersion.close();
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }
}
