package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.storage.Database;

/**
 * Shared set-up and observation for the students' HTTP tests. The school's departments are written
 * by SQL because the department endpoints are another feature's; what a test expects to see after a
 * write is checked in the store and, when {@code school/user/get} is served, over HTTP too.
 */
final class StudentsOverHttp {
    static final String SEED = "students/school.json";
    static final String BASE = "/cgi-bin/school/user/";
    static final long GRADE = 10;
    /** Classes 11..35 under grade 10: enough for the 20-class limit and one more. */
    static final long FIRST_CLASS = 11;
    static final int CLASSES = 25;

    private final SchoolContactsHandle handle;

    StudentsOverHttp(SchoolContactsHandle handle) { this.handle = handle; }

    /** Resets the server to its seed and adds grade 10 with classes 11..35. */
    StudentsOverHttp freshSchool() {
        handle.reset();
        db().write(handle.corpId(), tx -> {
            tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, student_count, created_seq) VALUES (?, ?, 1, 'Grade', 2, 0, ?)",
                    handle.corpId(), GRADE, tx.nextSeq());
            for (long c = FIRST_CLASS; c < FIRST_CLASS + CLASSES; c++) {
                tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, student_count, created_seq) VALUES (?, ?, ?, ?, 1, 0, ?)",
                        handle.corpId(), c, GRADE, "Class " + c, tx.nextSeq());
            }
            return null;
        });
        return this;
    }

    /** A parent linked to a student, written by SQL (the parent endpoints are another feature's). */
    void parentOf(String parentUserid, String studentUserid) {
        db().write(handle.corpId(), tx -> {
            tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, parent_mobile, renamed, created_seq) VALUES (?, ?, ?, 2, ?, 0, ?)",
                    handle.corpId(), parentUserid.toLowerCase(), parentUserid, "139" + Math.abs(parentUserid.hashCode() % 100000000), tx.nextSeq());
            return tx.update("INSERT INTO parent_children (corp_id, parent_key, student_key, relation, position) VALUES (?, ?, ?, '妈妈', 0)",
                    handle.corpId(), parentUserid.toLowerCase(), studentUserid.toLowerCase());
        });
    }

    static List<Long> classes(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(FIRST_CLASS + i);
        return out;
    }

    /** What the school holds for a student: id in stored case, name, classes in order, mobile. */
    record Student(String userid, String name, List<Long> department, String mobile, boolean renamed) {}

    /**
     * The student as stored; when {@code school/user/get} is served (the read endpoints are built in
     * parallel), its answer must agree on id, name and classes.
     */
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
        if (get.path("errcode").asInt() != 404) {
            if (stored.isEmpty()) {
                assertThat(get.path("errcode").asInt()).as("get of a missing student").isEqualTo(60111);
            } else {
                assertThat(get.path("errcode").asInt()).as("get %s: %s", userid, get).isZero();
                JsonNode s = get.path("student");
                assertThat(s.path("student_userid").asText()).isEqualTo(stored.get().userid());
                assertThat(s.path("name").asText()).isEqualTo(stored.get().name());
                List<Long> dept = new ArrayList<>();
                s.path("department").forEach(d -> dept.add(d.asLong()));
                assertThat(dept).isEqualTo(stored.get().department());
                assertThat(s.has("mobile")).as("a student's mobile is write-only").isFalse();
            }
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
