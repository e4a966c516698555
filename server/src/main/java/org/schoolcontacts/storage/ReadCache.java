package org.schoolcontacts.storage;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of a few hot reads (a token's row, gettoken's lookup, one user), remembered only while
 * the store provably has not changed (issue 15). Each answer is kept with the store's change mark read
 * <em>before</em> it was read, and is handed out again only while the mark is still the same; any commit
 * by any connection or process changes the mark, so nothing kept outlives a revoke, a rename, a disabled
 * app or another process's write. Times are never part of what is kept: expiry is judged on every use.
 *
 * <p>Only the embedded store can tell cheaply and synchronously that nothing changed ({@link
 * EmbeddedChanges}); on PostgreSQL and MariaDB learning that costs the very round trip a cache would
 * save, so there every call reads the store. A rehearsal (the roster import's dry run) reads its own
 * uncommitted changes and is never served from the cache.
 */
public final class ReadCache<K, V> {
    /** A change mark that matches nothing: the store could not say, so nothing is reused. */
    static final long NO_MARK = Long.MIN_VALUE;

    private record Kept<V>(long mark, V value) {}

    private final Database db;
    private final int maxEntries;
    private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();

    ReadCache(Database db, int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("a cache keeps at least one answer");
        this.db = db;
        this.maxEntries = maxEntries;
    }

    /** Whether answers are reused at all on this store (the embedded store only). */
    public boolean reuses() { return db.reusesReads(); }

    /**
     * The answer for {@code key}: the kept one if the store has not changed since it was read, else
     * {@code load} run in a read transaction ({@link Database#read}) and kept. {@code load} must return
     * a value that is never changed afterwards, and not null.
     */
    public V get(K key, SqlWork<V> load) {
        long mark = db.changeMark();
        if (mark == NO_MARK) return db.read(load);
        Kept<V> k = kept.get(key);
        if (k != null && k.mark() == mark) return k.value();
        V value = db.read(load);
        if (value == null) throw new IllegalStateException("a cached read answered null");
        // Bounded by forgetting everything at once: answers of an old mark are dead anyway, and a flood
        // of distinct keys (unknown tokens) must not grow the heap.
        if (kept.size() >= maxEntries) kept.clear();
        kept.put(key, new Kept<>(mark, value));
        return value;
    }

    /** How many answers are kept now (tests). */
    int size() { return kept.size(); }
}
