package org.schoolcontacts.storage;

import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The answers of a few hot reads (a token's row, gettoken's lookup, one user), remembered only while
 * the store provably has not changed them (issue 15). An answer is handed out again only after a look
 * at the store, made after the request arrived, shows that nothing it was read from has been committed
 * since; so nothing kept outlives a revoke, a rename, a disabled app or another process's write. Times
 * are never part of what is kept: expiry is judged on every use.
 *
 * <p>That look differs by store. The embedded store asks SQLite whether any connection of any process
 * has committed since ({@link EmbeddedChanges}: a few microseconds, in-process). PostgreSQL and MariaDB
 * compare change marks that every write advances in its own transaction ({@link ChangeMarks}): the
 * answer's school's and the server's, read in one statement that the requests arriving meanwhile share.
 * A rehearsal (the roster import's dry run) reads its own uncommitted changes and is never served from
 * the cache.
 *
 * <p>Every load must be one SELECT ({@link Database#readStatement}) and return a value that is never
 * changed afterwards, and not null.
 */
public final class ReadCache<K, V> {
    /** A change mark that matches nothing: the store could not say, so nothing is reused. */
    static final long NO_MARK = Long.MIN_VALUE;

    /**
     * An answer and the marks it was read under: on the embedded store {@code corpId} is null and
     * {@code mark} the one mark covering all; elsewhere {@code marks} are its school's and the server's.
     */
    private record Kept<V>(String corpId, long mark, ChangeMarks.Marks marks, V value) {}

    private final Database db;
    private final int maxEntries;
    /** The school an answer belongs to, from its key and the answer; null: it may depend on any school (not kept on PostgreSQL and MariaDB). */
    private final BiFunction<K, V, String> schoolOf;
    /** Whether answers are read from the school's directory (departments, students, parents) too. */
    private final boolean readsDirectory;
    private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();

    ReadCache(Database db, int maxEntries, boolean readsDirectory, BiFunction<K, V, String> schoolOf) {
        if (maxEntries < 1) throw new IllegalArgumentException("a cache keeps at least one answer");
        this.db = db;
        this.maxEntries = maxEntries;
        this.readsDirectory = readsDirectory;
        this.schoolOf = Objects.requireNonNull(schoolOf);
    }

    /** Whether {@code kept}'s marks still hold, as {@code now} says. */
    private boolean holds(ChangeMarks.Marks kept, ChangeMarks.Marks now) {
        return kept.school() == now.school() && kept.server() == now.server() && (!readsDirectory || kept.directory() == now.directory());
    }

    /**
     * The answer for {@code key}: the kept one if the store has not changed it since it was read, else
     * {@code load} (one SELECT) run now and kept.
     */
    public V get(K key, SqlWork<V> load) {
        if (db.inRehearsal()) return db.read(load);
        ChangeMarks marks = db.changeMarks();
        return marks == null ? embedded(key, load) : networked(marks, key, load);
    }

    private V embedded(K key, SqlWork<V> load) {
        long mark = Requests.embeddedMark(db);
        if (mark == NO_MARK) return db.read(load);
        Kept<V> k = kept.get(key);
        if (k != null && k.mark() == mark) return k.value();
        V value = db.read(load);
        keep(key, new Kept<>(null, mark, null, value));
        return value;
    }

    private V networked(ChangeMarks marks, K key, SqlWork<V> load) {
        Kept<V> k = kept.get(key);
        String school = k != null ? k.corpId() : schoolOf.apply(key, null);
        if (school == null) {
            // Never seen, and the key alone does not name its school (a token): the answer and its
            // school's marks read in one snapshot, two statements of one read transaction.
            ChangeMarks.Marks[] read = new ChangeMarks.Marks[1];
            V value = db.read(tx -> {
                V v = load.run(tx);
                String corp = v == null ? null : schoolOf.apply(key, v);
                read[0] = corp == null ? null : ChangeMarks.read(tx, corp);
                return v;
            });
            String corp = schoolOf.apply(key, value);
            if (read[0] != null && corp != null) keep(key, new Kept<>(corp, 0, read[0], value));
            return value;
        }
        ChangeMarks.Seen now = marks.since(school, Requests.arrival());
        if (now == null) return db.readStatement(load);
        if (k != null && holds(k.marks(), now.marks())) return k.value();
        // Read after the marks were: a commit in between leaves the answer newer than its marks, which
        // only makes the next look read it again.
        V value = db.readStatement(load);
        if (school.equals(schoolOf.apply(key, value))) keep(key, new Kept<>(school, 0, now.marks(), value));
        return value;
    }

    /**
     * The answer for {@code key} inside {@code tx}, a directory-only write transaction ({@link
     * Database#writeDirectory}) of this cache's store, which holds its school's lock: the kept one if
     * the school's and the server's marks, read now in {@code tx} (one small statement), are those it
     * was read under; else {@code load} run in {@code tx} and kept with them. Such a transaction never
     * writes what a kept answer may be read from (apps, callbacks, authorisations, settings), so its own
     * uncommitted writes cannot have changed the answer either. Any other transaction, the embedded
     * store and a rehearsal: {@code load} run in {@code tx}, nothing kept.
     */
    public V inDirectoryWrite(Tx tx, K key, SqlWork<V> load) throws SQLException {
        if (tx.owner() != db || !tx.directoryOnly() || db.changeMarks() == null || db.inRehearsal()) return load.run(tx);
        String school = tx.corpId();
        ChangeMarks.Marks now = ChangeMarks.read(tx, school);
        if (now == null) return load.run(tx);
        Kept<V> k = kept.get(key);
        if (k != null && school.equals(k.corpId()) && holds(k.marks(), now)) return k.value();
        // read after the marks: a commit in between leaves the answer newer than its marks, which only
        // makes the next look read it again
        V value = load.run(tx);
        keep(key, new Kept<>(school, 0, now, value));
        return value;
    }

    private void keep(K key, Kept<V> entry) {
        if (entry.value() == null) throw new IllegalStateException("a cached read answered null");
        // Bounded by forgetting everything at once: answers of an old mark are dead anyway, and a flood
        // of distinct keys (unknown tokens) must not grow the heap.
        if (kept.size() >= maxEntries) kept.clear();
        kept.put(key, entry);
    }

    /** How many answers are kept now (tests). */
    int size() { return kept.size(); }

    /**
     * The moment the current request arrived, which the look at the store must follow ({@link
     * ChangeMarks#since}). A server wraps each request in {@link #begin}, so the reads of one request
     * share one look (on the embedded store, one reading of its mark); a read outside any request
     * looks for itself. A write this thread commits makes the request count as arriving anew
     * ({@link #wrote}), so its later reads see its own write.
     */
    public static final class Requests implements AutoCloseable {
        /** The current request of this thread: when it arrived, and the embedded store's mark read since (if any). */
        private static final class Current {
            long arrived = System.nanoTime();
            Database embedded;
            long embeddedMark = NO_MARK;
        }

        private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();
        private final Current previous;

        private Requests(Current previous) { this.previous = previous; }

        /** Marks the start of a request on this thread; close it when the request has been answered. */
        public static Requests begin() {
            Requests r = new Requests(CURRENT.get());
            CURRENT.set(new Current());
            return r;
        }

        static long arrival() {
            Current c = CURRENT.get();
            return c == null ? System.nanoTime() : c.arrived;
        }

        /** {@code db}'s embedded mark, read once per request: a reading made after the request arrived. */
        static long embeddedMark(Database db) {
            Current c = CURRENT.get();
            if (c == null) return db.changeMark();
            if (c.embedded != db || c.embeddedMark == NO_MARK) {
                c.embedded = db;
                c.embeddedMark = db.changeMark();
            }
            return c.embeddedMark;
        }

        /** This thread committed a write: what the request reads next must be looked at afresh. */
        static void wrote() {
            Current c = CURRENT.get();
            if (c == null) return;
            c.arrived = System.nanoTime();
            c.embeddedMark = NO_MARK;
        }

        @Override
        public void close() {
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
        }
    }
}
