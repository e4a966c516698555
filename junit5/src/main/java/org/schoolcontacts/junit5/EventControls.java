package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.events.DeliverySettings;

/**
 * Typed helpers over {@code /__admin/events…} and the callback endpoints, from {@link SchoolContactsHandle#events()}.
 * {@link #drain()} is how a test waits for deliveries: on a condition, never on a sleep.
 */
public final class EventControls {
    private final SchoolContactsHandle handle;

    EventControls(SchoolContactsHandle handle) { this.handle = handle; }

    /** One attempt of a delivery. {@code httpStatus} is null when there was no HTTP answer. */
    public record Attempt(int n, String at, long ms, Integer httpStatus, String body, String error) {}

    /** One delivery of the log, as {@code GET /__admin/events} shows it. */
    public record Delivery(String id, String stream, String kind, String changeType, String targetId, String newId, String status,
                           String plaintext, String query, String body, List<Attempt> attempts, JsonNode json) {
        public String summary() { return changeType + " " + targetId + (newId == null ? "" : "->" + newId); }
    }

    /** What {@code drain} found. */
    public record Drained(boolean drained, long delivered, long receiverError, long failed, long pending) {}

    /** Verifies and stores an app's callback; throws with the server's answer if it is refused. */
    public void configureCallback(String corpId, long agentid, String url, String token, String encodingAesKey) {
        SchoolContactsHandle.Answer a = tryConfigureCallback(corpId, agentid, url, token, encodingAesKey);
        if (a.status() != 200) throw new IllegalStateException("callback configuration refused: " + a.status() + " " + a.raw());
    }

    /** Points an app's callback at a receiver, with the receiver's token and key. */
    public void configureCallback(String corpId, long agentid, EventReceiver receiver) {
        configureCallback(corpId, agentid, receiver.url(), receiver.token(), receiver.encodingAesKey());
    }

    /** The raw answer of {@code PUT …/callback}: 200, 400, 404 or 422 (verification failed). */
    public SchoolContactsHandle.Answer tryConfigureCallback(String corpId, long agentid, String url, String token, String encodingAesKey) {
        ObjectNode body = SchoolContactsHandle.mapper().createObjectNode();
        body.put("url", url);
        body.put("token", token);
        body.put("encoding_aes_key", encodingAesKey);
        return handle.adminAnswer("PUT", callbackPath(corpId, agentid), body.toString());
    }

    public void deleteCallback(String corpId, long agentid) {
        handle.admin("DELETE", callbackPath(corpId, agentid), null);
    }

    /** Every delivery (up to 10,000), newest first. */
    public List<Delivery> deliveries() { return deliveries(""); }

    /** Deliveries matching a query string such as {@code "receiver=app:wwschool00000001&status=failed"}. */
    public List<Delivery> deliveries(String query) {
        String q = query.isEmpty() ? "?limit=10000" : "?limit=10000&" + query;
        List<Delivery> out = new ArrayList<>();
        for (JsonNode d : handle.admin("GET", "/__admin/events" + q, null).get("deliveries")) out.add(delivery(d));
        return out;
    }

    /** Deliveries oldest first: the order a receiver's stream sends them. */
    public List<Delivery> deliveriesInOrder(String query) {
        List<Delivery> d = new ArrayList<>(deliveries(query));
        java.util.Collections.reverse(d);
        return d;
    }

    public Delivery delivery(String id) { return delivery(handle.admin("GET", "/__admin/events/" + id, null)); }

    public void pause() { handle.admin("POST", "/__admin/events/pause", "{}"); }

    public void pause(String receiver) { handle.admin("POST", "/__admin/events/pause", receiverBody(receiver)); }

    public void resume() { handle.admin("POST", "/__admin/events/resume", "{}"); }

    public void resume(String receiver) { handle.admin("POST", "/__admin/events/resume", receiverBody(receiver)); }

    /** Waits (up to 30 s) until nothing is pending or being delivered; throws if that does not happen. */
    public Drained drain() { return drain(null, Duration.ofSeconds(30)); }

    public Drained drain(String receiver, Duration timeout) {
        ObjectNode body = SchoolContactsHandle.mapper().createObjectNode();
        body.put("timeout_ms", timeout.toMillis());
        if (receiver != null) body.put("receiver", receiver);
        SchoolContactsHandle.Answer a = handle.adminAnswer("POST", "/__admin/events/drain", body.toString());
        JsonNode j = a.body();
        if (a.status() != 200) throw new IllegalStateException("drain answered " + a.status() + ": " + a.raw());
        return new Drained(true, j.path("delivered").asLong(), j.path("receiver_error").asLong(), j.path("failed").asLong(), 0);
    }

    /** Re-queues a failed or refused delivery at the end of its stream. */
    public Delivery retry(String id) { return delivery(handle.admin("POST", "/__admin/events/" + id + "/retry", "{}")); }

    /** Forgets terminal deliveries. */
    public void forget() { handle.admin("DELETE", "/__admin/events", null); }

    /** Admin: the parent follows 学校通知 (fires {@code subscribe}, then {@code update_student} per child). */
    public JsonNode subscribe(String corpId, String parentUserid) {
        return handle.admin("POST", "/__admin/corps/" + corpId + "/parents/" + parentUserid + "/subscribe", "{}");
    }

    public JsonNode unsubscribe(String corpId, String parentUserid) {
        return handle.admin("POST", "/__admin/corps/" + corpId + "/parents/" + parentUserid + "/unsubscribe", "{}");
    }

    /**
     * In-process only: shorter answer timeout and retry delays than WeCom's 5 s and 1/2/4 s, so tests of
     * timeouts and retries stay quick. {@link SchoolContactsHandle#reset()} does not undo it.
     */
    public void tune(Duration timeout, Duration... retryDelays) {
        DeliverySettings s = handle.server().events().settings();
        List<Long> delays = java.util.Arrays.stream(retryDelays).map(Duration::toMillis).toList();
        handle.server().events().tune(s.withTimeouts(timeout.toMillis(), delays));
    }

    /** Back to WeCom's timeouts and retry delays. */
    public void untune() { handle.server().events().tune(DeliverySettings.WECOM); }

    private static String callbackPath(String corpId, long agentid) {
        return "/__admin/corps/" + corpId + "/apps/" + agentid + "/callback";
    }

    private static String receiverBody(String receiver) {
        ObjectNode body = SchoolContactsHandle.mapper().createObjectNode();
        body.put("receiver", receiver);
        return body.toString();
    }

    private static Delivery delivery(JsonNode d) {
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode a : d.path("attempts")) {
            attempts.add(new Attempt(a.path("n").asInt(), a.path("at").asText(), a.path("ms").asLong(),
                    a.path("http_status").isNull() ? null : a.path("http_status").asInt(), text(a, "body"), text(a, "error")));
        }
        return new Delivery(text(d, "id"), text(d, "stream"), text(d, "kind"), text(d, "change_type"), text(d, "target_id"),
                text(d, "new_id"), text(d, "status"), text(d, "plaintext"), text(d, "query"), text(d, "body"), List.copyOf(attempts), d);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
