package org.schoolcontacts.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.schoolcontacts.admin.Faults;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;

/**
 * The test-time controls: the request journal with its filters, and the fault rules (list, add,
 * remove), through the same {@link RequestJournal} and {@link Faults} that {@code /__admin} serves.
 * Tokens and secrets are masked by the journal before it stores an entry.
 */
final class ControlPages {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int PAGE = 100;

    private final Console console;
    private final Faults faults;
    private final RequestJournal journal;

    ControlPages(Console console, Faults faults, RequestJournal journal) {
        this.console = console;
        this.faults = faults;
        this.journal = journal;
    }

    List<PageRoute> routes() {
        String b = Console.BASE;
        return List.of(
                new PageRoute("GET", b + "/requests", false, this::requests),
                new PageRoute("GET", b + "/faults", false, r -> faultsPage(null, null)),
                new PageRoute("POST", b + "/faults", false, this::addFault),
                new PageRoute("POST", b + "/faults/{id}/delete", false, r -> {
                    faults.remove(r.pathParam().apply("id"));
                    return Response.seeOther(b + "/faults");
                }));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Response requests(PageRoute.Request r) {
        String path = blankToNull(r.query().apply("path"));
        String corpId = blankToNull(r.query().apply("corpid"));
        String errcodeText = blankToNull(r.query().apply("errcode"));
        Integer errcode = null;
        String problem = null;
        if (errcodeText != null) {
            try {
                errcode = Integer.valueOf(errcodeText);
            } catch (NumberFormatException e) {
                problem = "errcode must be a whole number; showing all codes.";
            }
        }
        JsonNode found = journal.find(path, corpId, errcode, null, PAGE);
        Html h = new Html();
        h.tag("<form method=\"get\" action=\"").text(Console.BASE + "/requests").tag("\" class=\"filters\">")
                .tag("<div><label for=\"f-path\">Path (exact, or a prefix ending in *)</label>")
                .tag("<input id=\"f-path\" name=\"path\" value=\"").text(path == null ? "" : path).tag("\" placeholder=\"/cgi-bin/school/*\"></div>")
                .tag("<div><label for=\"f-corp\">corpid</label><input id=\"f-corp\" name=\"corpid\" value=\"").text(corpId == null ? "" : corpId)
                .tag("\"></div>")
                .tag("<div><label for=\"f-code\">errcode</label><input id=\"f-code\" name=\"errcode\" inputmode=\"numeric\" value=\"")
                .text(errcodeText == null ? "" : errcodeText).tag("\"></div>")
                .tag("<div class=\"actions\"><button type=\"submit\">Filter</button> ").link(Console.BASE + "/requests", "Clear filters")
                .tag("</div></form>");
        if (problem != null) h.tag("<p role=\"alert\" class=\"error\">").text(problem).tag("</p>");
        h.tag("<p role=\"status\">").text(found.size() == 0 ? "No request matches." : "The latest " + found.size()
                + (found.size() == 1 ? " request" : " requests") + ", newest first (the journal keeps " + RequestJournal.CAPACITY
                + "; tokens and secrets are masked).").tag("</p>");
        if (found.size() > 0) {
            h.tag("<table class=\"journal\"><thead><tr><th scope=\"col\">time (UTC)</th><th scope=\"col\">method</th>"
                    + "<th scope=\"col\">path</th><th scope=\"col\">corpid</th><th scope=\"col\">agentid</th>"
                    + "<th scope=\"col\">errcode</th><th scope=\"col\">ms</th></tr></thead><tbody>");
            int i = 0;
            for (JsonNode e : found) {
                i++;
                int code = e.path("errcode").asInt();
                h.tag("<tr class=\"").text(code == 0 ? "ok" : "failed").tag("\"><td>").text(TIME.format(Instant.ofEpochMilli(e.path("time").asLong())))
                        .tag("</td><td>").text(e.path("method").asText()).tag("</td><td class=\"path\">")
                        .tag("<details><summary>").text(e.path("path").asText()).tag("</summary>")
                        .tag("<h3 id=\"req-").text(i).tag("-body\">Request body</h3><pre aria-labelledby=\"req-").text(i).tag("-body\">")
                        .text(pretty(e.path("body").asText(), "(none)")).tag("</pre>")
                        .tag("<h3 id=\"req-").text(i).tag("-answer\">Answer</h3><pre aria-labelledby=\"req-").text(i).tag("-answer\">")
                        .text(pretty(e.path("response").asText(), "")).tag("</pre></details></td><td>")
                        .text(e.path("corpid").asText("")).tag("</td><td>").text(e.has("agentid") ? e.get("agentid").asText() : "")
                        .tag("</td><td class=\"num\">").text(code).tag("</td><td class=\"num\">").text(e.path("ms").asLong()).tag("</td></tr>");
            }
            h.tag("</tbody></table>");
        }
        return Response.html(console.frame("Request journal", Console.BASE + "/requests", null, h.toString()));
    }

    /** Indented JSON when the text is JSON (a cut-off body is not: shown as it is). */
    private static String pretty(String text, String empty) {
        if (text == null || text.isEmpty()) return empty;
        try {
            JsonNode n = PRETTY.readTree(text);
            return n == null ? text : PRETTY.writeValueAsString(n);
        } catch (Exception e) {
            return text;
        }
    }

    private Response addFault(PageRoute.Request r) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        try {
            String path = blankToNull(r.form().apply("path"));
            if (path == null) throw new IllegalArgumentException("a fault needs a path");
            spec.put("path", path);
            putText(spec, "corpid", r.form().apply("corpid"));
            putLong(spec, "agentid", r.form().apply("agentid"));
            putLong(spec, "errcode", r.form().apply("errcode"));
            putText(spec, "errmsg", r.form().apply("errmsg"));
            putLong(spec, "delay_ms", r.form().apply("delay_ms"));
            putLong(spec, "times", r.form().apply("times"));
            String p = blankToNull(r.form().apply("probability"));
            if (p != null) {
                double v = Double.parseDouble(p);
                if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("probability must be between 0 and 1");
                spec.put("probability", v);
            }
            if (r.form().apply("drop_connection") != null) spec.put("drop_connection", true);
            if (!spec.has("errcode") && !spec.has("delay_ms") && !spec.has("drop_connection")) {
                throw new IllegalArgumentException("give an errcode, a delay or drop the connection: a rule with none does nothing");
            }
            faults.add(spec);
        } catch (NumberFormatException e) {
            return faultsPage("agentid, errcode, delay, times and probability must be numbers", spec);
        } catch (IllegalArgumentException e) {
            return faultsPage(e.getMessage(), spec);
        }
        return Response.seeOther(Console.BASE + "/faults");
    }

