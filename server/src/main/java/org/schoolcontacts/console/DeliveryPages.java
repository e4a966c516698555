package org.schoolcontacts.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.events.EventDeliveries;
import org.schoolcontacts.events.EventDeliveries.Stream;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;

/**
 * Change-event deliveries, through {@link EventDeliveries}, the service {@code /__admin/events…}
 * answers from: per receiver (stream) what is queued, delivered and failed; each delivery's attempts,
 * last answer or error, next attempt and plaintext XML; and the pause, resume, drain and retry
 * controls as buttons. A delivery's sealed query and body (the ciphertext) are never shown, nor is any
 * callback token or EncodingAESKey (the service does not hand them out); receiver URLs lose their query.
 */
final class DeliveryPages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    static final String BASE = Console.BASE + "/events";
    private static final int PAGE = 100;
    /** How long the Drain button waits; the admin API's default (30 s) is long for a page to hang. */
    static final long DRAIN_MILLIS = 10_000;

    private final Console console;
    private final EventDeliveries deliveries;

    DeliveryPages(Console console, EventDeliveries deliveries) {
        this.console = console;
        this.deliveries = deliveries;
    }

    ConsoleSection section() {
        return new ConsoleSection("Events", BASE, List.of(
                new PageRoute("GET", BASE, false, r -> list(filter(r.query()), null)),
                new PageRoute("GET", BASE + "/{id}", false, r -> one(r.pathParam().apply("id"), null)),
                new PageRoute("POST", BASE + "/pause", false, r -> pause(r, true)),
                new PageRoute("POST", BASE + "/resume", false, r -> pause(r, false)),
                new PageRoute("POST", BASE + "/drain", false, this::drain),
                new PageRoute("POST", BASE + "/forget", false, r -> {
                    deliveries.forgetFinished();
                    return Response.seeOther(BASE);
                }),
                new PageRoute("POST", BASE + "/{id}/retry", false, this::retry)));
    }

    /** The list's filters; null = any. */
    private record Filter(String receiver, String status, String changeType, String corpId) {
        String query() {
            StringBuilder b = new StringBuilder();
            add(b, "receiver", receiver);
            add(b, "status", status);
            add(b, "change_type", changeType);
            add(b, "corpid", corpId);
            return b.length() == 0 ? "" : "?" + b.substring(1);
        }

        private static void add(StringBuilder b, String name, String value) {
            if (value != null) b.append('&').append(name).append('=').append(Html.url(value));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Filter filter(java.util.function.Function<String, String> params) {
        String status = blankToNull(params.apply("status"));
        if (status != null && !EventDeliveries.STATUSES.contains(status)) status = null;
        return new Filter(blankToNull(params.apply("receiver")), status, blankToNull(params.apply("change_type")),
                blankToNull(params.apply("corpid")));
    }

    static String deliveryHref(String id) { return BASE + "/" + Html.url(id); }

    // ---- the overview: streams and the latest deliveries ------------------------------------------

    private Response list(Filter f, String message) {
        List<Stream> streams = deliveries.streams();
        boolean all = deliveries.pausedAll();
        Html h = new Html();
        if (message != null) h.tag("<p role=\"status\" class=\"notice\">").text(message).tag("</p>");
        h.tag("<p>Every committed change to the directory is queued for each receiver (an app's callback, a suite's instruction URL) "
                + "and pushed encrypted, one at a time in commit order. ")
                .tag(all ? "<strong>Delivery is paused for every receiver.</strong>" : "").tag("</p>");
        h.tag("<div class=\"toolbar\">");
        button(h, BASE + (all ? "/resume" : "/pause"), null, f, all ? "Resume all receivers" : "Pause all receivers", null, "plain");
        button(h, BASE + "/drain", null, f, "Drain all (wait up to " + DRAIN_MILLIS / 1000 + " s)", null, "plain");
        button(h, BASE + "/forget", null, f, "Forget finished deliveries", null, "danger");
        h.tag("</div>");

        h.tag("<h2 id=\"receivers\">Receivers</h2>");
        if (streams.isEmpty()) {
            h.tag("<p>No receiver yet: configure an app's callback (<code>PUT /__admin/corps/{corpid}/apps/{agentid}/callback</code>) "
                    + "or seed one, then change the directory.</p>");
        } else {
            h.tag("<table class=\"streams\" aria-labelledby=\"receivers\"><thead><tr><th scope=\"col\">receiver</th><th scope=\"col\">URL</th>"
                    + "<th scope=\"col\">state</th><th scope=\"col\" class=\"num\">queued</th><th scope=\"col\" class=\"num\">delivered</th>"
                    + "<th scope=\"col\" class=\"num\">receiver error</th><th scope=\"col\" class=\"num\">failed</th>"
                    + "<th scope=\"col\" class=\"num\">cancelled</th><th scope=\"col\"><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
            for (Stream s : streams) {
                Map<String, Long> c = s.counts();
                h.tag("<tr><th scope=\"row\">").link(BASE + new Filter(s.key(), null, null, null).query(), s.key());
                if (s.corpId() != null) h.tag(" <span class=\"kind\">").text(s.kind()).tag("</span>");
                h.tag("</th><td class=\"url\">").text(s.url() == null ? "(no callback)" : s.url()).tag("</td><td>")
                        .text(s.paused() ? "paused" : "active").tag("</td><td class=\"num\">");
                countLink(h, s.key(), null, s.open());
                h.tag("</td><td class=\"num\">");
                countLink(h, s.key(), "delivered", c.get("delivered"));
                h.tag("</td><td class=\"num\">");
                countLink(h, s.key(), "receiver_error", c.get("receiver_error"));
                h.tag("</td><td class=\"num\">");
                countLink(h, s.key(), "failed", c.get("failed"));
                h.tag("</td><td class=\"num\">");
                countLink(h, s.key(), "cancelled", c.get("cancelled"));
                h.tag("</td><td class=\"actions\">");
                if (!all) button(h, BASE + (s.paused() ? "/resume" : "/pause"), s.key(), f, s.paused() ? "Resume" : "Pause",
                        (s.paused() ? "Resume " : "Pause ") + s.key(), "plain");
                if (s.open() > 0) button(h, BASE + "/drain", s.key(), f, "Drain", "Drain " + s.key(), "plain");
                h.tag("</td></tr>");
            }
            h.tag("</tbody></table>");
        }
        List<String> prefixes = deliveries.pausedPrefixes();
        if (!prefixes.isEmpty()) {
            h.tag("<h2 id=\"paused-prefixes\">Paused receiver prefixes</h2>")
                    .tag("<p>Every receiver whose key starts with one of these is paused, including receivers created later.</p>")
                    .tag("<ul class=\"prefixes\" aria-labelledby=\"paused-prefixes\">");
            for (String prefix : prefixes) {
                h.tag("<li><code>").text(prefix).tag("</code> ");
                button(h, BASE + "/resume", prefix, f, "Resume", "Resume receivers starting with " + prefix, "plain");
                h.tag("</li>");
            }
            h.tag("</ul>");
        }

        h.tag("<h2 id=\"deliveries\">Deliveries</h2>");
        h.tag("<form method=\"get\" action=\"").text(BASE).tag("\" class=\"filters\">")
                .tag("<div><label for=\"e-receiver\">Receiver (a stream key or its start)</label><input id=\"e-receiver\" name=\"receiver\" value=\"")
                .text(f.receiver() == null ? "" : f.receiver()).tag("\" placeholder=\"app:wwschool00000001:1000001\"></div>")
                .tag("<div><label for=\"e-status\">Status</label><select id=\"e-status\" name=\"status\"><option value=\"\">any</option>");
        for (String s : EventDeliveries.STATUSES) {
            h.tag("<option").tag(s.equals(f.status()) ? " selected" : "").tag(">").text(s).tag("</option>");
        }
        h.tag("</select></div><div><label for=\"e-type\">Change type</label><input id=\"e-type\" name=\"change_type\" value=\"")
                .text(f.changeType() == null ? "" : f.changeType()).tag("\" placeholder=\"create_student\"></div>")
                .tag("<div><label for=\"e-corp\">corpid</label><input id=\"e-corp\" name=\"corpid\" value=\"")
                .text(f.corpId() == null ? "" : f.corpId()).tag("\"></div>")
                .tag("<div class=\"actions\"><button type=\"submit\">Filter</button> ").link(BASE, "Clear filters").tag("</div></form>");
        JsonNode found = deliveries.find(f.receiver(), f.status(), f.changeType(), f.corpId(), null, PAGE);
        h.tag("<p role=\"status\">").text(found.size() == 0 ? "No delivery matches." : "The latest " + found.size()
                + (found.size() == 1 ? " delivery" : " deliveries") + ", newest first (the log keeps the latest 10,000 finished ones).")
                .tag("</p>");
        if (found.size() > 0) {
            h.tag("<table class=\"deliveries\" aria-labelledby=\"deliveries\"><thead><tr><th scope=\"col\">committed (UTC)</th>"
                    + "<th scope=\"col\">receiver</th><th scope=\"col\">change</th><th scope=\"col\">status</th>"
                    + "<th scope=\"col\" class=\"num\">attempts</th><th scope=\"col\">last answer or error</th>"
                    + "<th scope=\"col\">next attempt (UTC)</th><th scope=\"col\"><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
            for (JsonNode d : found) {
                String id = d.path("id").asText();
                h.tag("<tr class=\"status-").text(d.path("status").asText()).tag("\"><td>").link(deliveryHref(id), time(d.path("committed_at").asText()))
                        .tag("</td><td class=\"stream\">").text(d.path("stream").asText()).tag("</td><td class=\"change\"><details><summary>")
                        .text(change(d)).tag("</summary><pre class=\"plaintext\" aria-label=\"Plaintext of ").text(change(d)).tag("\">")
                        .text(PlaintextXml.indent(d.path("plaintext").asText())).tag("</pre></details></td><td class=\"status\">")
                        .text(d.path("status").asText()).tag("</td><td class=\"num\">").text(d.path("attempts").size()).tag("</td><td class=\"answer\">")
                        .text(shorten(lastAnswer(d), 120)).tag("</td><td>").text(time(d.path("next_attempt_at").asText(""))).tag("</td><td class=\"actions\">");
                if (retryable(d)) button(h, deliveryHref(id) + "/retry", null, null, "Retry", "Retry " + change(d) + " to " + d.path("stream").asText(),
                        "plain");
                h.tag("</td></tr>");
            }
            h.tag("</tbody></table>");
        }
        return Response.html(console.frame("Change-event deliveries", BASE, null, h.toString()));
    }

    private static void countLink(Html h, String stream, String status, long n) {
        if (n == 0) {
            h.text("0");
            return;
        }
        h.link(BASE + new Filter(stream, status, null, null).query(), n);
    }

    /** A POST form of one button; {@code receiver} goes along as the stream it acts on, {@code back} as the list to return to. */
    private static void button(Html h, String action, String receiver, Filter back, String label, String ariaLabel, String style) {
        h.tag("<form method=\"post\" action=\"").text(action).tag("\" class=\"inline\">");
        if (receiver != null) h.tag("<input type=\"hidden\" name=\"receiver\" value=\"").text(receiver).tag("\">");
        if (back != null && back.receiver() != null) h.tag("<input type=\"hidden\" name=\"view\" value=\"").text(back.receiver()).tag("\">");
        h.tag("<button type=\"submit\" class=\"").text(style).tag("\"");
        if (ariaLabel != null) h.tag(" aria-label=\"").text(ariaLabel).tag("\"");
        h.tag(">").text(label).tag("</button></form>");
    }

    private static boolean retryable(JsonNode d) {
        String s = d.path("status").asText();
        return s.equals("failed") || s.equals("receiver_error");
    }

    private static String change(JsonNode d) {
        String s = d.path("change_type").asText() + " " + d.path("target_id").asText("");
        if (d.hasNonNull("new_id")) s += " → " + d.get("new_id").asText();
        return s.strip();
    }

    /** The latest attempt's outcome: the receiver's HTTP status and answer, or the connection's error. */
    private static String lastAnswer(JsonNode d) {
        JsonNode attempts = d.path("attempts");
        if (attempts.size() == 0) return "";
        JsonNode a = attempts.get(attempts.size() - 1);
        if (a.hasNonNull("error")) return a.get("error").asText();
        String body = a.path("body").asText("").strip();
        return "HTTP " + a.path("http_status").asText() + (body.isEmpty() ? "" : ": " + body);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String time(String iso) {
        if (iso == null || iso.isEmpty() || iso.equals("null")) return "";
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    // ---- one delivery ------------------------------------------------------------------------------

    private Response one(String id, String message) {
        ObjectNode d = deliveries.one(id).orElse(null);
        if (d == null) return console.notFound("no delivery " + id);
        Html h = new Html();
        if (message != null) h.tag("<p role=\"status\" class=\"notice\">").text(message).tag("</p>");
        h.tag("<dl class=\"fields\">");
        field(h, "id", d.path("id").asText());
        h.tag("<dt>receiver</dt><dd>").link(BASE + new Filter(d.path("stream").asText(), null, null, null).query(), d.path("stream").asText())
                .tag(" <span class=\"kind\">").text(d.path("kind").asText()).tag("</span></dd>");
        field(h, "change_type", d.path("change_type").asText());
        field(h, "target_id", d.path("target_id").asText(""));
        field(h, "new_id", d.path("new_id").asText(""));
        field(h, "event_ids", d.path("event_ids").toString());
        JsonNode origin = d.path("origin");
        field(h, "origin", (origin.path("method").asText("") + " " + origin.path("path").asText("")
                + (origin.hasNonNull("agentid") ? " (agentid " + origin.get("agentid").asText() + ")" : "")).strip());
        field(h, "committed (UTC)", time(d.path("committed_at").asText()));
        h.tag("<dt>status</dt><dd class=\"status-").text(d.path("status").asText()).tag("\">").text(d.path("status").asText()).tag("</dd>");
        field(h, "next attempt (UTC)", time(d.path("next_attempt_at").asText("")));
        h.tag("</dl>");
        if (retryable(d)) {
            h.tag("<div class=\"toolbar\">");
            button(h, deliveryHref(id) + "/retry", null, null, "Retry this delivery", null, "plain");
            h.tag("</div>");
        }
        h.tag("<h2 id=\"plaintext\">Plaintext</h2><p class=\"note\">What the receiver decrypts; the encrypted request itself is not shown.</p>")
                .tag("<pre class=\"plaintext\" aria-labelledby=\"plaintext\">").text(PlaintextXml.indent(d.path("plaintext").asText())).tag("</pre>");
        h.tag("<h2 id=\"attempts\">Attempts</h2>");
        JsonNode attempts = d.path("attempts");
        if (attempts.size() == 0) {
            h.tag("<p>None yet.</p>");
        } else {
            h.tag("<table class=\"attempts\" aria-labelledby=\"attempts\"><thead><tr><th scope=\"col\" class=\"num\">n</th>"
                    + "<th scope=\"col\">at (UTC)</th><th scope=\"col\" class=\"num\">ms</th><th scope=\"col\">HTTP status</th>"
                    + "<th scope=\"col\">answer</th><th scope=\"col\">error</th></tr></thead><tbody>");
            for (JsonNode a : attempts) {
                h.tag("<tr><td class=\"num\">").text(a.path("n").asInt()).tag("</td><td>").text(time(a.path("at").asText())).tag("</td><td class=\"num\">")
                        .text(a.path("ms").asLong()).tag("</td><td>").text(a.hasNonNull("http_status") ? a.get("http_status").asText() : "—")
                        .tag("</td><td><pre class=\"answer\">").text(a.path("body").asText("")).tag("</pre></td><td>")
                        .text(a.path("error").asText("")).tag("</td></tr>");
            }
            h.tag("</tbody></table>");
        }
        Html crumbs = new Html().tag("<ol><li>").link(BASE, "Events").tag("</li><li>")
                .link(BASE + new Filter(d.path("stream").asText(), null, null, null).query(), d.path("stream").asText())
                .tag("</li><li aria-current=\"page\">").text(id).tag("</li></ol>");
        return Response.html(console.frame("Delivery " + change(d), BASE, crumbs.toString(), h.toString()));
    }

    private static void field(Html h, String name, String value) {
        h.tag("<dt>").text(name).tag("</dt><dd>").text(value == null || value.isEmpty() ? "—" : value).tag("</dd>");
    }

    // ---- the controls ------------------------------------------------------------------------------

    private static Filter back(PageRoute.Request r) {
        return new Filter(blankToNull(r.form().apply("view")), null, null, null);
    }

    private Response pause(PageRoute.Request r, boolean paused) {
        deliveries.setPaused(blankToNull(r.form().apply("receiver")), paused);
        return Response.seeOther(BASE + back(r).query());
    }

    private Response drain(PageRoute.Request r) {
        String receiver = blankToNull(r.form().apply("receiver"));
        EventDeliveries.Drain d = deliveries.drain(receiver, DRAIN_MILLIS);
        String what = receiver == null ? "every receiver" : receiver;
        String message;
        if (d.drained()) {
            message = "Drained " + what + ": nothing is queued. In the log: " + d.finished().get("delivered") + " delivered, "
                    + d.finished().get("receiver_error") + " answered with an error, " + d.finished().get("failed") + " failed.";
        } else if (d.pausedWithWork()) {
            message = "Not drained: " + d.pending() + " still queued for a paused receiver; resume it first.";
        } else {
            message = "Not drained after " + DRAIN_MILLIS / 1000 + " s: " + d.pending() + " still queued.";
        }
        return list(back(r), message);
    }

    private Response retry(PageRoute.Request r) {
        String id = r.pathParam().apply("id");
        EventDeliveries.Retry done = deliveries.retry(id);
        return switch (done.outcome()) {
            case NO_SUCH_DELIVERY -> console.notFound("no delivery " + id);
            case NOT_RETRYABLE -> one(id, "Only failed and receiver_error deliveries can be retried; this one is " + done.status() + ".");
            case RETRIED -> Response.seeOther(deliveryHref(id));
        };
    }
}
