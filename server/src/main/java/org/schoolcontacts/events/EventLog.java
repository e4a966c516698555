package org.schoolcontacts.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.storage.Tx;

/** The delivery log as {@code GET /__admin/events} shows it (spec events §5.2), newest first. */
final class EventLog {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String COLUMNS = "delivery_id, stream_key, kind, change_type, target_id, new_id, event_ids, origin_method, "
            + "origin_path, origin_agentid, committed_at, plaintext, query, body, status, next_attempt_at";

    private EventLog() {}

    /** Filters of the list; null = any. {@code receiver} matches a stream key or a prefix of one. */
    record Filter(String receiver, String status, String changeType, String corpId, Long sinceMillis, int limit) {}

    static ArrayNode find(Tx tx, Filter f) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.receiver() != null) {
            where.append(" AND ").append(streamMatches());
            params.addAll(streamParams(f.receiver()));
        }
        if (f.status() != null) {
            where.append(" AND status = ?");
            params.add(f.status());
        }
        if (f.changeType() != null) {
            where.append(" AND change_type = ?");
            params.add(f.changeType());
        }
        if (f.corpId() != null) {
            where.append(" AND corp_id = ?");
            params.add(f.corpId());
        }
        if (f.sinceMillis() != null) {
            where.append(" AND committed_at >= ?");
            params.add(f.sinceMillis());
        }
        List<ObjectNode> rows = tx.query("SELECT " + COLUMNS + " FROM event_deliveries" + where
                + " ORDER BY committed_at DESC, stream_seq DESC LIMIT " + f.limit(), EventLog::row, params.toArray());
        ArrayNode out = NODES.arrayNode();
        for (ObjectNode r : rows) {
            r.set("attempts", attempts(tx, r.get("id").asText()));
            out.add(r);
        }
        return out;
    }

    static Optional<ObjectNode> one(Tx tx, String id) throws SQLException {
        Optional<ObjectNode> r = tx.one("SELECT " + COLUMNS + " FROM event_deliveries WHERE delivery_id = ?", EventLog::row, id);
        if (r.isPresent()) r.get().set("attempts", attempts(tx, id));
        return r;
    }

    private static ObjectNode row(java.sql.ResultSet rs) throws SQLException {
        ObjectNode o = NODES.objectNode();
        o.put("id", rs.getString(1));
        o.put("stream", rs.getString(2));
        o.put("kind", rs.getString(3));
        o.put("change_type", rs.getString(4));
        o.put("target_id", rs.getString(5));
        o.put("new_id", rs.getString(6));
        ArrayNode ids = o.putArray("event_ids");
        for (String s : rs.getString(7).split(",")) ids.add(Long.parseLong(s.trim()));
        ObjectNode origin = o.putObject("origin");
        origin.put("method", rs.getString(8));
        origin.put("path", rs.getString(9));
        long agentid = rs.getLong(10);
        if (rs.wasNull()) origin.putNull("agentid");
        else origin.put("agentid", agentid);
        o.put("committed_at", iso(rs.getLong(11)));
        o.put("plaintext", rs.getString(12));
        o.put("query", rs.getString(13));
        o.put("body", rs.getString(14));
        o.put("status", rs.getString(15));
        long next = rs.getLong(16);
        if (next > 0 && ("pending".equals(rs.getString(15)))) o.put("next_attempt_at", iso(next));
        else o.putNull("next_attempt_at");
        return o;
    }

    private static ArrayNode attempts(Tx tx, String id) throws SQLException {
        ArrayNode out = NODES.arrayNode();
        for (ObjectNode a : tx.query("SELECT n, at, ms, http_status, body, error FROM event_attempts WHERE delivery_id = ? ORDER BY n", rs -> {
            ObjectNode o = NODES.objectNode();
            o.put("n", rs.getInt(1));
            o.put("at", iso(rs.getLong(2)));
            o.put("ms", rs.getLong(3));
            int status = rs.getInt(4);
            if (rs.wasNull()) o.putNull("http_status");
            else o.put("http_status", status);
            o.put("body", rs.getString(5));
            o.put("error", rs.getString(6));
            return o;
        }, id)) {
            out.add(a);
        }
        return out;
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** "stream_key starts with ?" without LIKE, whose escaping differs between the three databases. */
    static String streamMatches() {
        return "SUBSTR(stream_key, 1, ?) = ?";
    }

    static List<Object> streamParams(String prefix) {
        return List.of(prefix.length(), prefix);
    }
}
