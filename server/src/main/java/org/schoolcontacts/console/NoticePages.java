package org.schoolcontacts.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;
import org.schoolcontacts.notices.Notices;
import org.schoolcontacts.notices.Notices.InboxEntry;
import org.schoolcontacts.notices.Notices.Notice;
import org.schoolcontacts.notices.Notices.Recipient;

/**
 * The notices inbox (school notices sent through message/send), through the {@link Notices} service
 * that {@code /__admin/notices} serves: the latest notices, one notice with its content and
 * recipients, and one student's or parent's inbox. A {@link ConsoleSection}, as other features' pages are.
 */
final class NoticePages {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String BASE = Console.BASE + "/notices";
    private static final int PAGE = 100;

    private final Console console;
    private final Notices notices;

    NoticePages(Console console, Notices notices) {
        this.console = console;
        this.notices = notices;
    }

    ConsoleSection section() {
        return new ConsoleSection("Notices", BASE, List.of(
                new PageRoute("GET", BASE, false, r -> list(r.query().apply("corpid"))),
                new PageRoute("GET", BASE + "/{id}", false, r -> one(r.pathParam().apply("id"))),
                new PageRoute("GET", Console.BASE + "/schools/{corpid}/users/{userid}/inbox", false,
                        r -> inbox(r.pathParam().apply("corpid"), r.pathParam().apply("userid")))));
    }

    static String inboxHref(String corpId, String userid) { return SchoolPages.userHref(corpId, userid) + "/inbox"; }

    private static String json(JsonNode n) {
        try {
            return n == null ? "" : PRETTY.writeValueAsString(n);
        } catch (Exception e) {
            return String.valueOf(n);
        }
    }

    private Response list(String corpIdParam) {
        String corpId = corpIdParam == null || corpIdParam.isBlank() ? null : corpIdParam.trim();
        List<Notice> found = notices.find(corpId, null, null, PAGE, false);
        Html h = new Html();
        h.tag("<form method=\"get\" action=\"").text(BASE).tag("\" class=\"filters\"><div><label for=\"n-corp\">corpid</label>")
                .tag("<input id=\"n-corp\" name=\"corpid\" value=\"").text(corpId == null ? "" : corpId).tag("\"></div>")
                .tag("<div class=\"actions\"><button type=\"submit\">Filter</button> ").link(BASE, "Clear filter").tag("</div></form>");
        h.tag("<p role=\"status\">").text(found.isEmpty() ? "No notice has been sent." : "The latest " + found.size()
                + (found.size() == 1 ? " notice" : " notices") + ", newest first.").tag("</p>");
        if (!found.isEmpty()) {
            h.tag("<table class=\"notices\"><thead><tr><th scope=\"col\">notice</th><th scope=\"col\">time (UTC)</th>"
                    + "<th scope=\"col\">corpid</th><th scope=\"col\">agentid</th><th scope=\"col\">msgtype</th>"
                    + "<th scope=\"col\" class=\"num\">recipients</th></tr></thead><tbody>");
            for (Notice n : found) {
                h.tag("<tr><td>").link(BASE + "/" + Html.url(n.id()), n.id()).tag("</td><td>").text(TIME.format(Instant.ofEpochMilli(n.sentAtMillis())))
                        .tag("</td><td>").text(n.corpId()).tag("</td><td>").text(n.agentid()).tag("</td><td>").text(n.msgtype())
                        .tag(n.duplicateOf() == null ? "" : " (duplicate)").tag("</td><td class=\"num\">").text(n.recipientCount()).tag("</td></tr>");
            }
            h.tag("</tbody></table>");
        }
        return Response.html(console.frame("Notices", BASE, null, h.toString()));
    }

