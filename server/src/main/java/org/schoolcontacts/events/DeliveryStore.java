package org.schoolcontacts.events;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.SqlWork;
import org.schoolcontacts.storage.Tx;

/**
 * The SQL of the send path: which streams have due work, the lease (one conditional UPDATE, so the
 * database decides which process delivers a stream), the head of a stream, and an attempt's outcome.
 * These transactions never take a corp lock, so delivering never holds up a WeCom write.
 */
final class DeliveryStore {
    static final String OPEN = "('pending', 'delivering')";

    private final Database db;
    private final GroupCommit groupCommit;

    DeliveryStore(Database db) {
        this.db = db;
        this.groupCommit = db.dialect() == Dialect.SQLITE ? new GroupCommit(db) : null;
    }

    /**
     * The send path's bookkeeping transactions. On the embedded store, whose single writer makes every
     * commit an fsync of its own, the workers' concurrent ones share one commit ({@link GroupCommit});
     * elsewhere each is a transaction of its own, as two streams' rows in one would risk deadlocks.
     */
    private <T> T write(SqlWork<T> work) {
        return groupCommit != null ? groupCommit.run(work) : db.writeBookkeeping(work);
    }

    /** The head of a stream: its oldest delivery that is not terminal. */
    record Head(String id, String streamKey, String corpId, String kind, String receiver, String plaintext, String query,
                String body, int attempts, long nextAttemptAt, String changeType, long seq) {}

    private static final String NOT_PAUSED_ALL = "NOT EXISTS (SELECT 1 FROM server_settings WHERE name = '" + EventAdmin.PAUSED_ALL + "')";

    /**
     * Streams whose head is due and that nobody holds: not paused, no live lease. Found from the
     * deliveries themselves, so a stream needs no row until it is first leased.
     */
    List<String> candidates(long now, int limit) {
        return db.read(tx -> tx.query("SELECT DISTINCT d.stream_key FROM event_deliveries d WHERE d.status IN " + OPEN
                        + " AND " + NOT_PAUSED_ALL
                        + " AND NOT EXISTS (SELECT 1 FROM event_streams s WHERE s.stream_key = d.stream_key"
                        + " AND (s.paused = 1 OR (s.owner IS NOT NULL AND s.lease_until >= ?)))"
                        // the stream's head (oldest open delivery) is due: not waiting for a retry or a batch window
                        + " AND d.next_attempt_at <= ? AND d.stream_seq = (SELECT MIN(e.stream_seq) FROM event_deliveries e"
                        + " WHERE e.stream_key = d.stream_key AND e.status IN " + OPEN + ") LIMIT " + limit,
                rs -> rs.getString(1), now, now));
    }

    /** Takes or renews the stream's lease until {@code until}; true for exactly one owner at a time. */
    boolean lease(String streamKey, String owner, long now, long until) {
        return db.writeBookkeeping(tx -> {
            if (tx.count("SELECT COUNT(*) FROM event_streams WHERE stream_key = ?", streamKey) == 0) {
                String corp = tx.one("SELECT corp_id FROM event_deliveries WHERE stream_key = ?", rs -> rs.getString(1), streamKey).orElse(null);
                Callbacks.ensureStream(tx, streamKey, corp);
            }
            return tx.update("UPDATE event_streams SET owner = ?, lease_until = ? WHERE stream_key = ? AND paused = 0 AND " + NOT_PAUSED_ALL
                    + " AND (owner IS NULL OR lease_until < ? OR owner = ?)", owner, until, streamKey, now, owner);
        }) == 1;
    }

    void release(String streamKey, String owner) {
        db.writeBookkeeping(tx -> tx.update("UPDATE event_streams SET owner = NULL, lease_until = 0 WHERE stream_key = ? AND owner = ?",
                streamKey, owner));
    }

    private static final String HEAD_COLUMNS = "SELECT delivery_id, stream_key, corp_id, kind, receiver, plaintext, query, body, attempts, "
            + "next_attempt_at, change_type, stream_seq FROM event_deliveries WHERE stream_key = ? AND status IN " + OPEN;

