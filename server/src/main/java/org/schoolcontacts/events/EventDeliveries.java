package org.schoolcontacts.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;

/**
 * The delivery log and its controls as one service: {@code /__admin/events…} and the console's
 * deliveries pages both call it, so pausing, retrying or draining from a browser is exactly what the
 * admin API does. Nothing it returns carries a callback's token or EncodingAESKey; a delivery's
 * sealed query and body are in the JSON (the admin API shows them), and the console leaves them out.
 */
public final class EventDeliveries {
    /** Every status a delivery can have, in the order a delivery moves through them. */
    public static final List<String> STATUSES = List.of("pending", "delivering", "delivered", "receiver_error", "failed", "cancelled");

    private final Database db;
    private final Delivery delivery;

    EventDeliveries(Database db, Delivery delivery) {
        this.db = db;
        this.delivery = delivery;
    }

    /**
     * One receiver's queue as the console lists it. {@code url} is where its deliveries go now, without
     * the URL's query (which may carry a credential of the receiver's own); null when no callback is set.
     * {@code counts}: deliveries in the log per status (every status of {@link #STATUSES}, zeros included).
     */
    public record Stream(String key, String corpId, String kind, String url, boolean paused, Map<String, Long> counts) {
        public long open() { return counts.get("pending") + counts.get("delivering"); }
    }

    /** The log, newest first, as {@code GET /__admin/events} answers it; null filters match anything. */
    public ArrayNode find(String receiver, String status, String changeType, String corpId, Long sinceMillis, int limit) {
        EventLog.Filter f = new EventLog.Filter(receiver, status, changeType, corpId, sinceMillis, limit);
        return db.read(tx -> EventLog.find(tx, f));
    }

    /** One delivery with its attempts, also while pending. */
    public Optional<ObjectNode> one(String id) {
        return db.read(tx -> EventLog.one(tx, id));
    }

