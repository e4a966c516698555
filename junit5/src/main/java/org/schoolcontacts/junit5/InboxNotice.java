package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A notice in one student's or parent's inbox ({@link SchoolContactsHandle#inbox(String)}): what was
 * sent, why this user got it, and whether it was delivered (an unsubscribed parent's is not).
 */
public record InboxNotice(String id, Instant time, long agentid, String msgtype, JsonNode message, String via, boolean delivered,
                          String duplicateOf) {

    /** The text of a text notice; null for other types. */
    public String text() {
        return "text".equals(msgtype) ? message.path("content").asText() : null;
    }

    static InboxNotice of(JsonNode n) {
        String msgtype = n.path("msgtype").asText();
        return new InboxNotice(n.path("id").asText(), Instant.parse(n.path("time").asText()), n.path("agentid").asLong(), msgtype,
                n.path(msgtype), n.path("via").asText(), n.path("delivered").asBoolean(),
                n.hasNonNull("duplicate_of") ? n.get("duplicate_of").asText() : null);
    }
}
