package org.schoolcontacts.events;

import java.util.List;

/**
 * The plaintexts inside {@code Encrypt} (spec events §1.3, §1.4), of change events and suite notices
 * alike: elements in the documented order, every string in CDATA, times as bare integers, no
 * declaration and no whitespace between elements.
 */
public final class Plaintext {
    private Plaintext() {}

    /** The app event of self-built and agency apps (D-92032, D-92052). */
    public static String appEvent(String corpId, long createTime, Change c) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<xml>");
        cdata(sb, "ToUserName", corpId);
        cdata(sb, "FromUserName", "sys");
        sb.append("<CreateTime>").append(createTime).append("</CreateTime>");
        cdata(sb, "MsgType", "event");
        cdata(sb, "Event", "change_school_contact");
        cdata(sb, "ChangeType", c.type().wireName());
        cdata(sb, "Id", c.id());
        if (c.newId() != null) cdata(sb, "NewId", c.newId());
        return sb.append("</xml>").toString();
    }

    /** The third-party notice (D-92051, D-92050). */
    public static String suiteNotice(String suiteId, String corpId, long timeStamp, Change c) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<xml>");
        cdata(sb, "SuiteId", suiteId);
        cdata(sb, "AuthCorpId", corpId);
        cdata(sb, "InfoType", "change_school_contact");
        sb.append("<TimeStamp>").append(timeStamp).append("</TimeStamp>");
        cdata(sb, "ChangeType", c.type().wireName());
        cdata(sb, "Id", c.id());
        if (c.newId() != null) cdata(sb, "NewId", c.newId());
        return sb.append("</xml>").toString();
    }

    /** One change of the batch shape, with its own commit time. */
    public record Timed(long timeStamp, Change change) {}

    /** The third-party batch notice (D-97281): at most 1000 ChangeList items. */
    public static String suiteBatch(String suiteId, String corpId, long pushTime, List<Timed> changes) {
        if (changes.isEmpty() || changes.size() > 1000) throw new IllegalArgumentException("1-1000 changes per batch");
        StringBuilder sb = new StringBuilder(128 + 128 * changes.size());
        sb.append("<xml>");
        cdata(sb, "SuiteId", suiteId);
        cdata(sb, "AuthCorpId", corpId);
        cdata(sb, "InfoType", "change_school_contact_batch");
        sb.append("<TimeStamp>").append(pushTime).append("</TimeStamp>");
        for (Timed t : changes) {
            sb.append("<ChangeList>");
            sb.append("<TimeStamp>").append(t.timeStamp()).append("</TimeStamp>");
            cdata(sb, "ChangeType", t.change().type().wireName());
            cdata(sb, "Id", t.change().id());
            if (t.change().newId() != null) cdata(sb, "NewId", t.change().newId());
            sb.append("</ChangeList>");
        }
        return sb.append("</xml>").toString();
    }

    // ---- the other notices of a suite's instruction URL (D-90628, D-100964): same conventions ----

    public static String suiteTicket(String suiteId, long timeStamp, String ticket) {
        StringBuilder sb = new StringBuilder(192).append("<xml>");
        cdata(sb, "SuiteId", suiteId);
        cdata(sb, "InfoType", "suite_ticket");
        sb.append("<TimeStamp>").append(timeStamp).append("</TimeStamp>");
        cdata(sb, "SuiteTicket", ticket);
        return sb.append("</xml>").toString();
    }

    public static String createAuth(String suiteId, String authCode, long timeStamp, String state) {
        StringBuilder sb = new StringBuilder(256).append("<xml>");
        cdata(sb, "SuiteId", suiteId);
        cdata(sb, "AuthCode", authCode);
        cdata(sb, "InfoType", "create_auth");
        sb.append("<TimeStamp>").append(timeStamp).append("</TimeStamp>");
        cdata(sb, "State", state == null ? "" : state);
        cdata(sb, "ExtraInfo", "");
        return sb.append("</xml>").toString();
    }

    public static String changeAuth(String suiteId, long timeStamp, String corpId, String state) {
        StringBuilder sb = new StringBuilder(256).append("<xml>");
        cdata(sb, "SuiteId", suiteId);
        cdata(sb, "InfoType", "change_auth");
        sb.append("<TimeStamp>").append(timeStamp).append("</TimeStamp>");
        cdata(sb, "AuthCorpId", corpId);
        cdata(sb, "State", state == null ? "" : state);
        cdata(sb, "ExtraInfo", "");
        return sb.append("</xml>").toString();
    }

    public static String cancelAuth(String suiteId, long timeStamp, String corpId) {
        StringBuilder sb = new StringBuilder(192).append("<xml>");
        cdata(sb, "SuiteId", suiteId);
        cdata(sb, "InfoType", "cancel_auth");
        sb.append("<TimeStamp>").append(timeStamp).append("</TimeStamp>");
        cdata(sb, "AuthCorpId", corpId);
        return sb.append("</xml>").toString();
    }

    private static void cdata(StringBuilder sb, String element, String value) {
        // "]]>" cannot occur in ids (id grammar), but split it anyway so no value can end the section.
        sb.append('<').append(element).append("><![CDATA[").append(value.replace("]]>", "]]]]><![CDATA[>"))
                .append("]]></").append(element).append('>');
    }
}
