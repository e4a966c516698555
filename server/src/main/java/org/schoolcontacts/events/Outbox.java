package org.schoolcontacts.events;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.storage.DirectoryWriteCache;
import org.schoolcontacts.storage.Tx;

/**
 * The write side of change events: {@link ChangeRecorder} over the outbox tables (spec events §1.7).
 * The first recording in a transaction looks up the corp's eligible receivers (fixed from then on, as
 * the corp lock is held) and the commit time shared by the request's events. Each event takes the
 * next number of the corp's sequence, whose row lock serialises the corp's writers across processes,
 * so sequence order is commit order; one delivery row per receiver is written right away, inside the
 * item's savepoint, so a failed item's deliveries roll back with it.
 *
 * <p>Suite notices (tickets, auth notices) go through the same table and the same send path: an auth
 * notice takes the corp's sequence (its stream is the suite's stream of that school), a ticket the
 * suite's own counter, advanced by an UPDATE that also serialises the suite's ticket writers.
 */
public final class Outbox implements ChangeRecorder, SuiteNoticeRecorder {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long the batch shape collects changes (spec events §1.4: 500 ms). */
    static final long BATCH_WINDOW_MILLIS = 500;

    private final ServerClock clock;
    private final Signal committed = new Signal();
    private final Runnable afterCommit = committed::fire;
    private final Object txKey = new Object();
    /** The corps' eligible receivers, kept across a school's directory writes while nothing changed them. */
    private final DirectoryWriteCache<List<Receiver>> receivers = new DirectoryWriteCache<>(4096);

    public Outbox(ServerClock clock) {
        this.clock = clock;
    }

    /** Fired after each transaction that recorded something: wakes this process's delivery threads. */
    public Signal committed() { return committed; }

    /** committedAt: server-clock milliseconds; the plaintext's CreateTime/TimeStamp is its second. */
    private record TxState(List<Receiver> receivers, long committedAt, Origin origin) {}

    private TxState state(Tx tx) throws SQLException {
        TxState s = tx.local(txKey, () -> null);
        if (s == null) {
            if (tx.corpId() == null) throw new IllegalStateException("changes are recorded in a corp write transaction");
            s = new TxState(receivers.get(tx, t -> List.copyOf(Callbacks.eligible(t, t.corpId()))), clock.millis(), Origin.current());
            TxState loaded = s;
            tx.local(txKey, () -> loaded);
        }
        return s;
    }

    @Override
    public boolean active(Tx tx) throws SQLException {
        return !state(tx).receivers().isEmpty();
    }

    @Override
    public void record(Tx tx, Change change) throws SQLException {
        TxState s = state(tx);
        if (s.receivers().isEmpty()) return;
        long seq = tx.nextSeq();
        for (Receiver r : s.receivers()) {
            String plaintext = r.isSuite()
                    ? Plaintext.suiteNotice(r.receiver(), tx.corpId(), s.committedAt() / 1000, change)
                    : Plaintext.appEvent(tx.corpId(), s.committedAt() / 1000, change);
            Origin o = s.origin();
            tx.update("INSERT INTO event_deliveries (delivery_id, stream_key, stream_seq, corp_id, kind, receiver, change_type, "
                            + "target_id, new_id, event_ids, origin_method, origin_path, origin_agentid, committed_at, plaintext, "
                            + "status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)",
                    newId(), r.streamKey(), seq, tx.corpId(), r.kind(), r.receiver(), change.type().wireName(),
                    change.id(), change.newId(), Long.toString(seq), o == null ? null : o.method(), o == null ? null : o.path(),
                    o == null ? null : o.agentid(), s.committedAt(), plaintext,
                    // the batch shape waits until its oldest change is a window old (real time, §1.4)
                    r.batch() ? System.currentTimeMillis() + BATCH_WINDOW_MILLIS : 0L);
        }
        tx.afterCommit(afterCommit);
    }

    @Override
    public void record(Tx tx, SuiteNotice n) throws SQLException {
        // the receiver is fixed now: a suite without an instruction URL gets nothing (spec events §1.1)
        if (tx.count("SELECT COUNT(*) FROM suites WHERE suite_id = ? AND callback_url IS NOT NULL", n.suiteId()) == 0) return;
        long seq;
        if (n.corpId() == null) {
            seq = nextSuiteSeq(tx, n.suiteId());
        } else {
            if (!n.corpId().equals(tx.corpId())) throw new IllegalStateException("an auth notice is recorded in its corp's write transaction");
            seq = tx.nextSeq();
        }
        long committedAt = clock.millis();
        Origin o = Origin.current();
        Callbacks.ensureStream(tx, n.streamKey(), n.corpId());
        tx.update("INSERT INTO event_deliveries (delivery_id, stream_key, stream_seq, corp_id, kind, receiver, change_type, "
                        + "target_id, new_id, event_ids, origin_method, origin_path, origin_agentid, committed_at, plaintext, "
                        + "status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 'pending', 0, 0)",
                newId(), n.streamKey(), seq, n.corpId(), Receiver.SUITE, n.suiteId(), n.infoType(),
                n.corpId(), Long.toString(seq), o == null ? null : o.method(), o == null ? null : o.path(),
                o == null ? null : o.agentid(), committedAt, n.plaintext(committedAt / 1000));
        tx.afterCommit(afterCommit);
    }

    /** The next number of a suite's ticket stream; the UPDATE holds the suite's row until commit. */
    static long nextSuiteSeq(Tx tx, String suiteId) throws SQLException {
        if (tx.update("UPDATE suites SET notice_seq = notice_seq + 1 WHERE suite_id = ?", suiteId) != 1) {
            throw new IllegalStateException("no suite " + suiteId);
        }
        return tx.one("SELECT notice_seq FROM suites WHERE suite_id = ?", rs -> rs.getLong(1), suiteId).orElseThrow();
    }

    static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "d" + HexFormat.of().formatHex(b);
    }
}
