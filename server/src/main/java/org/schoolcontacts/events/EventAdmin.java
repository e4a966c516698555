package org.schoolcontacts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.AdminRoute.Request;
import org.schoolcontacts.http.AdminRoute.Response;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * The {@code /__admin} routes of change events (spec events §5.2): app callbacks (verified before they
 * are stored), the delivery log, pause / resume / drain / retry, and parents subscribing to 学校通知.
 */
final class EventAdmin {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String PAUSED_ALL = "events_paused_all";

    private final Database db;
    private final ServerClock clock;
    private final DirectoryChanges changes;
    private final Delivery delivery;
    private final EventDeliveries deliveries;
    private final Sender sender = new Sender();

    EventAdmin(Database db, ServerClock clock, DirectoryChanges changes, Delivery delivery, EventDeliveries deliveries) {
        this.db = db;
        this.clock = clock;
        this.changes = changes;
        this.delivery = delivery;
        this.deliveries = deliveries;
    }

    List<AdminRoute> routes() {
        String callback = "/__admin/corps/{corpid}/apps/{agentid}/callback";
        return List.of(
                new AdminRoute("PUT", callback, this::putCallback),
                new AdminRoute("GET", callback, this::getCallback),
                new AdminRoute("DELETE", callback, this::deleteCallback),
                new AdminRoute("GET", "/__admin/events", this::list),
                new AdminRoute("DELETE", "/__admin/events", r -> forget()),
                new AdminRoute("POST", "/__admin/events/pause", r -> pause(r, true)),
                new AdminRoute("POST", "/__admin/events/resume", r -> pause(r, false)),
                new AdminRoute("POST", "/__admin/events/drain", this::drain),
                new AdminRoute("GET", "/__admin/events/{id}", this::one),
                new AdminRoute("POST", "/__admin/events/{id}/retry", this::retry),
                new AdminRoute("POST", "/__admin/corps/{corpid}/parents/{userid}/subscribe", r -> subscription(r, true)),
                new AdminRoute("POST", "/__admin/corps/{corpid}/parents/{userid}/unsubscribe", r -> subscription(r, false)));
    }

    // ---- callbacks ------------------------------------------------------------------------

    private record App(String appId, String kind) {}

    private Optional<App> app(String corpId, String agentid) {
        if (!agentid.matches("[0-9]{1,18}")) return Optional.empty();
        return db.read(tx -> tx.one("SELECT app_id, kind FROM apps WHERE corp_id = ? AND agentid = ?",
                rs -> new App(rs.getString(1), rs.getString(2)), corpId, Long.parseLong(agentid)));
    }