    private Response one(String id) {
        Notice n = notices.notice(id).orElse(null);
        if (n == null) return console.notFound("no notice " + id);
        Html h = new Html();
        h.tag("<dl class=\"fields\">");
        field(h, "id", n.id());
        field(h, "time (UTC)", TIME.format(Instant.ofEpochMilli(n.sentAtMillis())));
        h.tag("<dt>corpid</dt><dd>").link(SchoolPages.schoolHref(n.corpId()), n.corpId()).tag("</dd>");
        field(h, "agentid", Long.toString(n.agentid()));
        field(h, "msgtype", n.msgtype());
        field(h, "recv_scope", Integer.toString(n.recvScope()));
        field(h, "enable_id_trans", n.enableIdTrans() ? "1" : "0");
        if (n.duplicateOf() != null) h.tag("<dt>duplicate_of</dt><dd>").link(BASE + "/" + Html.url(n.duplicateOf()), n.duplicateOf()).tag("</dd>");
        h.tag("<dt>content</dt><dd><pre>").text(json(n.message())).tag("</pre></dd>");
        h.tag("<dt>targets</dt><dd><pre>").text(json(n.targets())).tag("</pre></dd>");
        field(h, "invalid parent_userid", String.join(", ", n.invalid().parents()));
        field(h, "invalid student_userid", String.join(", ", n.invalid().students()));
        field(h, "invalid party", String.join(", ", n.invalid().parties()));
        h.tag("</dl><h2>").text("Recipients (" + n.recipientCount() + ")").tag("</h2>");
        List<Recipient> rs = n.recipients() == null ? List.of() : n.recipients();
        if (rs.isEmpty()) {
            h.tag("<p>None.</p>");
        } else {
            h.tag("<table class=\"people\"><thead><tr><th scope=\"col\">userid</th><th scope=\"col\">type</th><th scope=\"col\">via</th>"
                    + "<th scope=\"col\">is_subscribe</th><th scope=\"col\">delivered</th></tr></thead><tbody>");
            for (Recipient r : rs) {
                h.tag("<tr><td>").link(inboxHref(n.corpId(), r.userid()), r.userid()).tag("</td><td>").text(r.userType()).tag("</td><td>")
                        .text(r.via()).tag("</td><td>").text(r.isSubscribe()).tag("</td><td>").text(r.delivered() ? "yes" : "no").tag("</td></tr>");
            }
            h.tag("</tbody></table>");
        }
        Html crumbs = new Html().tag("<ol><li>").link(BASE, "Notices").tag("</li><li aria-current=\"page\">").text(n.id()).tag("</li></ol>");
        return Response.html(console.frame("Notice " + n.id(), BASE, crumbs.toString(), h.toString()));
    }

    private Response inbox(String corpId, String userid) {
        List<InboxEntry> entries = notices.inbox(corpId, userid, null, false, PAGE);
        Html h = new Html();
        h.tag("<p>").text("Notices " + userid + " is a recipient of, newest first. ").link(SchoolPages.userHref(corpId, userid), "Back to " + userid)
                .tag("</p>");
        if (entries.isEmpty()) {
            h.tag("<p role=\"status\">The inbox is empty.</p>");
        } else {
            h.tag("<table class=\"notices\"><thead><tr><th scope=\"col\">notice</th><th scope=\"col\">time (UTC)</th>"
                    + "<th scope=\"col\">msgtype</th><th scope=\"col\">via</th><th scope=\"col\">delivered</th><th scope=\"col\">content</th>"
                    + "</tr></thead><tbody>");
            for (InboxEntry e : entries) {
                Notice n = e.notice();
                h.tag("<tr><td>").link(BASE + "/" + Html.url(n.id()), n.id()).tag("</td><td>").text(TIME.format(Instant.ofEpochMilli(n.sentAtMillis())))
                        .tag("</td><td>").text(n.msgtype()).tag("</td><td>").text(e.via()).tag("</td><td>").text(e.delivered() ? "yes" : "no")
                        .tag("</td><td><details><summary>show</summary><pre>").text(json(n.message())).tag("</pre></details></td></tr>");
            }
            h.tag("</tbody></table>");
        }
        Html crumbs = new Html().tag("<ol><li>").link(Console.BASE, "Schools").tag("</li><li>").link(SchoolPages.schoolHref(corpId), corpId)
                .tag("</li><li>").link(SchoolPages.userHref(corpId, userid), userid).tag("</li><li aria-current=\"page\">Inbox</li></ol>");
        return Response.html(console.frame("Inbox of " + userid, BASE, crumbs.toString(), h.toString()));
    }

    private static void field(Html h, String name, String value) {
        h.tag("<dt>").text(name).tag("</dt><dd>").text(value == null || value.isEmpty() ? "—" : value).tag("</dd>");
    }
}
