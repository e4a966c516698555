package org.schoolcontacts.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Connections and transactions. Every write that touches a school runs in {@link #write}, which
 * locks that corp's row first: writes to one school are serialised across threads and across server
 * processes sharing the database, so the checks a batch makes before it writes cannot be raced past.
 * Keys and foreign keys in the schema back that up.
 *
 * <p>The embedded store is SQLite in WAL mode with {@code synchronous=FULL}: a commit is on disk
 * before the client hears of it, so an acknowledged write survives {@code kill -9}. Temporary data (the
 * sub-journals of savepoints, sorts) stays in memory ({@code temp_store=MEMORY}). SQLite allows one
 * writer at a time, so writes go through a single-connection pool and {@code BEGIN IMMEDIATE};
 * reads use a separate pool and see a consistent snapshot.
 */
public final class Database implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 8;
    /** How long opening a connection to PostgreSQL or MariaDB may take before start-up gives up. */
    static final int CONNECT_TIMEOUT_SECONDS = 2;
    /** How long PostgreSQL's whole connection handshake may take (its connectTimeout covers the TCP connect only). */
    static final int LOGIN_TIMEOUT_SECONDS = 10;

    private final Dialect dialect;
    private final HikariDataSource writePool;
    private final HikariDataSource readPool;
    /** Auto-commit connections for {@link #readStatement} on MariaDB (null elsewhere; see there). */
    private HikariDataSource statementPool;
    private final ReentrantLock embeddedWriter = new ReentrantLock(true);
    /** The embedded store's write statements kept across transactions; touched only under {@link #embeddedWriter}. */
    private StatementCache writeStatements;
    /** The rehearsal transaction of this thread, if one is open (see {@link #rehearse}). */
    private final ThreadLocal<Tx> rehearsal = new ThreadLocal<>();
    /** How often PostgreSQL's planner statistics are checked ({@link PlannerStatistics}). */
    static final long STATISTICS_PERIOD_MILLIS = 5_000;
    private PlannerStatistics statistics;
    /** The embedded store's change mark ({@link ReadCache}); null on PostgreSQL and MariaDB. */
    private EmbeddedChanges changes;
    /** PostgreSQL's and MariaDB's change marks ({@link ReadCache}); null on the embedded store. */
    private ChangeMarks marks;

    private Database(Dialect dialect, HikariDataSource writePool, HikariDataSource readPool) {
        this.dialect = dialect;
        this.writePool = writePool;
        this.readPool = readPool;
    }

    public static Database open(StoreConfig config) {
        Dialect dialect = config.dialect();
        Database db;
        try {
            if (dialect == Dialect.SQLITE) {
                Path dir = config.dataDir();
                if (dir == null) throw new IllegalArgumentException("the embedded store needs a data folder");
                if (Files.exists(dir) && !Files.isDirectory(dir)) throw new java.nio.file.NotDirectoryException(dir.toString());
                Files.createDirectories(dir);
                // temp_store=MEMORY: savepoints keep the pages they change in a sub-journal, which SQLite
                // otherwise spills to a temporary file past 64 KiB; a batch runs under a savepoint, and its
                // 98 class moves cost 2.5x as much with the file (issue 15, measured with and without).
                String url = "jdbc:sqlite:" + dir.resolve("school-contacts.db").toAbsolutePath()
                        + "?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=60000&temp_store=MEMORY";
                SqliteNativeLibrary.prepare();
                // a corrupt or foreign file fails here at once, not after the pool's one-second pause
                probe(url, null, null);
                // The write connection stays in auto-commit and opens each transaction with an explicit
                // BEGIN IMMEDIATE: the driver would otherwise begin (and lock) as soon as one ends.
                db = new Database(dialect,
                        pool("store-write", url, null, null, 1, true),
                        pool("store-read", url + "&transaction_mode=DEFERRED", null, null, 4, false));
                try {
                    db.changes = new EmbeddedChanges(url);
                } catch (SQLException e) {
                    db.close();
                    throw e;
                }
            } else {
                // One direct attempt first: an unreachable host, an unknown database or refused credentials
                // fail here at once. The pool's own start-up check sleeps a second after a failed attempt
                // before it gives up, which made every such start-up failure take over two seconds.
                probe(config.dbUrl(), config.dbUser(), config.dbPassword());
                // Reads get a pool of their own whose connections are opened at REPEATABLE READ once, so a
                // read costs no isolation change (a round trip) when it starts, nor a reset when it ends.
                HikariDataSource writes = pool("store", config.dbUrl(), config.dbUser(), config.dbPassword(), 16, false);
                HikariDataSource reads;
                try {
                    reads = pool("store-read", config.dbUrl(), config.dbUser(), config.dbPassword(), 8, false, "TRANSACTION_REPEATABLE_READ");
                } catch (RuntimeException e) {
                    writes.close();
                    throw e;
                }
                db = new Database(dialect, writes, reads);
                db.marks = new ChangeMarks(db);
                if (dialect == Dialect.MARIADB) {
                    try {
                        // Server-side prepared statements, kept per connection: this pool runs a handful of fixed
                        // statements on every request (the token check, user/get's read, gettoken), which the
                        // text protocol made MariaDB parse and plan anew each time. Measured one client, one
                        // connection, 1,000 calls: the token check plus user/get's read 255-290 us instead of
                        // 375-400 us (issue 15). PostgreSQL's driver prepares on the server by itself after five uses.
                        db.statementPool = pool("store-statement", config.dbUrl(), config.dbUser(), config.dbPassword(), 8, true,
                                "TRANSACTION_READ_COMMITTED", Map.of("useServerPrepStmts", "true"));
                    } catch (RuntimeException e) {
                        db.close();
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new StoreUnavailableException("cannot open store " + config.describe() + ": " + rootMessage(e), e);
        }
        try {
            new Migrator(db).migrate();
        } catch (Exception e) {
            db.close();
            throw new StoreUnavailableException("cannot migrate store " + config.describe() + ": " + rootMessage(e), e);
        }
        if (dialect == Dialect.POSTGRESQL) db.statistics = PlannerStatistics.start(db.writePool, STATISTICS_PERIOD_MILLIS);
        return db;
    }

    /** Opens and closes one connection with the pools' settings, so a store that cannot be opened fails without delay. */
    private static void probe(String url, String user, String password) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        String timeout = connectTimeout(url, CONNECT_TIMEOUT_SECONDS);
        if (timeout != null) p.setProperty("connectTimeout", timeout);
        // PostgreSQL's connectTimeout covers the TCP connect only: a host that accepts and then says
        // nothing would hold the start-up for ever. loginTimeout bounds the whole handshake, generously:
        // a loaded machine's own PostgreSQL can take over a second to start a backend (1 s failed CI)
        if (url.startsWith("jdbc:postgresql:")) p.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        // the dialect's own driver, not DriverManager, which would first load (and log through) every driver on the class path
        java.sql.Driver driver = url.startsWith("jdbc:sqlite:") ? new org.sqlite.JDBC()
                : url.startsWith("jdbc:postgresql:") ? new org.postgresql.Driver() : new org.mariadb.jdbc.Driver();
        try (Connection c = driver.connect(jdbcUrl(url), p)) {
            if (c == null) throw new SQLException("no driver accepts " + url);
            // reachable, the database exists and the credentials are accepted
        }
    }

    /** The driver's connect-timeout property value for {@code seconds} (seconds for PostgreSQL, ms for MariaDB). */
    private static String connectTimeout(String url, int seconds) {
        if (url.startsWith("jdbc:postgresql:")) return String.valueOf(seconds);
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) return String.valueOf(seconds * 1000);
        return null;
    }

    private static HikariDataSource pool(String name, String url, String user, String password, int size, boolean autoCommit) {
        return pool(name, url, user, password, size, autoCommit, null);
    }

    private static HikariDataSource pool(String name, String url, String user, String password, int size, boolean autoCommit,
                                         String isolation) {
        return pool(name, url, user, password, size, autoCommit, isolation, Map.of());
    }

    /** {@code driverDefaults}: driver properties this pool sets unless the URL names them itself. */
    private static HikariDataSource pool(String name, String url, String user, String password, int size, boolean autoCommit,
                                         String isolation, Map<String, String> driverDefaults) {
        HikariConfig c = new HikariConfig();
        driverDefaults.forEach((k, v) -> {
            if (!url.contains(k + "=")) c.addDataSourceProperty(k, v);
        });
        c.setPoolName(name);
        c.setJdbcUrl(jdbcUrl(url));
        if (user != null) c.setUsername(user);
        if (password != null) c.setPassword(password);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(1);
        c.setAutoCommit(autoCommit);
        c.setConnectionTimeout(30_000);
        // Start-up tries once: an unreachable or unknown database is reported at once, not after 10 s.
        c.setInitializationFailTimeout(1);
        String timeout = connectTimeout(url, CONNECT_TIMEOUT_SECONDS);
        if (timeout != null) c.addDataSourceProperty("connectTimeout", timeout);
        if (url.startsWith("jdbc:postgresql:")) c.addDataSourceProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        if (isolation != null) {
            c.setTransactionIsolation(isolation);
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        return new HikariDataSource(c);
    }

    /**
     * The URL given to the driver. MariaDB Connector/J serves {@code jdbc:mysql://} (which README
     * advertises for MySQL servers) only when the URL says {@code permitMysqlScheme}.
     */
    static String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:mysql:") || url.contains("permitMysqlScheme")) return url;
        return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replaceAll("\\s+", " ").trim();
    }

    public Dialect dialect() { return dialect; }

    DataSource writeDataSource() { return writePool; }

    /**
     * A cache of read answers valid while nothing they were read from is committed to ({@link
     * ReadCache}), keeping at most {@code maxEntries}; {@code schoolOf} names the school an answer
     * belongs to, from its key and (null until read) the answer. {@code readsDirectory}: whether the
     * answers are read from the school's directory (departments, students, parents) too; if not, a
     * {@link #writeDirectory} leaves them kept.
     */
    public <K, V> ReadCache<K, V> cache(int maxEntries, boolean readsDirectory, java.util.function.BiFunction<K, V, String> schoolOf) {
        return new ReadCache<>(this, maxEntries, readsDirectory, schoolOf);
    }

    /** The embedded store's change mark now ({@link EmbeddedChanges}); {@link ReadCache#NO_MARK} where none is kept. */
    long changeMark() {
        return changes == null ? ReadCache.NO_MARK : changes.mark();
    }

    /** The change marks of PostgreSQL and MariaDB ({@link ChangeMarks}); null on the embedded store. */
    ChangeMarks changeMarks() { return marks; }

    /** Whether this thread is in a rehearsal ({@link #rehearse}), whose reads see its own uncommitted writes. */
    boolean inRehearsal() { return rehearsal.get() != null; }

    /** A read-only transaction over a consistent snapshot. */
    public <T> T read(SqlWork<T> work) {
        return run(readPool, null, false, Marks.NONE, work);
    }

    /**
     * One read-only statement outside any transaction: a single statement sees one consistent snapshot
     * by itself on every store, so it needs neither a BEGIN nor a COMMIT. Each request's token check
     * and the repeated gettoken are one such statement (issue 15): on PostgreSQL and MariaDB that is
     * one round trip instead of two, and the connection goes back to its pool at once.
     *
     * <p>PostgreSQL's driver switches to auto-commit (and back, when the pool resets the connection)
     * without a word to the server, so the read pool serves it. MariaDB's driver sends {@code SET
     * autocommit} for each switch, so there it gets a small pool of auto-commit connections. SQLite reads
     * in-process, where a transaction costs no round trip: it reads as {@link #read} does.
     */
    public <T> T readStatement(SqlWork<T> work) {
        if (rehearsal.get() != null || dialect == Dialect.SQLITE) return read(work);
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            DataSource ds = dialect == Dialect.MARIADB ? statementPool : readPool;
            try (Connection c = ds.getConnection()) {
                if (!c.getAutoCommit()) c.setAutoCommit(true);
                return work.run(new Tx(c, dialect, null, 0));
            } catch (SQLException e) {
                if (!dialect.isRetryable(e)) throw new StoreFailure(e);
                last = e;
            }
            backoff(attempt);
        }
        throw new StoreFailure(last);
    }

    /** A write transaction holding the lock of {@code corpId}'s row; the corp must exist. */
    public <T> T write(String corpId, SqlWork<T> work) {
        return run(writePool, corpId, true, Marks.SCHOOL, work);
    }

    /**
     * As {@link #write}, for a write of the school's directory only: its departments, students and
     * parents, their links and the change events they owe; never its tokens, apps, authorisations,
     * settings or anything else a token check or gettoken reads. On PostgreSQL and MariaDB it advances
     * the school's directory mark alone ({@link ChangeMarks}), so the token checks kept in memory stay
     * good while a sync writes.
     */
    public <T> T writeDirectory(String corpId, SqlWork<T> work) {
        return run(writePool, corpId, true, Marks.DIRECTORY, work);
    }

    /**
     * A write transaction not tied to one school (seeding new corps, reset, settings). On PostgreSQL
     * and MariaDB it advances the server's change mark as it commits ({@link ChangeMarks}), so every
     * answer kept in memory is read again.
     */
    public <T> T writeServer(SqlWork<T> work) {
        return run(writePool, null, true, Marks.SERVER, work);
    }

    /**
     * As {@link #writeServer}, for bookkeeping that no kept answer ({@link ReadCache}) is read from: the
     * event delivery tables. It leaves the change marks alone, so a busy delivery worker does not make
     * every request read the store again. Anything a {@link ReadCache} load reads (tokens, apps, corps,
     * authorisations, server settings, the directory) must never be written here.
     */
    public <T> T writeBookkeeping(SqlWork<T> work) {
        return run(writePool, null, true, Marks.NONE, work);
    }

    /** Which change mark a transaction advances as it commits ({@link ChangeMarks}; PostgreSQL and MariaDB only). */
    private enum Marks {
        NONE(null), SCHOOL(ChangeMarks.SCHOOL), DIRECTORY(ChangeMarks.DIRECTORY), SERVER(null);

        /** The school's mark column a school write advances. */
        final String column;

        Marks(String column) { this.column = column; }
    }

    /**
     * Runs {@code work} in one write transaction of {@code corpId} that is always rolled back: a dry
     * run of real domain code. While it runs, every {@link #read}, {@link #write} and
     * {@link #writeServer} this thread makes joins that transaction (a write under a savepoint, so a
     * refused call undoes exactly its own changes, as it would alone), so the domain rules see the
     * rehearsal's own earlier changes and nothing is ever committed. The school stays locked for
     * writers meanwhile. Used by the roster import's check.
     */
    public <T> T rehearse(String corpId, SqlWork<T> work) {
        if (rehearsal.get() != null) throw new IllegalStateException("a rehearsal is already open on this thread");
        try {
            run(writePool, corpId, true, Marks.SCHOOL, tx -> {
                rehearsal.set(tx);
                try {
                    throw new Rehearsed(work.run(tx));
                } finally {
                    rehearsal.remove();
                }
            });
            throw new IllegalStateException("unreachable: a rehearsal always rolls back");
        } catch (Rehearsed r) {
            @SuppressWarnings("unchecked")
            T result = (T) r.result;
            return result;
        }
    }

    /** Carries a rehearsal's result out of its transaction, which the exception rolls back. */
    private static final class Rehearsed extends RuntimeException {
        final transient Object result;

        Rehearsed(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private <T> T run(DataSource ds, String corpId, boolean write, Marks marks, SqlWork<T> work) {
        Tx joined = rehearsal.get();
        if (joined != null) {
            if (corpId != null && !corpId.equals(joined.corpId())) {
                throw new IllegalStateException("a rehearsal of " + joined.corpId() + " cannot write to " + corpId);
            }
            try {
                return write ? joined.item(work) : work.run(joined);
            } catch (SQLException e) {
                throw new StoreFailure(e);
            }
        }
        if (write && corpId != null && dialect == Dialect.SQLITE) return grouped(corpId, work);
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            boolean locked = false;
            if (write && dialect == Dialect.SQLITE) {
                embeddedWriter.lock();
                locked = true;
            }
            try (Connection c = ds.getConnection()) {
                StatementCache statements = locked ? writeStatements(c) : null;
                boolean manual = c.getAutoCommit();
                if (!write && dialect != Dialect.SQLITE && ds == writePool) {
                    // A read is several statements; at READ COMMITTED each would see a newer snapshot,
                    // so a list could show a student half-way through a concurrent rename. (The read pool's
                    // connections are at REPEATABLE READ already, SQLite's deferred read transaction reads
                    // one snapshot; Hikari restores the level.)
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
                try {
                    if (manual) execute(c, statements, "BEGIN IMMEDIATE");
                    long seq = 0;
                    if (corpId != null) {
                        Tx probe = new Tx(c, dialect, null, 0, statements);
                        seq = probe.one(dialect.lockCorpSql(), rs -> rs.getLong(1), corpId)
                                .orElseThrow(() -> org.schoolcontacts.wecom.WeComError.INVALID_CORPID.exception());
                    }
                    Tx tx = new Tx(c, dialect, corpId, seq, statements);
                    if (write) tx.ownedBy(this);
                    if (marks.column != null) tx.markWith(marks.column);
                    T result = work.run(tx);
                    tx.flushSeq();
                    // last, so the one server mark's row is locked only while this transaction commits
                    if (marks == Marks.SERVER && dialect.keepsChangeMarks()) ChangeMarks.advanceServerMark(tx);
                    if (manual) execute(c, statements, "COMMIT");
                    else c.commit();
                    if (write) ReadCache.Requests.wrote();
                    tx.runAfterCommit();
                    return result;
                } catch (SQLException e) {
                    safeRollback(c, manual);
                    // a failed transaction may have left a kept statement unusable: start afresh
                    if (statements != null) statements.clear();
                    if (!dialect.isRetryable(e)) throw new StoreFailure(e);
                    last = e;
                } catch (RuntimeException | Error e) {
                    safeRollback(c, manual);
                    throw e;
                }
            } catch (SQLException e) {
                if (!dialect.isRetryable(e)) throw new StoreFailure(e);
                last = e;
            } finally {
                if (locked) embeddedWriter.unlock();
            }
            backoff(attempt);
        }
        throw new StoreFailure(last);
    }

    /** The most school writes one embedded commit carries. */
    static final int MAX_GROUP = 32;
    /** Held by the thread that runs a group ({@link #grouped}). */
    private final Object combining = new Object();
    /** School writes waiting for the next group, oldest first. */
    private final java.util.ArrayList<Grouped<?>> waiting = new java.util.ArrayList<>();
    /** Commits made for groups of school writes, and the writes they carried (tests, benchmarks). */
    private final java.util.concurrent.atomic.AtomicLong groupCommits = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong groupedWrites = new java.util.concurrent.atomic.AtomicLong();

    private static final class Grouped<T> {
        final String corpId;
        final SqlWork<T> work;
        boolean done;
        T result;
        Throwable failure;
        Tx tx;

        Grouped(String corpId, SqlWork<T> work) {
            this.corpId = corpId;
            this.work = work;
        }
    }

    /**
     * A school write on the embedded store, committed together with the school writes that are waiting
     * at the same moment (flat combining, issue 15). SQLite has one writer and a commit is a disk sync
     * (about 0.6 ms of a 100-student batch's 1.8 ms under the write lock): writes that queue behind the
     * lock share one commit instead of waiting for one each. Each write runs under a savepoint of its own
     * with its school's row read and its sequence kept as alone, in arrival order, so the rules see
     * the earlier writes of the group as they would have seen them committed; a write that fails rolls
     * back alone and fails only its caller. Every caller returns after the commit that carries its
     * write, so nothing is acknowledged that is not on disk; a failed commit fails them all. A write
     * alone runs as before, without a savepoint.
     */
    private <T> T grouped(String corpId, SqlWork<T> work) {
        Grouped<T> job = new Grouped<>(corpId, work);
        synchronized (waiting) {
            waiting.add(job);
        }
        while (true) {
            synchronized (combining) {
                if (job.done) break;
                List<Grouped<?>> group;
                synchronized (waiting) {
                    List<Grouped<?>> head = waiting.subList(0, Math.min(waiting.size(), MAX_GROUP));
                    group = new java.util.ArrayList<>(head);
                    head.clear();
                }
                if (!group.isEmpty()) runGroup(group);
            }
        }
        if (job.failure instanceof RuntimeException e) throw e;
        if (job.failure instanceof Error e) throw e;
        ReadCache.Requests.wrote();
        job.tx.runAfterCommit();
        return job.result;
    }

    private void runGroup(List<Grouped<?>> group) {
        groupCommits.incrementAndGet();
        groupedWrites.addAndGet(group.size());
        boolean alone = group.size() == 1;
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            embeddedWriter.lock();
            try (Connection c = writePool.getConnection()) {
                StatementCache statements = writeStatements(c);
                try {
                    execute(c, statements, "BEGIN IMMEDIATE");
                    for (Grouped<?> j : group) runOne(c, statements, j, !alone);
                    if (alone && group.get(0).failure != null) {
                        safeRollback(c, true);
                    } else {
                        execute(c, statements, "COMMIT");
                    }
                    for (Grouped<?> j : group) j.done = true;
                    return;
                } catch (SQLException e) {
                    safeRollback(c, true);
                    statements.clear();
                    if (!dialect.isRetryable(e)) {
                        failAll(group, new StoreFailure(e));
                        return;
                    }
                    last = e;
                } catch (RuntimeException | Error e) {
                    safeRollback(c, true);
                    failAll(group, e);
                    return;
                }
            } catch (SQLException e) {
                if (!dialect.isRetryable(e)) {
                    failAll(group, new StoreFailure(e));
                    return;
                }
                last = e;
            } finally {
                embeddedWriter.unlock();
            }
            backoff(attempt);
        }
        failAll(group, new StoreFailure(last));
    }

    private static void failAll(List<Grouped<?>> group, Throwable failure) {
        for (Grouped<?> j : group) {
            j.failure = failure;
            j.done = true;
        }
    }

    /**
     * One write of a group: its school's row read (the lock elsewhere), its work, its sequence kept.
     * Throws only what should end the whole transaction: a retryable failure (all run again) or a
     * savepoint that cannot be rolled back.
     */
    private <T> void runOne(Connection c, StatementCache statements, Grouped<T> j, boolean savepoint) throws SQLException {
        j.failure = null;
        j.result = null;
        j.tx = null;
        if (savepoint) execute(c, statements, "SAVEPOINT grouped");
        try {
            Tx probe = new Tx(c, dialect, null, 0, statements);
            long seq = probe.one(dialect.lockCorpSql(), rs -> rs.getLong(1), j.corpId)
                    .orElseThrow(() -> org.schoolcontacts.wecom.WeComError.INVALID_CORPID.exception());
            Tx tx = new Tx(c, dialect, j.corpId, seq, statements);
            j.result = j.work.run(tx);
            tx.flushSeq();
            if (savepoint) execute(c, statements, "RELEASE SAVEPOINT grouped");
            j.tx = tx;
        } catch (SQLException e) {
            if (dialect.isRetryable(e)) throw e;
            statements.clear();
            undo(c, statements, savepoint);
            j.failure = new StoreFailure(e);
        } catch (RuntimeException | Error e) {
            undo(c, statements, savepoint);
            j.failure = e;
        }
    }

    private static void undo(Connection c, StatementCache statements, boolean savepoint) throws SQLException {
        if (!savepoint) return; // alone: the whole transaction is rolled back instead
        execute(c, statements, "ROLLBACK TO SAVEPOINT grouped");
        execute(c, statements, "RELEASE SAVEPOINT grouped");
    }

    /** How many school writes wait for the next group now (tests). */
    int waitingWrites() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** How many commits carried how many school writes on the embedded store: {commits, writes}. */
    long[] groupCommitCounts() { return new long[] {groupCommits.get(), groupedWrites.get()}; }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << attempt) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kept statements of the embedded store's write connection, {@code pooled}'s driver connection. */
    private StatementCache writeStatements(Connection pooled) throws SQLException {
        Connection driver = pooled.unwrap(Connection.class);
        if (writeStatements == null || !writeStatements.belongsTo(driver)) {
            // the pool replaced the connection (its statements went with it) or this is the first write
            if (writeStatements != null) writeStatements.clear();
            writeStatements = new StatementCache(driver);
        }
        return writeStatements;
    }

    private static void execute(Connection c, StatementCache statements, String sql) throws SQLException {
        if (statements == null) {
            execute(c, sql);
            return;
        }
        PreparedStatement ps = statements.get(sql);
        boolean failed = true;
        try {
            ps.execute();
            failed = false;
        } finally {
            statements.release(sql, ps, failed);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void safeRollback(Connection c, boolean manual) {
        try {
            if (manual) execute(c, "ROLLBACK");
            else c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; Hikari discards it
        }
    }

    @Override
    public void close() {
        if (statistics != null) statistics.close();
        if (changes != null) changes.close();
        embeddedWriter.lock();
        try {
            if (writeStatements != null) writeStatements.clear();
        } finally {
            embeddedWriter.unlock();
        }
        writePool.close();
        if (readPool != writePool) readPool.close();
        if (statementPool != null) statementPool.close();
    }

    /** An unexpected database failure: reaches the client as errcode -1, never as a stack trace. */
    public static final class StoreFailure extends RuntimeException {
        public StoreFailure(SQLException cause) { super(cause == null ? "store failure" : rootMessage(cause), cause); }
    }
}
