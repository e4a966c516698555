package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * The notices test school (notices-seed.json): campus 40 > stage 30 > grades 20 (classes 21, 22) and
 * 23 (classes 31, 32). Class 21: s211 (parents p211a subscribed, p211b not) and s212 (p212); class
 * 22: s221 (p221); class 31: s311 (p212, p311) and s312 (p312); class 32: s321 (no parent). App
 * 5000009 may reach grade 20 and student s311 only.
 */
final class NoticeSchool {
    static final String SEED = "notices-seed.json";
    static final String CORP = "wwnotices0000001";
    static final String SEND = "/cgi-bin/externalcontact/message/send";
    static final String PARENT_APP = "notice-parent-app";
    static final long PARENT_APP_AGENT = 5000001;
    static final String SCOPED = "notice-scoped";
    static final long SCOPED_AGENT = 5000009;

    private NoticeSchool() {}

    /** A text notice from the parents app with these extra fields (a JSON fragment, may be empty). */
    static String text(String content, String fields) {
        return "{\"msgtype\":\"text\",\"agentid\":" + PARENT_APP_AGENT + ",\"text\":{\"content\":\"" + content + "\"}"
                + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    static JsonNode send(SchoolContactsHandle h, String secret, String json) {
        return h.client(secret).post(SEND, json);
    }

    static JsonNode send(SchoolContactsHandle h, String json) {
        return send(h, PARENT_APP, json);
    }

    static int errcode(JsonNode answer) {
        return answer.path("errcode").asInt();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