    private static void putText(ObjectNode n, String field, String value) {
        String v = blankToNull(value);
        if (v != null) n.put(field, v);
    }

    private static void putLong(ObjectNode n, String field, String value) {
        String v = blankToNull(value);
        if (v != null) n.put(field, Long.parseLong(v));
    }

    private Response faultsPage(String error, ObjectNode sent) {
        JsonNode rules = faults.list();
        Html h = new Html();
        h.tag("<p>A fault rule makes the next matching WeCom calls fail with an errcode, wait, or lose their connection; "
                + "the refused calls change nothing. Rules live in this server's memory (<code>POST /__admin/reset</code> removes them).</p>");
        h.tag("<h2>Rules</h2>");
        if (rules.size() == 0) {
            h.tag("<p id=\"no-faults\">No fault rule is active.</p>");
        } else {
            h.tag("<table class=\"faults\"><thead><tr><th scope=\"col\">id</th><th scope=\"col\">path</th><th scope=\"col\">corpid</th>"
                    + "<th scope=\"col\">agentid</th><th scope=\"col\">effect</th><th scope=\"col\">times</th><th scope=\"col\">fired</th>"
                    + "<th scope=\"col\"><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
            for (JsonNode f : rules) {
                String id = f.path("id").asText();
                h.tag("<tr><td>").text(id).tag("</td><td><code>").text(f.path("path").asText()).tag("</code></td><td>")
                        .text(f.path("corpid").asText("")).tag("</td><td>").text(f.has("agentid") ? f.get("agentid").asText() : "")
                        .tag("</td><td>").text(effect(f)).tag("</td><td class=\"num\">").text(f.has("times") ? f.get("times").asText() : "every")
                        .tag("</td><td class=\"num\">").text(f.path("fired").asInt()).tag("</td><td>")
                        .tag("<form method=\"post\" action=\"").text(Console.BASE + "/faults/" + Html.url(id) + "/delete")
                        .tag("\"><button type=\"submit\" aria-label=\"Remove fault ").text(id).tag("\">Remove</button></form></td></tr>");
            }
            h.tag("</tbody></table>");
        }
        h.tag("<h2 id=\"add-heading\">Add a rule</h2>");
        if (error != null) h.tag("<p role=\"alert\" class=\"error\">").text(error).tag("</p>");
        h.tag("<form method=\"post\" action=\"").text(Console.BASE + "/faults").tag("\" class=\"fault-form\" aria-labelledby=\"add-heading\">");
        input(h, "path", "Path (exact, or a prefix ending in *)", sent, "/cgi-bin/school/user/batch_create_student", true);
        input(h, "corpid", "Only for corpid (optional)", sent, "wwschool00000001", false);
        input(h, "agentid", "Only for agentid (optional)", sent, "1000001", false);
        input(h, "errcode", "Answer errcode", sent, "-1", false);
        input(h, "errmsg", "errmsg (optional; default: the catalogue's)", sent, "", false);
        input(h, "delay_ms", "Delay first (ms)", sent, "0", false);
        input(h, "times", "For the next N calls (empty: every call)", sent, "1", false);
        input(h, "probability", "Probability 0-1 (optional)", sent, "", false);
        h.tag("<div class=\"check\"><input type=\"checkbox\" id=\"fault-drop_connection\" name=\"drop_connection\" value=\"1\">")
                .tag("<label for=\"fault-drop_connection\">Drop the connection instead of answering</label></div>")
                .tag("<div class=\"actions\"><button type=\"submit\">Add fault</button></div></form>");
        return Response.html(error == null ? 200 : 400, console.frame("Fault rules", Console.BASE + "/faults", null, h.toString()));
    }

    private static String effect(JsonNode f) {
        StringBuilder b = new StringBuilder();
        if (f.has("delay_ms")) b.append("wait ").append(f.get("delay_ms").asLong()).append(" ms; ");
        if (f.path("drop_connection").asBoolean(false)) b.append("drop the connection");
        else if (f.has("errcode")) {
            b.append("errcode ").append(f.get("errcode").asInt());
            if (f.has("errmsg")) b.append(" “").append(f.get("errmsg").asText()).append('”');
        } else b.append("answer normally");
        if (f.has("probability")) b.append(" (probability ").append(f.get("probability").asDouble()).append(')');
        return b.toString();
    }

    private static void input(Html h, String name, String label, ObjectNode sent, String placeholder, boolean required) {
        String value = sent != null && sent.has(name) ? sent.get(name).asText() : "";
        h.tag("<div><label for=\"fault-").text(name).tag("\">").text(label).tag("</label><input id=\"fault-").text(name)
                .tag("\" name=\"").text(name).tag("\" value=\"").text(value).tag("\" placeholder=\"").text(placeholder).tag("\"");
        if (required) h.tag(" required");
        h.tag("></div>");
    }
}
