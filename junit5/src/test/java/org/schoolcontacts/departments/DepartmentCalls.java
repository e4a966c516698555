package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.WeComClient;
import org.schoolcontacts.wecom.Limits;

/** The four department endpoints over plain HTTP, and a student added in SQL (the students feature is built elsewhere). */
final class DepartmentCalls {
    static final String CREATE = "/cgi-bin/school/department/create";
    static final String UPDATE = "/cgi-bin/school/department/update";
    static final String DELETE = "/cgi-bin/school/department/delete";
    static final String LIST = "/cgi-bin/school/department/list";

    private DepartmentCalls() {}

    /** JSON written with single quotes, to keep the bodies in the tests readable. */
    static String json(String singleQuoted) { return singleQuoted.replace('\'', '"'); }

    static JsonNode create(WeComClient app, String body) { return app.post(CREATE, json(body)); }

    static JsonNode update(WeComClient app, String body) { return app.post(UPDATE, json(body)); }

    static JsonNode delete(WeComClient app, Object id) { return app.get(DELETE + "?id=" + id); }

    static JsonNode list(WeComClient app) { return app.get(LIST); }

    static JsonNode list(WeComClient app, Object id) { return app.get(LIST + "?id=" + id); }

    /** Creates and returns the new id, failing the test if the create is refused. */
    static long created(WeComClient app, String body) {
        JsonNode r = create(app, body);
        assertOk(r);
        assertThat(r.path("errmsg").asText()).isEqualTo("created");
        return r.path("id").asLong();
    }

    static void assertOk(JsonNode answer) {
        assertThat(answer.path("errcode").asInt()).as(answer.toString()).isZero();
    }

    static void assertError(JsonNode answer, int errcode, String phrase) {
        assertThat(answer.path("errcode").asInt()).as(answer.toString()).isEqualTo(errcode);
        assertThat(answer.path("errmsg").asText()).as(answer.toString()).startsWith(phrase);
    }

    static List<Long> ids(JsonNode listAnswer) {
        assertOk(listAnswer);
        List<Long> ids = new ArrayList<>();
        for (JsonNode d : listAnswer.path("departments")) ids.add(d.path("id").asLong());
        return ids;
    }

    static JsonNode department(WeComClient app, long id) {
        for (JsonNode d : list(app).path("departments")) if (d.path("id").asLong() == id) return d;
        return null;
    }

    static void addStudent(SchoolContactsHandle handle, String userid, long classId) {
        String corp = handle.corpId();
        handle.server().database().write(corp, tx -> {
            tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, name, created_seq) VALUES (?, ?, ?, 1, ?, ?)",
                    corp, Limits.userKey(userid), userid, "Student " + userid, tx.nextSeq());
            tx.update("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, 0)",
                    corp, Limits.userKey(userid), classId);
            tx.update("UPDATE departments SET student_count = student_count + 1 WHERE corp_id = ? AND dept_id = ?", corp, classId);
            return null;
        });
    }

    static List<Long> classesOf(SchoolContactsHandle handle, String userid) {
        return handle.server().database().read(tx -> tx.query(
                "SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ?",
                rs -> rs.getLong(1), handle.corpId(), Limits.userKey(userid)));
    }
}
