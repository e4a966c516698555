package org.schoolcontacts.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * How a server on PostgreSQL or MariaDB tells that what it keeps in memory ({@link ReadCache}) is still
 * what the store holds, without one round trip per request (issue 15).
 *
 * <p>Every committed write advances a mark in its own transaction (migrations V11, V12): a write of a
 * school's directory only its {@code school_marks.directory_mark} ({@link Database#writeDirectory}), any
 * other school write its {@code school_marks.change_mark} ({@link Database#write}; both in {@link
 * Tx#flushSeq}, the transaction's last statement but one), a server-wide write the one server mark in
 * {@code store_marks} ({@link Database#writeServer}). A mark becomes visible together with the rows its
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
        ROUND_SQL = "SELECT s.mark, m.corp_id, m.change_mark, m.directory_mark FROM store_marks s LEFT JOIN school_marks m ON m.corp_id IN ("
                + in + ") WHERE s.name = 'server'";
    }

    /**
     * A school's marks before any write advanced them (it has no row in {@code school_marks} yet): the
     * first write inserts its row with the mark it advances at 1 and the other at this.
     */
    static final long NO_SCHOOL = 0;

    /** The marks one round read for a school, and when that round began ({@link System#nanoTime}). */
    record Seen(long roundStarted, Marks marks) {}

    /** A school's change and directory marks and the server mark, as read together. */
    record Marks(long school, long directory, long server) {}

    private final Database db;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the round whose statement is running, or null. */
    private Round inFlight;
    /** Guarded by {@link #lock}: the round gathering the schools of requests that arrived meanwhile, or null. */
    private Round next;
    /** Guarded by {@link #lock}: each school's marks as the latest round that read them saw them. */
    private final Map<String, Seen> seen = new HashMap<>();
    /** Guarded by {@link #lock}: when the latest round that failed began (its waiters then read the store). */
    private long failedRoundStarted = Long.MIN_VALUE;
    /** Guarded by {@link #lock}: rounds run (tests, benchmarks). */
    private long rounds;

    /**
     * One read of the marks. Its waiters park on {@link #done} and are woken together without taking
     * any lock again; the request that opened it while another was running parks on {@link #go} and
     * runs it as soon as that one ends. (A condition's signalAll made every waiter of every round queue
     * for one lock in turn: user/get at 32 connections 17,374 against 22,214 requests/s on PostgreSQL,
     * 16,870 against 21,117 on MariaDB, one run side by side; issue 15.)
     */
    private static final class Round {
        final LinkedHashSet<String> corps = new LinkedHashSet<>();
        /** When it began (guarded by {@link ChangeMarks#lock}): after every waiter arrived, before its statement. */
        long started;
        final java.util.concurrent.CompletableFuture<Void> go = new java.util.concurrent.CompletableFuture<>();
        final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    }

    ChangeMarks(Database db) { this.db = db; }

    /**
     * The marks of {@code corpId} as read by a round that began after {@code arrived} (a {@link
     * System#nanoTime} of the caller's), running or waiting for one as needed; null when the round failed
     * (the store could not say: the caller reads the store itself, which reports the failure).
     */
    Seen since(String corpId, long arrived) {
        while (true) {
            Round round;
            boolean lead;
            synchronized (lock) {
                Seen s = seen.get(corpId);
                if (s != null && s.roundStarted() > arrived) return s;
                if (failedRoundStarted > arrived) return null;
                if (inFlight == null) {
                    // nothing running: this request runs a round of its own at once
                    round = new Round();
                    round.corps.add(corpId);
                    begin(round);
                    lead = true;
                } else if (next == null) {
                    // one is running, which may have begun before this request arrived: open the next one,
                    // which this request runs when the running one ends
                    round = next = new Round();
                    round.corps.add(corpId);
                    lead = true;
                } else {
                    round = next;
                    // a full next round cannot take this school: wait for it, then for a later one
                    if (round.corps.size() < PER_ROUND) round.corps.add(corpId);
                    lead = false;
                }
            }
            if (lead) {
                round.go.join();
                run(round);
            } else {
                round.done.join();
            }
        }
    }

    /** Makes {@code round} the running one; under {@link #lock}. */
    private void begin(Round round) {
        inFlight = round;
        // taken after every school of the round was added, and before its statement runs: the round
        // sees every commit made before this moment, so before any of its waiters arrived
        round.started = System.nanoTime();
        rounds++;
        round.go.complete(null);
    }

    /** Runs a begun round's statement on the calling thread, publishes what it read, and begins the next round. */
    private void run(Round round) {
        List<String> corps = new ArrayList<>(round.corps);
        Map<String, Marks> marks = null;
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
                // a school without a row: no write has advanced its marks yet
                Marks none = new Marks(NO_SCHOOL, NO_SCHOOL, serverMark[0]);
                for (String corp : corps) found.putIfAbsent(corp, none);
                marks = found;
            }
        } catch (RuntimeException failed) {
            // the store is unreachable or refused: this round's waiters read the store, which tells them
        } finally {
            synchronized (lock) {
                if (marks == null) {
                    failedRoundStarted = Math.max(failedRoundStarted, round.started);
                } else {
                    if (seen.size() > 100_000) seen.clear();
                    for (String corp : corps) {
                        Seen before = seen.get(corp);
                        if (before == null || before.roundStarted() < round.started) seen.put(corp, new Seen(round.started, marks.get(corp)));
                    }
                }
                inFlight = null;
                if (next != null) {
                    Round following = next;
                    next = null;
                    begin(following);
                }
            }
            round.done.complete(null);
        }
    }

    /**
     * The marks of {@code corpId} in {@code tx}'s snapshot, read with an answer to be kept ({@link
     * ReadCache}); null when the store keeps no server mark.
     */
    static Marks read(Tx tx, String corpId) throws SQLException {
        return tx.one("SELECT s.mark, m.change_mark, m.directory_mark FROM store_marks s LEFT JOIN school_marks m ON m.corp_id = ? "
                + "WHERE s.name = 'server'", rs -> {
                    long server = rs.getLong(1);
                    long school = rs.getLong(2);
                    if (rs.wasNull()) return new Marks(NO_SCHOOL, NO_SCHOOL, server);
                    return new Marks(school, rs.getLong(3), server);
                }, corpId).orElse(null);
    }

    /**
     * Advances {@code column} ({@link #SCHOOL} or {@link #DIRECTORY}) of {@code corpId}'s marks, creating
     * its row at the first write; once per school write transaction ({@link Tx#flushSeq}).
     */
    static void advance(Tx tx, String corpId, String column) throws SQLException {
        String sql = switch (tx.dialect()) {
            case POSTGRESQL -> DIRECTORY.equals(column) ? PG_DIRECTORY : PG_SCHOOL;
            case MARIADB -> DIRECTORY.equals(column) ? MARIADB_DIRECTORY : MARIADB_SCHOOL;
            case SQLITE -> throw new IllegalStateException("the embedded store keeps no change marks");
        };
        tx.update(sql, corpId);
    }

    private static final String PG_SCHOOL = "INSERT INTO school_marks (corp_id, change_mark, directory_mark) VALUES (?, 1, 0) "
            + "ON CONFLICT (corp_id) DO UPDATE SET change_mark = school_marks.change_mark + 1";
    private static final String PG_DIRECTORY = "INSERT INTO school_marks (corp_id, change_mark, directory_mark) VALUES (?, 0, 1) "
            + "ON CONFLICT (corp_id) DO UPDATE SET directory_mark = school_marks.directory_mark + 1";
    private static final String MARIADB_SCHOOL = "INSERT INTO school_marks (corp_id, change_mark, directory_mark) VALUES (?, 1, 0) "
            + "ON DUPLICATE KEY UPDATE change_mark = change_mark + 1";
    private static final String MARIADB_DIRECTORY = "INSERT INTO school_marks (corp_id, change_mark, directory_mark) VALUES (?, 0, 1) "
            + "ON DUPLICATE KEY UPDATE directory_mark = directory_mark + 1";

    /** Advances the server mark; the last statement of a server-wide write ({@link Database#writeServer}). */
    static void advanceServerMark(Tx tx) throws SQLException {
        tx.update("UPDATE store_marks SET mark = mark + 1 WHERE name = 'server'");
    }

    /** How many rounds have begun (tests, benchmarks). */
    long rounds() {
        synchronized (lock) {
            return rounds;
        }
    }
}
