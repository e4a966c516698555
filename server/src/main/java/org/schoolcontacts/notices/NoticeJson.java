package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.schoolcontacts.notices.Notices.InboxEntry;
import org.schoolcontacts.notices.Notices.Invalid;
import org.schoolcontacts.notices.Notices.Notice;
import org.schoolcontacts.notices.Notices.Recipient;

/** The JSON of message/send answers and of the inbox (spec 4.4, 5.2). */
final class NoticeJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NoticeJson() {}

    /** message/send's three lists, always present; error answers also carry the two WeCom fills for other targets. */
    static ObjectNode answerFields(Invalid invalid, boolean error) {
        ObjectNode o = NODES.objectNode();
        if (error) {
            o.putArray("invalid_external_user");
            o.putArray("invalid_tag");
        }
        strings(o.putArray("invalid_parent_userid"), invalid.parents());
        strings(o.putArray("invalid_student_userid"), invalid.students());
        strings(o.putArray("invalid_party"), invalid.parties());
        return o;
    }

    static ObjectNode notice(Notice n) {
        ObjectNode o = NODES.objectNode();
        o.put("id", n.id());
        o.put("time", Instant.ofEpochMilli(n.sentAtMillis()).toString());
        o.put("corpid", n.corpId());
        o.put("agentid", n.agentid());
        o.put("msgtype", n.msgtype());
        o.set(n.msgtype(), n.message());
        o.put("recv_scope", n.recvScope());
        o.set("targets", n.targets());
        ObjectNode invalid = o.putObject("invalid");
        strings(invalid.putArray("parent_userid"), n.invalid().parents());
        strings(invalid.putArray("student_userid"), n.invalid().students());
        strings(invalid.putArray("party"), n.invalid().parties());
        o.put("enable_id_trans", n.enableIdTrans() ? 1 : 0);
        if (n.duplicateOf() != null) o.put("duplicate_of", n.duplicateOf());
        o.put("recipient_count", n.recipientCount());
        if (n.recipients() != null) {
            ArrayNode rs = o.putArray("recipients");
            for (Recipient r : n.recipients()) {
                ObjectNode x = rs.addObject();
                x.put("user_type", r.userType());
                x.put("userid", r.userid());
                x.put("via", r.via());
                x.put("is_subscribe", r.isSubscribe());
                x.put("delivered", r.delivered());
            }
        }
        return o;
    }

    static ObjectNode notices(List<Notice> list) {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray("notices");
        list.forEach(n -> a.add(notice(n)));
        return o;
    }

    static ObjectNode inbox(List<InboxEntry> entries) {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray("notices");
        for (InboxEntry e : entries) {
            Notice n = e.notice();
            ObjectNode x = a.addObject();
            x.put("id", n.id());
            x.put("time", Instant.ofEpochMilli(n.sentAtMillis()).toString());
            x.put("agentid", n.agentid());
            x.put("msgtype", n.msgtype());
            x.set(n.msgtype(), n.message());
            x.put("via", e.via());
            x.put("delivered", e.delivered());
            if (n.duplicateOf() != null) x.put("duplicate_of", n.duplicateOf());
        }
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