    /** Every stream that has a row or a delivery in the log, by key. */
    public List<Stream> streams() {
        return db.read(tx -> {
            record Row(String corpId, String kind, String receiver) {}
            Map<String, Row> rows = new TreeMap<>();
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            Map<String, Boolean> paused = new TreeMap<>();
            for (Object[] r : tx.query("SELECT stream_key, corp_id, paused FROM event_streams",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3) == 1})) {
                paused.put((String) r[0], (Boolean) r[2]);
                rows.putIfAbsent((String) r[0], new Row((String) r[1], null, null));
            }
            for (Object[] r : tx.query("SELECT stream_key, status, COUNT(*), MIN(corp_id), MIN(kind), MIN(receiver) FROM event_deliveries "
                    + "GROUP BY stream_key, status", rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                    rs.getString(5), rs.getString(6)})) {
                String key = (String) r[0];
                counts.computeIfAbsent(key, k -> new LinkedHashMap<>()).put((String) r[1], (Long) r[2]);
                Row known = rows.get(key);
                if (known == null || known.kind() == null) rows.put(key, new Row((String) r[3], (String) r[4], (String) r[5]));
            }
            boolean all = pausedAll(tx);
            List<Stream> out = new ArrayList<>();
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                String key = e.getKey();
                Row row = e.getValue();
                Map<String, Long> c = new LinkedHashMap<>();
                for (String s : STATUSES) c.put(s, counts.getOrDefault(key, Map.of()).getOrDefault(s, 0L));
                String kind = row.kind() != null ? row.kind() : key.startsWith("suite:") ? Receiver.SUITE : Receiver.APP;
                out.add(new Stream(key, row.corpId(), kind, withoutQuery(url(tx, key, row.corpId(), kind, row.receiver())),
                        all || paused.getOrDefault(key, false), c));
            }
            return out;
        });
    }

    private static String url(Tx tx, String key, String corpId, String kind, String receiver) throws SQLException {
        if (Receiver.isSuite(kind)) {
            String suiteId = receiver != null ? receiver : key.split(":", 3)[1];
            return Callbacks.suite(tx, suiteId).map(Callbacks.AppCallback::url).orElse(null);
        }
        if (corpId == null) return null;
        String appId = receiver;
        if (appId == null) {
            String agentid = key.substring(key.lastIndexOf(':') + 1);
            if (!agentid.matches("[0-9]{1,18}")) return null;
            appId = tx.one("SELECT app_id FROM apps WHERE corp_id = ? AND agentid = ?", rs -> rs.getString(1), corpId, Long.parseLong(agentid))
                    .orElse(null);
            if (appId == null) return null;
        }
        return Callbacks.forDelivery(tx, corpId, appId).map(Callbacks.AppCallback::url).orElse(null);
    }

    private static String withoutQuery(String url) {
        if (url == null) return null;
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    /** True when every stream is paused at once ({@code POST /__admin/events/pause} without a receiver). */
    public boolean pausedAll() { return db.read(EventDeliveries::pausedAll); }

    static boolean pausedAll(Tx tx) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM server_settings WHERE name = ?", EventAdmin.PAUSED_ALL) > 0;
    }

    /**
     * Pauses or resumes every stream ({@code receiver} null) or those whose key starts with
     * {@code receiver}; events keep queuing meanwhile. A pause by prefix is stored as that prefix, so
     * streams created later under it start paused too ({@link StreamPauses}). Returns what is paused
     * now: stream keys ({@code "*"}: all).
     */
    public List<String> setPaused(String receiver, boolean paused) {
        db.writeServer(tx -> {
            if (receiver == null) {
                tx.update("DELETE FROM server_settings WHERE name = ?", EventAdmin.PAUSED_ALL);
                if (paused) tx.update("INSERT INTO server_settings (name, value) VALUES (?, '1')", EventAdmin.PAUSED_ALL);
                tx.update("UPDATE event_streams SET paused = ?" + (paused ? ", owner = NULL, lease_until = 0" : ""), paused ? 1 : 0);
                if (!paused) StreamPauses.forgetAll(tx);
            } else if (paused) {
                StreamPauses.pause(tx, receiver);
            } else {
                StreamPauses.resume(tx, receiver);
            }
            return null;
        });
        if (!paused) delivery.committed().fire();
        return db.read(tx -> {
            List<String> keys = new ArrayList<>();
            if (pausedAll(tx)) keys.add("*");
            keys.addAll(tx.query("SELECT stream_key FROM event_streams WHERE paused = 1 ORDER BY stream_key", rs -> rs.getString(1)));
            return keys;
        });
    }

    /** The stored pause prefixes, sorted: streams created under one of them start paused. */
    public List<String> pausedPrefixes() {
        return db.read(StreamPauses::prefixes);
    }

    /** What a retry did: re-queued it, found no such delivery, or found one that is not failed. */
    public enum RetryOutcome { RETRIED, NO_SUCH_DELIVERY, NOT_RETRYABLE }

    /** The outcome of {@link #retry}: {@code status} is the delivery's status before the call (null when there is none). */
    public record Retry(RetryOutcome outcome, String status) {}

    /** Re-queues a {@code failed} or {@code receiver_error} delivery at the end of its stream (sealed afresh). */
    public Retry retry(String id) {
        Optional<String[]> row = db.read(tx -> tx.one("SELECT corp_id, status, receiver FROM event_deliveries WHERE delivery_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, id));
        if (row.isEmpty()) return new Retry(RetryOutcome.NO_SUCH_DELIVERY, null);
        String status = row.get()[1];
        if (!status.equals("failed") && !status.equals("receiver_error")) return new Retry(RetryOutcome.NOT_RETRYABLE, status);
        // at the end of its stream: the next number of the corp's sequence, under the corp lock (a
        // suite's ticket stream, which has no corp: the suite's own counter, under the suite's row)
        String requeue = "UPDATE event_deliveries SET status = 'pending', stream_seq = ?, attempts = 0, "
                + "next_attempt_at = 0, finished_at = NULL, query = NULL, body = NULL WHERE delivery_id = ?";
        if (row.get()[0] != null) {
            db.write(row.get()[0], tx -> tx.update(requeue, tx.nextSeq(), id));
        } else {
            db.writeServer(tx -> tx.update(requeue, Outbox.nextSuiteSeq(tx, row.get()[2]), id));
        }
        delivery.committed().fire();
        return new Retry(RetryOutcome.RETRIED, status);
    }

    /**
     * The outcome of {@link #drain}: {@code drained}, or why not ({@code pausedWithWork}: a matching
     * stream with queued work is paused, so waiting is pointless; else the time ran out). When drained,
     * {@code finished} counts the matching delivered, receiver_error and failed deliveries in the log.
     */
    public record Drain(boolean drained, boolean pausedWithWork, long pending, Map<String, Long> finished) {}

    /** Waits up to {@code timeoutMillis} until no matching delivery is pending or delivering, in any process. */
    public Drain drain(String receiver, long timeoutMillis) {
        String match = receiver == null ? "" : " AND " + EventLog.streamMatches();
        Object[] params = receiver == null ? new Object[0] : EventLog.streamParams(receiver).toArray();
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            long seen = delivery.finished().generation();
            long open = db.read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries WHERE status IN " + DeliveryStore.OPEN + match, params));
            if (open == 0) break;
            long pausedWithWork = db.read(tx -> tx.count("SELECT COUNT(*) FROM event_streams s WHERE s.paused = 1"
                    + (receiver == null ? "" : " AND " + EventLog.streamMatches().replace("stream_key", "s.stream_key"))
                    + " AND EXISTS (SELECT 1 FROM event_deliveries d WHERE d.stream_key = s.stream_key AND d.status IN " + DeliveryStore.OPEN + ")",
                    params));
            if (pausedWithWork > 0 || db.read(EventDeliveries::pausedAll)) return new Drain(false, true, open, Map.of());
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return new Drain(false, false, open, Map.of());
            try {
                // other processes finish deliveries too: look again at least every 100 ms
                delivery.finished().await(seen, Math.min(left, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Drain(false, false, open, Map.of());
            }
        }
        Map<String, Long> finished = new LinkedHashMap<>();
        for (String status : List.of("delivered", "receiver_error", "failed")) {
            List<Object> p = new ArrayList<>();
            p.add(status);
            p.addAll(List.of(params));
            finished.put(status, db.read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries WHERE status = ?" + match, p.toArray())));
        }
        return new Drain(true, false, 0, finished);
    }

    /** Forgets every finished delivery (pending and delivering ones stay); returns how many. */
    public int forgetFinished() {
        return db.writeServer(tx -> DeliveryStore.deleteFinished(tx, ""));
    }
}
