package org.schoolcontacts.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open transaction with small helpers for visible SQL. A write transaction also holds its corp's
 * row lock and hands out creation sequence numbers from the corp's counter.
 */
public final class Tx {
    private final Connection connection;
    private final Dialect dialect;
    private String corpId;
    private long nextSeq;
    private long firstSeq;
    private int savepoints;
    private final java.util.Map<Object, Object> locals = new java.util.HashMap<>();
    /** The corps whose change mark this transaction has advanced already (see {@link #flushSeq}). */
    private final java.util.Set<String> markedCorps = new java.util.HashSet<>(2);
    /** The change-mark column this write advances ({@link ChangeMarks#SCHOOL} or {@link ChangeMarks#DIRECTORY}). */
    private String markColumn = ChangeMarks.SCHOOL;
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** The embedded store's kept statements, in its write transactions; null elsewhere (each statement closed after use). */
    private final StatementCache statements;
    /** The store whose write transaction this is; null for reads. */
    private Database owner;

    Tx(Connection connection, Dialect dialect, String corpId, long nextSeq) {
        this(connection, dialect, corpId, nextSeq, null);
    }

    Tx(Connection connection, Dialect dialect, String corpId, long nextSeq, StatementCache statements) {
        this.statements = statements;
        this.connection = connection;
        this.dialect = dialect;
        this.corpId = corpId;
        this.nextSeq = nextSeq;
        this.firstSeq = nextSeq;
    }

    public Connection connection() { return connection; }

    public Dialect dialect() { return dialect; }

    /** The corp whose row this write transaction locked, or null for reads and server-wide writes. */
    public String corpId() { return corpId; }

    /** A creation sequence number, increasing per corp; gives lists their creation order. */
    public long nextSeq() {
        if (corpId == null) throw new IllegalStateException("sequence numbers need a corp write transaction");
        return nextSeq++;
    }

    /**
     * Makes the following work belong to {@code corpId} (seeding several corps in one transaction):
     * saves the previous corp's sequence counter and loads this one's.
     */
    public void useCorp(String corpId) throws SQLException {
        flushSeq();
        this.corpId = corpId;
        this.nextSeq = one("SELECT next_seq FROM corps WHERE corp_id = ?", rs -> rs.getLong(1), corpId)
                .orElseThrow(() -> new SQLException("no corp " + corpId));
        this.firstSeq = nextSeq;
    }

    /**
     * Writes the corp's advanced sequence counter back; called before commit (and before {@link #useCorp}
     * moves on to another corp). On PostgreSQL and MariaDB it also advances the school's change mark
     * ({@link ChangeMarks}), once per transaction.
     */
    void flushSeq() throws SQLException {
        if (corpId == null) return;
        if (nextSeq != firstSeq) {
            update("UPDATE corps SET next_seq = ? WHERE corp_id = ?", nextSeq, corpId);
            firstSeq = nextSeq;
        }
        if (dialect.keepsChangeMarks() && markedCorps.add(corpId)) ChangeMarks.advance(this, corpId, markColumn);
    }

    /** Makes this write advance {@code column} instead ({@link ChangeMarks}); set before any work. */
    void markWith(String column) { this.markColumn = column; }

    /** Whether this is a write of one school's directory only ({@link Database#writeDirectory}). */
    boolean directoryOnly() { return corpId != null && owner != null && ChangeMarks.DIRECTORY.equals(markColumn); }

    /** The store whose write transaction this is (null for reads), set as it begins. */
    Database owner() { return owner; }

    void ownedBy(Database db) { this.owner = db; }

    /**
     * State a feature keeps for the rest of this transaction (e.g. what the events outbox looked up
     * once), created on first use. A re-run transaction gets a fresh Tx, so nothing leaks across attempts.
     */
    @SuppressWarnings("unchecked")
    public <T> T local(Object key, java.util.function.Supplier<T> create) {
        return (T) locals.computeIfAbsent(key, k -> create.get());
    }

    /** Runs {@code action} once this transaction has committed (never after a rollback). */
    public void afterCommit(Runnable action) {
        if (!afterCommit.contains(action)) afterCommit.add(action);
    }

    void runAfterCommit() {
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // the transaction is committed; a failing follow-up must not turn it into an error
            }
        }
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... params) throws SQLException {
        try (Prepared p = prepare(sql, params)) {
            return p.executeUpdate();
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (Prepared p = prepare(sql, params); ResultSet rs = p.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (Prepared p = prepare(sql, params); ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        }
    }

    public long count(String sql, Object... params) throws SQLException {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /**
     * Runs one item of a batch atomically: a refusal or failure inside rolls back exactly the item's
     * writes (to a savepoint), leaving the rest of the transaction intact.
     */
    public <T> T item(SqlWork<T> work) throws SQLException {
        return item(work, true);
    }

    /**
     * As {@link #item}, for the last work of the transaction: when it succeeds its savepoint is left for
     * the commit to release, one statement (on PostgreSQL and MariaDB a round trip) fewer. Nothing but
     * the commit may follow it that could want to roll back to a savepoint of its own made earlier.
     */
    public <T> T lastItem(SqlWork<T> work) throws SQLException {
        return item(work, false);
    }

    private <T> T item(SqlWork<T> work, boolean release) throws SQLException {
        // Savepoints as SQL statements: the same three words work on all three databases, also on the
        // embedded store's write connection, which runs its transactions by hand.
        String sp = "item_" + (++savepoints);
        update("SAVEPOINT " + sp);
        long seqBefore = nextSeq;
        try {
            T result = work.run(this);
            if (release) update("RELEASE SAVEPOINT " + sp);
            return result;
        } catch (SQLException | RuntimeException e) {
            update("ROLLBACK TO SAVEPOINT " + sp);
            update("RELEASE SAVEPOINT " + sp);
            nextSeq = seqBefore;
            throw e;
        }
    }

    /**
     * A prepared statement for {@code sql}, lent until {@link Prepared#close}: on the embedded store's
     * write transactions it is kept for the next use of the same SQL ({@link StatementCache}),
     * elsewhere it is closed. Batched writes bind and run it themselves.
     */
    public Prepared prepare(String sql) throws SQLException {
        return new Prepared(sql, statements == null ? connection.prepareStatement(sql) : statements.get(sql));
    }

    private Prepared prepare(String sql, Object... params) throws SQLException {
        Prepared p = prepare(sql);
        try {
            for (int i = 0; i < params.length; i++) p.statement().setObject(i + 1, params[i]);
        } catch (SQLException | RuntimeException e) {
            p.failed = true;
            p.close();
            throw e;
        }
        return p;
    }

    /** A statement lent by {@link #prepare(String)}; a kept one that failed is dropped, not reused. */
    public final class Prepared implements AutoCloseable {
        private final String sql;
        private final PreparedStatement statement;
        private boolean failed;

        private Prepared(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        /** For binding parameters and adding batches; run it through this holder's execute methods. */
        public PreparedStatement statement() { return statement; }

        public int executeUpdate() throws SQLException {
            try {
                return statement.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        public int[] executeBatch() throws SQLException {
            try {
                return statement.executeBatch();
            } catch (SQLException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        public ResultSet executeQuery() throws SQLException {
            try {
                return statement.executeQuery();
            } catch (SQLException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() throws SQLException {
            if (statements == null) statement.close();
            else statements.release(sql, statement, failed);
        }
    }

}
