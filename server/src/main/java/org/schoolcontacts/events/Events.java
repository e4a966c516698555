package org.schoolcontacts.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.WeComError;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;

/**
 * Change events of one server: the outbox the write paths record into, the delivery threads, and the
 * {@code /__admin/events…} controls. {@link SchoolContacts} builds one and starts it after seeding.
 */
public final class Events implements AutoCloseable {
    private static final List<String> TABLES = List.of("event_attempts", "event_deliveries", "event_streams", "app_callbacks");

    static final int LOG_LIMIT = 10_000;
    /** Finished deliveries the log keeps by default (events.md): the newest, whatever their stream. */
    public static final int DELIVERY_LOG_SIZE = 10_000;
    public static final int MAX_DELIVERY_LOG_SIZE = 10_000_000;
    /** Finished deliveries between two prunes of the log: it may hold this many more than its size. */
    public static final int DELIVERY_LOG_PRUNE_EVERY = Delivery.PRUNE_EVERY;

    private final Database db;
    private final ServerClock clock;
    private final Outbox outbox;
    private final Delivery delivery;
    private final EventAdmin admin;
    private final EventDeliveries deliveries;

    /** {@code deliveryLogSize}: the finished deliveries kept (older ones are forgotten as new ones finish). */
    public Events(Database db, ServerClock clock, Outbox outbox, int deliveryLogSize) {
        this.db = db;
        this.clock = clock;
        this.outbox = outbox;
        this.delivery = new Delivery(db, clock, outbox.committed(), DeliverySettings.WECOM, deliveryLogSize);
        this.deliveries = new EventDeliveries(db, delivery);
        this.admin = new EventAdmin(db, clock, new DirectoryChanges(outbox), delivery, deliveries);
    }

    /**
     * For {@code POST /__admin/reset}: forgets outbox, delivery log, pause state and callbacks (spec
     * events §5.3); in-flight attempts are abandoned and their answers ignored.
     */
    public static void forgetAll(Tx tx) throws SQLException {
        tx.update("DELETE FROM server_settings WHERE name = ?", EventAdmin.PAUSED_ALL);
        StreamPauses.forgetAll(tx);
        for (String table : TABLES) tx.update("DELETE FROM " + table);
    }

    /** Starts the delivery threads; deliveries left by an earlier run go out now. */
    public void start() {
        delivery.start(db.dialect() == Dialect.SQLITE);
    }

    /** Shorter timeouts and retry delays for tests of an in-process server; never reachable over HTTP. */
    public void tune(DeliverySettings settings) { delivery.tune(settings); }

    public DeliverySettings settings() { return delivery.settings(); }

    public ChangeRecorder recorder() { return outbox; }

    /** A change recorder with the detection helpers, for admin data controls of other packages. */
    public DirectoryChanges changes() { return new DirectoryChanges(outbox); }

    public List<AdminRoute> adminRoutes() { return admin.routes(); }

    /** The delivery log and its controls, for the console's pages (the same calls {@code /__admin/events…} makes). */
    public EventDeliveries deliveries() { return deliveries; }

    /**
     * Seed step for {@code apps[]}: stores an app's {@code callback} (not verified: the receiver may not
     * be up yet, §6 no. 12). Bad fields refuse the seed, naming the item.
     */
    public void seedApp(Tx tx, JsonNode app) throws SQLException {
        JsonNode cb = app.get("callback");
        if (cb == null || cb.isNull()) return;
        if (!app.hasNonNull("agentid")) throw WeComError.INVALID_PARAMETER.withMessage("callback: a system app has no callback");
        String agentid = app.get("agentid").asText();
        Callbacks.AppCallback parsed;
        try {
            parsed = parseCallback(cb, "callback.");
        } catch (IllegalArgumentException e) {
            throw WeComError.INVALID_PARAMETER.withMessage(e.getMessage());
        }
        Callbacks.put(tx, tx.corpId(), agentid, agentid, parsed);
    }

    static Callbacks.AppCallback parseCallback(JsonNode cb, String prefix) {
        if (!cb.isObject()) throw new IllegalArgumentException(prefix + " must be an object");
        String url = text(cb, "url", prefix);
        if (!(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(prefix + "url must be an http:// or https:// URL");
        }
        try {
            java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "url is not a URL: " + e.getMessage());
        }
        String token = text(cb, "token", prefix);
        if (!WxBizMsgCrypt.isValidToken(token)) throw new IllegalArgumentException(prefix + "token must be 1-32 characters of [A-Za-z0-9]");
        String key = text(cb, "encoding_aes_key", prefix);
        if (!WxBizMsgCrypt.isValidKey(key)) throw new IllegalArgumentException(prefix + "encoding_aes_key must be 43 characters of [A-Za-z0-9]");
        JsonNode sw = cb.get("school_contact_events");
        if (sw != null && !sw.isNull() && !sw.isBoolean()) throw new IllegalArgumentException(prefix + "school_contact_events must be true or false");
        return new Callbacks.AppCallback(url, token, key, sw == null || sw.isNull() || sw.asBoolean(), false);
    }

    private static String text(JsonNode n, String field, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) throw new IllegalArgumentException(prefix + field + " is required");
        return v.asText();
    }

    @Override
    public void close() {
        delivery.close();
    }
}
