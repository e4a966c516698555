package org.schoolcontacts.parents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * The school the parent HTTP tests start from: the seed {@code parents-http-seed.json} (one corp, apps
 * of every kind) plus grade 10 with classes 11 and 12 and students s1, s2 (class 11) and S3 (class 12),
 * written in SQL through the server's store so these tests do not depend on the students feature.
 */
final class ParentsSchool {
    static final String SEED = "parents-http-seed.json";
    static final String USER = "/cgi-bin/school/user/";

    private ParentsSchool() {}

    static void reset(SchoolContactsHandle handle) {
        handle.reset();
        handle.server().database().write(handle.corpId(), tx -> {
            department(tx, 10, Limits.ROOT_DEPARTMENT_ID, 2);
            department(tx, 11, 10, 1);
            department(tx, 12, 10, 1);
            student(tx, "s1", "Li Lei", 11);
            student(tx, "s2", "Han Meimei", 11);
            student(tx, "S3", "Wang Fang", 12, 11);
            return null;
        });
    }

    static void student(SchoolContactsHandle handle, String userid, long... classes) {
        handle.server().database().write(handle.corpId(), tx -> student(tx, userid, "name of " + userid, classes));
    }

    private static Void department(Tx tx, long id, long parentId, int type) throws java.sql.SQLException {
        tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, created_seq) VALUES (?, ?, ?, ?, ?, ?)",
                tx.corpId(), id, parentId, "dept " + id, type, tx.nextSeq());
        return null;
    }

    private static Void student(Tx tx, String userid, String name, long... classes) throws java.sql.SQLException {
        tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, name, created_seq) VALUES (?, ?, ?, 1, ?, ?)",
                tx.corpId(), Limits.userKey(userid), userid, name, tx.nextSeq());
        for (int i = 0; i < classes.length; i++) {
            tx.update("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, ?)",
                    tx.corpId(), Limits.userKey(userid), classes[i], i);
            tx.update("UPDATE departments SET student_count = student_count + 1 WHERE corp_id = ? AND dept_id = ?", tx.corpId(), classes[i]);
        }
        return null;
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
