package org.schoolcontacts.students;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * Request-level validation of the student endpoints (spec 6.5.2, 12 Q7): length and count limits,
 * empty length-bounded strings and a missing required batch array refuse the whole request with 40058
 * before any item is touched. A field of the wrong JSON type is read as absent (spec 1.3). Everything that depends on the stored school (id grammar, existence, uniqueness,
 * classes, capacity) is left to the per-item rules in {@link StudentRules}.
 */
final class StudentRequests {
    static final String STUDENTS = "students";
    static final String USERID = "student_userid";
    static final String NEW_USERID = "new_student_userid";
    static final String NAME = "name";
    static final String MOBILE = "mobile";
    static final String DEPARTMENT = "department";
    static final String TO_INVITE = "to_invite";
    static final String USERIDLIST = "useridlist";
    /** The query parameter of delete_student. */
    static final String QUERY_USERID = "userid";

    private StudentRequests() {}

    /** create_student's body, a batch_create_student item or a seed item. */
    static NewStudent newStudent(JsonNode item) {
        String userid = userid(item, USERID);
        String name = name(item);
        String mobile = JsonFields.string(item, MOBILE).orElse(null);
        // to_invite is accepted and ignored (spec 5.3); read so that a value of the wrong type adds the warning.
        JsonFields.bool(item, TO_INVITE);
        return new NewStudent(userid, name, mobile, departments(item));
    }

    /** update_student's body or a batch_update_student item. */
    static StudentChange change(JsonNode item) {
        String userid = userid(item, USERID);
        String newUserid = userid(item, NEW_USERID);
        String name = name(item);
        String mobile = JsonFields.string(item, MOBILE).orElse(null);
        return new StudentChange(userid, newUserid, name, mobile, departments(item));
    }

    /** batch_create_student's {@code students}: required (D-92328 是), so absent, null or [] is 40058. */
    static List<NewStudent> newStudents(JsonNode body) {
        List<JsonNode> items = items(body);
        if (items.isEmpty()) throw WeComError.invalidParameter(STUDENTS);
        List<NewStudent> out = new ArrayList<>();
        for (JsonNode item : items) out.add(newStudent(item));
        return out;
    }

    static List<StudentChange> changes(JsonNode body) {
        List<StudentChange> out = new ArrayList<>();
        for (JsonNode item : items(body)) out.add(change(item));
        return out;
    }

    /** batch_delete_student's {@code useridlist}: required (D-92040 是), so absent, null or [] is 40058 (spec 6.6). */
    static List<String> useridList(JsonNode body) {
        List<String> ids = JsonFields.strings(body, USERIDLIST).orElse(List.of());
        if (ids.isEmpty() || ids.size() > Limits.MAX_BATCH_ITEMS) throw WeComError.invalidParameter(USERIDLIST);
        for (String id : ids) {
            if (!Limits.userIdLengthOk(id)) throw WeComError.invalidParameter(USERIDLIST);
        }
        return ids;
    }

    /**
     * delete_student's {@code ?userid=}: absent or empty is "missing" (41009, decided by the rules),
     * an over-long id refuses the request.
     */
    static String queryUserid(String raw) {
        if (raw == null || raw.isEmpty()) return null;
        if (!Limits.userIdLengthOk(raw)) throw WeComError.invalidParameter(QUERY_USERID);
        return raw;
    }

    /** The {@code students} array; absent, null or [] is empty here (batch_update's "nothing to do", spec 12 Q10). */
    private static List<JsonNode> items(JsonNode body) {
        List<JsonNode> items = JsonFields.objects(body, STUDENTS).orElse(List.of());
        if (items.size() > Limits.MAX_BATCH_ITEMS) throw WeComError.invalidParameter(STUDENTS);
        return items;
    }

    private static String userid(JsonNode item, String field) {
        String id = JsonFields.string(item, field).orElse(null);
        if (id != null && !Limits.userIdLengthOk(id)) throw WeComError.invalidParameter(field);
        return id;
    }

    private static String name(JsonNode item) {
        String name = JsonFields.string(item, NAME).orElse(null);
        if (name != null && !Limits.studentNameOk(name)) throw WeComError.invalidParameter(NAME);
        return name;
    }

    /** Class ids in the order sent, duplicates collapsed (spec 5.3); the 20-entry limit counts what was sent. */
    private static List<Long> departments(JsonNode item) {
        List<Long> sent = JsonFields.integers(item, DEPARTMENT).orElse(List.of());
        if (sent.size() > Limits.MAX_CLASSES_PER_STUDENT) throw WeComError.invalidParameter(DEPARTMENT);
        return List.copyOf(new LinkedHashSet<>(sent));
    }
}