    private Response putCallback(Request r) {
        String corpId = r.pathParam().apply("corpid");
        String agentid = r.pathParam().apply("agentid");
        Optional<App> app = app(corpId, agentid);
        if (app.isEmpty()) return notFound("no app " + agentid + " in corp " + corpId);
        if (!app.get().kind().equals("self_built") && !app.get().kind().equals("agency")) {
            throw new IllegalArgumentException("only self_built and agency apps have a callback for change events");
        }
        Callbacks.AppCallback cb = Events.parseCallback(r.body(), "");
        // receiveid of an app callback's verification: the corpid (§6 no. 11)
        String refused = CallbackVerification.verify(sender, cb.url(), cb.token(), cb.aesKey(), corpId, delivery.settings().verifyTimeoutMillis());
        if (refused != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "callback verification failed");
            body.put("errcode", WeComError.CALLBACK_VERIFICATION_FAILED.code());
            body.put("detail", refused);
            return new Response(422, body);
        }
        Callbacks.AppCallback verified = new Callbacks.AppCallback(cb.url(), cb.token(), cb.aesKey(), cb.schoolContactEvents(), true);
        db.write(corpId, tx -> {
            Callbacks.put(tx, corpId, app.get().appId(), agentid, verified);
            if (pausedAll(tx)) tx.update("UPDATE event_streams SET paused = 1 WHERE stream_key = ?", Receiver.appStream(corpId, agentid));
            return null;
        });
        return new Response(200, Map.of("verified", true));
    }

    private Response getCallback(Request r) {
        String corpId = r.pathParam().apply("corpid");
        String agentid = r.pathParam().apply("agentid");
        Optional<App> app = app(corpId, agentid);
        Optional<Callbacks.AppCallback> cb = app.isEmpty() ? Optional.empty() : db.read(tx -> Callbacks.find(tx, corpId, app.get().appId()));
        if (cb.isEmpty()) return notFound("no callback for app " + agentid + " in corp " + corpId);
        ObjectNode o = NODES.objectNode();
        o.put("url", cb.get().url());
        o.put("token", "***");
        o.put("encoding_aes_key", "***");
        o.put("school_contact_events", cb.get().schoolContactEvents());
        o.put("verified", cb.get().verified());
        return new Response(200, o);
    }

    private Response deleteCallback(Request r) {
        String corpId = r.pathParam().apply("corpid");
        String agentid = r.pathParam().apply("agentid");
        Optional<App> app = app(corpId, agentid);
        if (app.isEmpty()) return notFound("no app " + agentid + " in corp " + corpId);
        boolean had = db.write(corpId, tx -> Callbacks.delete(tx, corpId, app.get().appId(), agentid, clock.millis()));
        delivery.finished().fire();
        return had ? new Response(200, Map.of()) : notFound("no callback for app " + agentid + " in corp " + corpId);
    }

    // ---- the log, pause, resume, drain, retry: EventDeliveries, which the console calls too ------

    private Response list(Request r) {
        String limit = r.query().apply("limit");
        String since = r.query().apply("since");
        int n;
        try {
            n = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be an integer");
        }
        if (n < 1 || n > Events.LOG_LIMIT) throw new IllegalArgumentException("limit must be 1-" + Events.LOG_LIMIT);
        ObjectNode o = NODES.objectNode();
        o.set("deliveries", deliveries.find(r.query().apply("receiver"), r.query().apply("status"), r.query().apply("change_type"),
                r.query().apply("corpid"), since == null ? null : instant(since), n));
        return new Response(200, o);
    }

    private Response one(Request r) {
        return deliveries.one(r.pathParam().apply("id")).map(o -> new Response(200, o)).orElseGet(() -> notFound("no such delivery"));
    }

    private Response forget() {
        return new Response(200, Map.of("deleted", deliveries.forgetFinished()));
    }

    private Response retry(Request r) {
        String id = r.pathParam().apply("id");
        EventDeliveries.Retry done = deliveries.retry(id);
        return switch (done.outcome()) {
            case NO_SUCH_DELIVERY -> notFound("no such delivery");
            case NOT_RETRYABLE -> new Response(409, Map.of("error",
                    "only failed and receiver_error deliveries can be retried; this one is " + done.status()));
            case RETRIED -> new Response(200, deliveries.one(id).orElseThrow());
        };
    }

    private Response pause(Request r, boolean paused) {
        List<String> streams = deliveries.setPaused(textOrNull(r.body(), "receiver"), paused);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("paused", streams);
        // the stored prefixes: streams created later under one of them start paused (StreamPauses)
        out.put("paused_prefixes", deliveries.pausedPrefixes());
        return new Response(200, out);
    }

    private static boolean pausedAll(Tx tx) throws java.sql.SQLException {
        return EventDeliveries.pausedAll(tx);
    }

    private Response drain(Request r) {
        long timeout = r.body().hasNonNull("timeout_ms") ? r.body().get("timeout_ms").asLong() : 30_000;
        if (timeout < 0 || timeout > 600_000) throw new IllegalArgumentException("timeout_ms must be 0-600000");
        EventDeliveries.Drain d = deliveries.drain(textOrNull(r.body(), "receiver"), timeout);
        if (d.pausedWithWork()) {
            return new Response(409, Map.of("drained", false, "pending", d.pending(), "error", "a matching stream with pending deliveries is paused"));
        }
        if (!d.drained()) return new Response(408, Map.of("drained", false, "pending", d.pending()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("drained", true);
        out.putAll(d.finished());
        return new Response(200, out);
    }

    // ---- subscriptions ------------------------------------------------------------------------

    private Response subscription(Request r, boolean subscribe) {
        String corpId = r.pathParam().apply("corpid");
        String userid = r.pathParam().apply("userid");
        String given = textOrNull(r.body(), "external_userid");
        String key = Limits.userKey(userid);
        Optional<ObjectNode> answer = db.write(corpId, tx -> {
            Optional<String[]> p = tx.one("SELECT userid, external_userid FROM users WHERE corp_id = ? AND user_key = ? AND user_type = 2",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, corpId, key);
            if (p.isEmpty()) return Optional.<ObjectNode>empty();
            String external = p.get()[1];
            if (subscribe && given != null) external = given;
            if (subscribe && external == null) external = deriveExternalUserid(tx, corpId, key);
            String ext = external;
            changes.subscription(tx, userid, subscribe, t -> t.update(
                    "UPDATE users SET is_subscribe = ?, external_userid = ? WHERE corp_id = ? AND user_key = ?",
                    subscribe ? 1 : 0, ext, corpId, key));
            ObjectNode o = NODES.objectNode();
            o.put("is_subscribe", subscribe ? 1 : 0);
            if (subscribe) o.put("external_userid", ext);
            return Optional.of(o);
        });
        return answer.map(o -> new Response(200, o)).orElseGet(() -> notFound("no parent " + userid + " in corp " + corpId));
    }

    /** §3.10: "wm" + the first 30 characters of b64u(SHA-256("external_userid|corpid|lower(userid)")), unique in the corp. */
    static String deriveExternalUserid(Tx tx, String corpId, String lowerUserid) throws java.sql.SQLException {
        String base = "external_userid|" + corpId + "|" + lowerUserid;
        for (int i = 0; ; i++) {
            String candidate = "wm" + b64u(i == 0 ? base : base + "|" + i).substring(0, 30);
            if (tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ? AND external_userid = ?", corpId, candidate) == 0) return candidate;
        }
    }

    static String b64u(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- small things -----------------------------------------------------------------------

    private static Response notFound(String why) {
        return new Response(404, Map.of("error", why));
    }

    private static String textOrNull(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static long instant(String s) {
        if (s.matches("[0-9]{1,15}")) return Long.parseLong(s);
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant or epoch milliseconds");
        }
    }
}
