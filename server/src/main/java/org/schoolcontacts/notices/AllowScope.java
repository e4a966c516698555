package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * An app's allow scope (可见范围, events-and-apps spec 3.5): departments, each with everything under
 * it, and single students. The default, stored as no rows, is the whole school ({@code departments:
 * [1]}). A notice may only reach recipients inside it; a parent is inside when one of their children is.
 * Departments and students are stored by key and follow renames.
 */
public record AllowScope(List<Long> departments, List<String> students) {
    public static final AllowScope WHOLE_SCHOOL = new AllowScope(List.of(Limits.ROOT_DEPARTMENT_ID), List.of());

    public boolean wholeSchool() { return departments.contains(Limits.ROOT_DEPARTMENT_ID); }

    /** {@code {"departments":[…],"students":[…]}} as seed and admin give it; both lists optional. */
    public static AllowScope parse(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("allow_scope must be an object {\"departments\":[…],\"students\":[…]}");
        try {
            List<Long> departments = List.copyOf(new LinkedHashSet<>(JsonFields.integers(n, "departments").orElse(List.of())));
            List<String> students = List.copyOf(new LinkedHashSet<>(JsonFields.strings(n, "students").orElse(List.of())));
            return new AllowScope(departments, students);
        } catch (org.schoolcontacts.wecom.WeComException e) {
            throw new IllegalArgumentException("allow_scope: departments must be ids and students userids");
        }
    }

    /** The app's scope, the whole school when none was set. */
    public static AllowScope of(Tx tx, String corpId, String appId) throws SQLException {
        List<Long> departments = tx.query("SELECT dept_id FROM app_scope_departments WHERE corp_id = ? AND app_id = ? ORDER BY position",
                rs -> rs.getLong(1), corpId, appId);
        List<String> students = tx.query("SELECT u.userid FROM app_scope_students s JOIN users u ON u.corp_id = s.corp_id AND u.user_key = s.student_key"
                + " WHERE s.corp_id = ? AND s.app_id = ? ORDER BY s.position", rs -> rs.getString(1), corpId, appId);
        if (departments.isEmpty() && students.isEmpty()) return WHOLE_SCHOOL;
        return new AllowScope(departments, students);
    }

    /** Replaces the app's scope; an unknown department or student refuses it with a message naming it. */
    public static void store(Tx tx, String corpId, String appId, AllowScope scope) throws SQLException {
        List<String> unknown = new ArrayList<>();
        for (long d : scope.departments) {
            if (tx.count("SELECT COUNT(*) FROM departments WHERE corp_id = ? AND dept_id = ?", corpId, d) == 0) unknown.add("department " + d);
        }
        for (String s : scope.students) {
            if (tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_key = ? AND user_type = 1", corpId, Limits.userKey(s)) == 0) {
                unknown.add("student " + s);
            }
        }
        if (!unknown.isEmpty()) throw WeComError.INVALID_PARAMETER.withMessage("allow_scope names unknown " + String.join(", ", unknown));
        tx.update("DELETE FROM app_scope_departments WHERE corp_id = ? AND app_id = ?", corpId, appId);
        tx.update("DELETE FROM app_scope_students WHERE corp_id = ? AND app_id = ?", corpId, appId);
        int i = 0;
        for (long d : scope.departments) {
            tx.update("INSERT INTO app_scope_departments (corp_id, app_id, dept_id, position) VALUES (?, ?, ?, ?)", corpId, appId, d, i++);
        }
        i = 0;
        for (String s : scope.students) {
            tx.update("INSERT INTO app_scope_students (corp_id, app_id, student_key, position) VALUES (?, ?, ?, ?)",
                    corpId, appId, Limits.userKey(s), i++);
        }
    }
}
