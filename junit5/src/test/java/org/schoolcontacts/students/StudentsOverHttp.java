package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.storage.Database;

/**
 * Shared set-up and observation for the students' HTTP tests. What a test expects to see after a
 * write is checked through {@code school/user/get} and, for what no read returns (mobile, renamed
 * flag, class counts), in the store.
 */
final class StudentsOverHttp {
    static final String SEED = "students/school.json";
    static final String BASE = "/cgi-bin/school/user/";
    static final long GRADE = 10;
    /** The seed's classes 11..35 under grade 10: enough for the 20-class limit and more. */
    static final long FIRST_CLASS = 11;
    static final int CLASSES = 25;

    private final SchoolContactsHandle handle;

    StudentsOverHttp(SchoolContactsHandle handle) { this.handle = handle; }

    /** Resets the server to its seed: grade 10 with classes 11..35, no students. */
    StudentsOverHttp freshSchool() {
        handle.reset();
        return this;
    }

    /** A parent of one student, made through create_parent. */
    void parentOf(String parentUserid, String studentUserid) {
        String mobile = "139" + String.format("%08d", Math.floorMod(parentUserid.hashCode(), 100_000_000));
        JsonNode r = handle.editor().post(BASE + "create_parent", Map.of("parent_userid", parentUserid, "mobile", mobile,
                "children", List.of(Map.of("student_userid", studentUserid, "relation", "妈妈"))));
        assertThat(r.path("errcode").asInt()).as("create_parent %s", r).isZero();
    }

    static List<Long> classes(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(FIRST_CLASS + i);
        return out;
    }

    /** What the school holds for a student: id in stored case, name, classes in order, mobile. */
    record Student(String userid, String name, List<Long> department, String mobile, boolean renamed) {}

    /** The student as stored; {@code school/user/get} must agree on id, name and classes and hide the mobile. */
    Optional<Student> student(String userid) {
        Optional<Student> stored = db().read(tx -> {
            var row = tx.one("SELECT userid, name, mobile, renamed FROM users WHERE corp_id = ? AND user_key = ? AND user_type = 1",
                    rs -> new Student(rs.getString(1), rs.getString(2), List.of(), rs.getString(3), rs.getInt(4) == 1),
                    handle.corpId(), userid.toLowerCase());
            if (row.isEmpty()) return Optional.<Student>empty();
            List<Long> classes = tx.query("SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ? ORDER BY position",
                    rs -> rs.getLong(1), handle.corpId(), userid.toLowerCase());
            Student s = row.get();
            return Optional.of(new Student(s.userid(), s.name(), classes, s.mobile(), s.renamed()));
        });
        JsonNode get = handle.reader().get(BASE + "get?userid=" + userid);
        if (stored.isEmpty()) {
            assertThat(get.path("errcode").asInt()).as("get of a missing student: %s", get).isEqualTo(60111);
        } else {
            assertThat(get.path("errcode").asInt()).as("get %s: %s", userid, get).isZero();
            assertThat(get.path("user_type").asInt()).isEqualTo(1);
            JsonNode s = get.path("student");
            assertThat(s.path("student_userid").asText()).isEqualTo(stored.get().userid());
            assertThat(s.path("name").asText()).isEqualTo(stored.get().name());
            List<Long> dept = new ArrayList<>();
            s.path("department").forEach(d -> dept.add(d.asLong()));
            assertThat(dept).isEqualTo(stored.get().department());
            assertThat(s.has("mobile")).as("a student's mobile is write-only").isFalse();
        }
        return stored;
    }

    long studentCount(long classId) {
        return db().read(tx -> tx.count("SELECT student_count FROM departments WHERE corp_id = ? AND dept_id = ?", handle.corpId(), classId));
    }

    long students() {
        return db().read(tx -> tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_type = 1", handle.corpId()));
    }

    JsonNode post(String endpoint, Object body) {
        return handle.editor().post(BASE + endpoint, body);
    }

    JsonNode postText(String endpoint, String body) {
        return handle.editor().post(BASE + endpoint, body);
    }

    JsonNode get(String endpointAndQuery) {
        return handle.editor().get(BASE + endpointAndQuery);
    }

    private Database db() { return handle.server().database(); }

    /** The errmsg without WeCom's diagnostic tail. */
    static String phrase(JsonNode reply) {
        String m = reply.path("errmsg").asText();
        int tail = m.indexOf(", hint: [");
        return tail < 0 ? m : m.substring(0, tail);
    }
}
