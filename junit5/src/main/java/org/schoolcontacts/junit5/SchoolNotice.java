package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A school notice (学校通知) as the server's inbox stored it: what was sent, to whom it was addressed,
 * and every recipient it reached, each with the reason ({@code via}). Read it with
 * {@link SchoolContactsHandle#notices()}, {@link SchoolContactsHandle#lastNotice()} or
 * {@link SchoolContactsHandle#notice(String)}.
 *
 * <pre>
 *   SchoolNotice n = school.lastNotice();
 *   assertThat(n.text()).isEqualTo("No school tomorrow");
 *   assertThat(n.deliveredTo()).containsExactlyInAnyOrder("p0001", "p0002");   // and only they
 * </pre>
 */
public record SchoolNotice(String id, Instant time, String corpId, long agentid, String msgtype, JsonNode message, int recvScope,
                           JsonNode targets, List<String> invalidParents, List<String> invalidStudents, List<String> invalidParties,
                           String duplicateOf, List<Recipient> recipients) {

    /** One recipient: {@code userType} "parent" or "student", the userid at send time, why it was reached. */
    public record Recipient(String userType, String userid, String via, boolean subscribed, boolean delivered) {}

    /** The text of a text notice ({@code text.content}); null for other types. */
    public String text() {
        return "text".equals(msgtype) ? message.path("content").asText() : null;
    }

    /** Every recipient's userid, in expansion order (delivered or not). */
    public List<String> recipientIds() {
        return recipients.stream().map(Recipient::userid).toList();
    }

    /** The recipients who would see the notice: students and subscribed parents. */
    public List<String> deliveredTo() {
        return recipients.stream().filter(Recipient::delivered).map(Recipient::userid).toList();
    }

    /** The parents among the recipients. */
    public List<String> parents() {
        return recipients.stream().filter(r -> r.userType().equals("parent")).map(Recipient::userid).toList();
    }

    /** The students among the recipients. */
    public List<String> students() {
        return recipients.stream().filter(r -> r.userType().equals("student")).map(Recipient::userid).toList();
    }

    /** The recipient with this userid (as at send time), or null. */
    public Recipient recipient(String userid) {
        return recipients.stream().filter(r -> r.userid().equalsIgnoreCase(userid)).findFirst().orElse(null);
    }

    static SchoolNotice of(JsonNode n) {
        List<Recipient> recipients = new ArrayList<>();
        for (JsonNode r : n.path("recipients")) {
            recipients.add(new Recipient(r.path("user_type").asText(), r.path("userid").asText(), r.path("via").asText(),
                    r.path("is_subscribe").asInt() == 1, r.path("delivered").asBoolean()));
        }
        String msgtype = n.path("msgtype").asText();
        return new SchoolNotice(n.path("id").asText(), Instant.parse(n.path("time").asText()), n.path("corpid").asText(),
                n.path("agentid").asLong(), msgtype, n.path(msgtype), n.path("recv_scope").asInt(), n.path("targets"),
                strings(n.path("invalid").path("parent_userid")), strings(n.path("invalid").path("student_userid")),
                strings(n.path("invalid").path("party")), n.hasNonNull("duplicate_of") ? n.get("duplicate_of").asText() : null,
                List.copyOf(recipients));
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }
}
