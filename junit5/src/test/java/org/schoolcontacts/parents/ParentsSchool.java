package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * The school the parent HTTP tests start from, the seed {@code parents-http-seed.json}: one corp with
 * apps of every kind, grade 10 with classes 11 and 12, students s1, s2 (class 11) and S3 (classes 12
 * and 11, in that order). Everything else is made through the API, as a user's tests would.
 */
final class ParentsSchool {
    static final String SEED = "parents-http-seed.json";
    static final String USER = "/cgi-bin/school/user/";

    private ParentsSchool() {}

    /** Back to the seed: all data deleted and seeded again, tokens forgotten. */
    static void reset(SchoolContactsHandle handle) {
        handle.reset();
    }

    static void student(SchoolContactsHandle handle, String userid, Long... classes) {
        JsonNode answer = handle.editor().post(USER + "create_student",
                Map.of("student_userid", userid, "name", "name of " + userid, "department", Arrays.asList(classes)));
        assertThat(errcode(answer)).as("create_student %s: %s", userid, answer).isZero();
    }

    /** The admin control behind is_subscribe and external_userid (spec 11). */
    static void subscribe(SchoolContactsHandle handle, String parentUserid, String externalUserid) {
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + handle.corpId() + "\",\"parent_userid\":\""
                + parentUserid + "\",\"is_subscribe\":1,\"external_userid\":\"" + externalUserid + "\"}");
    }

    /** A create_parent body. */
    static Map<String, Object> parent(String userid, String mobile, Map<?, ?>... children) {
        return Map.of("parent_userid", userid, "mobile", mobile, "children", List.of(children));
    }

    static Map<String, String> child(String studentUserid, String relation) {
        return Map.of("student_userid", studentUserid, "relation", relation);
    }

    static int errcode(JsonNode answer) {
        return answer.path("errcode").asInt(Integer.MIN_VALUE);
    }

    /** The errmsg without WeCom's diagnostic tail (", hint: [...] ..."). */
    static String phrase(JsonNode answer) {
        String m = answer.path("errmsg").asText();
        int tail = m.indexOf(", hint: [");
        return tail < 0 ? m : m.substring(0, tail);
    }
}