    Optional<Head> head(String streamKey) {
        return heads(streamKey, -1, 1).stream().findFirst();
    }

    /**
     * The next {@code limit} open deliveries of a stream in sequence order, read at once so a worker
     * does not read again for every push. {@code after}: only those past that sequence number (the
     * worker's last one: under its lease nothing earlier can open again, as an admin retry re-queues at
     * the end of the stream); -1 for the head itself.
     */
    List<Head> heads(String streamKey, long after, int limit) {
        String sql = HEAD_COLUMNS + (after >= 0 ? " AND stream_seq > ?" : "") + " ORDER BY stream_seq LIMIT " + limit;
        Object[] params = after >= 0 ? new Object[] {streamKey, after} : new Object[] {streamKey};
        return db.read(tx -> tx.query(sql, rs -> new Head(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getLong(10), rs.getString(11), rs.getLong(12)), params));
    }

    /**
     * The batch shape (spec events §1.4): folds the run of unsent batch-shape deliveries at the head of
     * a stream (at most 1000) into the head, whose plaintext becomes one change_school_contact_batch
     * notice listing each change with its commit time; the folded rows go. An auth notice queued in
     * the stream ends the run: changes behind it stay behind it. Returns the new plaintext.
     */
    String mergeBatch(Head head, long pushTimeSeconds) {
        return db.writeBookkeeping(tx -> {
            record Row(String id, long seq, long committedAt, String type, String target, String newId, String kind) {}
            List<Row> queued = tx.query("SELECT delivery_id, stream_seq, committed_at, change_type, target_id, new_id, kind FROM event_deliveries "
                            + "WHERE stream_key = ? AND status = 'pending' AND query IS NULL ORDER BY stream_seq LIMIT 1000",
                    rs -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7)), head.streamKey());
            List<Row> run = new java.util.ArrayList<>();
            for (Row r : queued) {
                if (!Receiver.SUITE_BATCH.equals(r.kind())) break;
                run.add(r);
            }
            if (run.isEmpty() || !run.get(0).id().equals(head.id())) return head.plaintext();
            List<Plaintext.Timed> changes = new java.util.ArrayList<>();
            StringBuilder ids = new StringBuilder();
            for (Row r : run) {
                changes.add(new Plaintext.Timed(r.committedAt() / 1000, new Change(ChangeType.parse(r.type()), r.target(), r.newId())));
                ids.append(ids.length() == 0 ? "" : ",").append(r.seq());
            }
            String plaintext = Plaintext.suiteBatch(head.receiver(), head.corpId(), pushTimeSeconds, changes);
            tx.update("UPDATE event_deliveries SET plaintext = ?, event_ids = ? WHERE delivery_id = ?", plaintext, ids.toString(), head.id());
            for (Row r : run.subList(1, run.size())) deleteDelivery(tx, r.id());
            return plaintext;
        });
    }

    /**
     * A finished attempt, recorded in the transaction that starts the stream's next one (or alone when
     * there is none): a crash before that commit leaves the delivery open, to be sent again (at least
     * once), never lost.
     */
    record Outcome(String id, int n, long at, Sender.Answer answer, String status, long nextAttemptAt, long finishedAt) {
        boolean terminal() { return !"pending".equals(status); }
    }

    /** What {@link #startAttempt} found: the attempt may go, the delivery is no longer open, or the lease is gone (lost or paused). */
    enum Start { STARTED, GONE, LEASE_LOST }

    /**
     * One transaction per push: records the previous attempt's outcome (if any), renews the lease of
     * {@code owner} until {@code leaseUntil} (failing when it was lost or the stream paused meanwhile),
     * and fixes the query and body of the first attempt (retries resend them) as it marks the delivery
     * delivering. With {@code id} null it only records and renews.
     */
    Start startAttempt(Outcome previous, String streamKey, String owner, long now, long leaseUntil, String id, String query, String body) {
        return write(tx -> {
            if (previous != null) record(tx, previous);
            if (tx.update("UPDATE event_streams SET lease_until = ? WHERE stream_key = ? AND owner = ? AND lease_until >= ? AND paused = 0 AND "
                    + NOT_PAUSED_ALL, leaseUntil, streamKey, owner, now) != 1) {
                return Start.LEASE_LOST;
            }
            if (id == null) return Start.STARTED;
            return tx.update("UPDATE event_deliveries SET status = 'delivering', query = ?, body = ? WHERE delivery_id = ? AND status IN " + OPEN,
                    query, body, id) == 1 ? Start.STARTED : Start.GONE;
        });
    }

    /** Records a finished attempt and the delivery's new status; nothing if the delivery went away meanwhile. */
    void finishAttempt(Outcome o) {
        write(tx -> {
            record(tx, o);
            return null;
        });
    }

    /** Records a finished attempt and cancels the stream's next delivery (its callback is gone), in one transaction. */
    void cancel(Outcome previous, String id, long now) {
        write(tx -> {
            if (previous != null) record(tx, previous);
            tx.update("UPDATE event_deliveries SET status = 'cancelled', finished_at = ? WHERE delivery_id = ? AND status IN " + OPEN, now, id);
            return null;
        });
    }

    private static void record(Tx tx, Outcome o) throws SQLException {
        Sender.Answer a = o.answer();
        int changed = tx.update("UPDATE event_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, finished_at = ? "
                        + "WHERE delivery_id = ? AND status IN " + OPEN,
                o.status(), o.n(), o.nextAttemptAt(), o.terminal() ? o.finishedAt() : null, o.id());
        if (changed == 1) {
            // numbered across re-queues (admin retry), so the log keeps every attempt
            long number = tx.count("SELECT COALESCE(MAX(n), 0) + 1 FROM event_attempts WHERE delivery_id = ?", o.id());
            tx.update("INSERT INTO event_attempts (delivery_id, corp_id, n, at, ms, http_status, body, error) "
                            + "SELECT delivery_id, corp_id, ?, ?, ?, ?, ?, ? FROM event_deliveries WHERE delivery_id = ?",
                    number, o.at(), a.millis(), a.status(), a.body(), truncate(a.error(), 500), o.id());
        }
    }

    void cancel(String id, long now) {
        cancel(null, id, now);
    }

    /**
     * Streams the embedded store left leased when the process died: with one process per file, they
     * are ours to take back at once instead of after the lease runs out.
     */
    void releaseAll() {
        db.writeBookkeeping(tx -> tx.update("UPDATE event_streams SET owner = NULL, lease_until = 0 WHERE owner IS NOT NULL"));
    }

    /** Keeps the latest {@code keep} terminal deliveries (spec events §1.7). */
    void prune(int keep) {
        db.writeBookkeeping(tx -> {
            Optional<Long> cutoff = tx.one("SELECT finished_at FROM event_deliveries WHERE status NOT IN " + OPEN
                    + " ORDER BY finished_at DESC LIMIT 1 OFFSET " + keep, rs -> rs.getLong(1));
            if (cutoff.isPresent()) deleteFinished(tx, " AND finished_at <= ?", cutoff.get());
            return null;
        });
    }

    /**
     * Deletes the terminal deliveries that {@code condition} (appended to the WHERE) also matches, with
     * their attempts: two set-based statements, however many they are.
     */
    static int deleteFinished(Tx tx, String condition, Object... params) throws SQLException {
        String finished = "status NOT IN " + OPEN + condition;
        tx.update("DELETE FROM event_attempts WHERE delivery_id IN (SELECT delivery_id FROM event_deliveries WHERE " + finished + ")", params);
        return tx.update("DELETE FROM event_deliveries WHERE " + finished, params);
    }

    static void deleteDelivery(Tx tx, String id) throws SQLException {
        tx.update("DELETE FROM event_attempts WHERE delivery_id = ?", id);
        tx.update("DELETE FROM event_deliveries WHERE delivery_id = ?", id);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
