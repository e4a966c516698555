package org.schoolcontacts.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a server on PostgreSQL or MariaDB tells that what it keeps in memory ({@link ReadCache}) is still
 * what the store holds, without one round trip per request (issue 15).
 *
 * <p>Every committed write advances a mark in its own transaction (migration V11): a write of a
 * school's directory only its {@code corps.directory_mark} ({@link Database#writeDirectory}), any other
 * school write its {@code corps.change_mark} ({@link Database#write}; both in {@link Tx#flushSeq}, the
 * transaction's last statement but one), a server-wide write the one server mark in {@code
 * store_marks} ({@link Database#writeServer}). A mark becomes visible together with the rows its
 * transaction wrote, so if the marks an answer depends on, read now, equal those read with (or before)
 * it, nothing that answer was read from has changed. A token check depends on its school's change mark
 * and the server mark; a user's answer on the directory mark too.
 *
 * <p>Reading the marks is one small statement, and many requests share it: a request waits for a
 * <em>round</em> (one read of the marks of up to {@link #PER_ROUND} schools) that began after the
 * request arrived, so a write committed before that is always seen, as if the request had read the
 * store itself. While one round's statement runs, the requests that arrive queue for the next one, which
 * the first of them runs as soon as the first ends. Under load a round answers dozens of requests; alone,
 * a request runs its own round (one round trip, as before).
 */
final class ChangeMarks {
    /** The school's mark column of any school write but a directory-only one. */
    static final String SCHOOL = "change_mark";
    /** The school's mark column of a directory-only write. */
    static final String DIRECTORY = "directory_mark";

    /** The most schools one round reads. */
    static final int PER_ROUND = 8;

    private static final String ROUND_SQL;

    static {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < PER_ROUND; i++) in.append(i == 0 ? "?" : ", ?");
        // one row per school found (or one with no school when none is: the server mark alone)
        ROUND_SQL = "SELECT s.mark, c.corp_id, c.change_mark, c.directory_mark FROM store_marks s LEFT JOIN corps c ON c.corp_id IN ("
                + in + ") WHERE s.name = 'server'";
    }

    /** A school's mark for a corp that does not exist (it can only come into being by a server-wide write). */
    static final long NO_SCHOOL = -1;

    /** The marks one round read for a school, and when that round began ({@link System#nanoTime}). */
    record Seen(long roundStarted, Marks marks) {}

    /** A school's change and directory marks and the server mark, as read together. */
    record Marks(long school, long directory, long server) {}

    private final Database db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roundEnded = lock.newCondition();
    /** Guarded by {@link #lock}: a round's statement is running. */
    private boolean running;
    /** Guarded by {@link #lock}: the schools waiting for the next round, in arrival order. */
    private final LinkedHashSet<String> wanted = new LinkedHashSet<>();
    /** Guarded by {@link #lock}: each school's marks as the latest round that read them saw them. */
    private final Map<String, Seen> seen = new HashMap<>();
    /** Guarded by {@link #lock}: when the latest round that failed began (its waiters then read the store). */
    private long failedRoundStarted = Long.MIN_VALUE;
    /** Rounds run and schools they read (tests, benchmarks). */
    private long rounds;

    ChangeMarks(Database db) { this.db = db; }

    /**
     * The marks of {@code corpId} as read by a round that began after {@code arrived} (a {@link
     * System#nanoTime} of the caller's), running or waiting for one as needed; null when the round failed
     * (the store could not say: the caller reads the store itself, which reports the failure).
     */
    Seen since(String corpId, long arrived) {
        lock.lock();
        try {
            while (true) {
                Seen s = seen.get(corpId);
                if (s != null && s.roundStarted() > arrived) return s;
                if (failedRoundStarted > arrived) return null;
                wanted.add(corpId);
                if (running) {
                    roundEnded.awaitUninterruptibly();
                    continue;
                }
                runRound();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs one round on the calling thread; entered and left holding {@link #lock}, which it lets go meanwhile. */
    private void runRound() {
        running = true;
        List<String> corps = new ArrayList<>(PER_ROUND);
        for (Iterator<String> i = wanted.iterator(); i.hasNext() && corps.size() < PER_ROUND; ) {
            corps.add(i.next());
            i.remove();
        }
        // taken after this round's schools were, and before its statement runs: the round sees every
        // commit made before this moment
        long started = System.nanoTime();
        Map<String, Marks> marks = null;
        lock.unlock();
        try {
            Object[] params = new Object[PER_ROUND];
            for (int i = 0; i < PER_ROUND; i++) params[i] = corps.get(Math.min(i, corps.size() - 1));
            Map<String, Marks> found = new HashMap<>();
            long[] serverMark = {Long.MIN_VALUE};
            db.readStatement(tx -> tx.query(ROUND_SQL, rs -> {
                serverMark[0] = rs.getLong(1);
                String corp = rs.getString(2);
                if (corp != null) found.put(corp, new Marks(rs.getLong(3), rs.getLong(4), serverMark[0]));
                return null;
            }, params));
            if (serverMark[0] != Long.MIN_VALUE) {
                // a school not found can only come into being by a server-wide write
                Marks none = new Marks(NO_SCHOOL, NO_SCHOOL, serverMark[0]);
                for (String corp : corps) found.putIfAbsent(corp, none);
                marks = found;
            }
        } catch (RuntimeException failed) {
            // the store is unreachable or refused: this round's waiters read the store, which tells them
        } finally {
            lock.lock();
            running = false;
            rounds++;
            if (marks == null) {
                failedRoundStarted = Math.max(failedRoundStarted, started);
            } else {
                if (seen.size() > 100_000) seen.clear();
                for (String corp : corps) seen.put(corp, new Seen(started, marks.get(corp)));
            }
            roundEnded.signalAll();
        }
    }

    /**
     * The marks of {@code corpId} in {@code tx}'s snapshot, read with an answer to be kept ({@link
     * ReadCache}); null when the store keeps no server mark.
     */
    static Marks read(Tx tx, String corpId) throws SQLException {
        return tx.one("SELECT s.mark, c.change_mark, c.directory_mark FROM store_marks s LEFT JOIN corps c ON c.corp_id = ? "
                + "WHERE s.name = 'server'", rs -> {
                    long server = rs.getLong(1);
                    long school = rs.getLong(2);
                    if (rs.wasNull()) return new Marks(NO_SCHOOL, NO_SCHOOL, server);
                    return new Marks(school, rs.getLong(3), server);
                }, corpId).orElse(null);
    }

    /** Advances the server mark; the last statement of a server-wide write ({@link Database#writeServer}). */
    static void advanceServerMark(Tx tx) throws SQLException {
        tx.update("UPDATE store_marks SET mark = mark + 1 WHERE name = 'server'");
    }

    /** How many rounds have run (tests, benchmarks). */
    long rounds() {
        lock.lock();
        try {
            return rounds;
        } finally {
            lock.unlock();
        }
    }
}
