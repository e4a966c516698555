package org.schoolcontacts.departments;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.departments.DepartmentRules.AdminType;
import org.schoolcontacts.departments.DepartmentRules.Type;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * Applies {@code department_admins} entries to a department's admins: first planned and checked
 * against the department's type (nothing written yet), then written. Admins are keyed by the
 * lower-cased userid, as userids are case-insensitive (spec 5.1); entries apply in request order.
 */
final class DepartmentAdmins {
    private DepartmentAdmins() {}

    /** The admins after {@code entries}, by key, in first-appointed order. */
    static Map<String, Department.Admin> plan(Type department, List<Department.Admin> existing, List<AdminEntry> entries) {
        Map<String, Department.Admin> admins = new LinkedHashMap<>();
        for (Department.Admin a : existing) admins.put(Limits.userKey(a.userid()), a);
        for (AdminEntry e : entries) {
            String key = Limits.userKey(e.userid());
            if (e.remove()) {
                // Removing someone who is not an admin changes nothing; WeCom documents no error for it.
                admins.remove(key);
                continue;
            }
            Department.Admin before = admins.get(key);
            AdminType type = e.type() != null ? e.type()
                    : before != null ? AdminType.of(before.type()).orElseThrow()
                    : null;
            if (type == null) throw WeComError.invalidParameter("department_admins.type");
            String subject = e.subject() == null ? (before == null ? null : before.subject())
                    : e.subject().isEmpty() ? null : e.subject();
            DepartmentRules.checkAdmin(department, type, subject);
            admins.put(key, new Department.Admin(e.userid(), type.code, subject));
        }
        return admins;
    }

    /** Writes the difference between {@code existing} and {@code planned}. */
    static void write(Tx tx, long deptId, List<Department.Admin> existing, Map<String, Department.Admin> planned)
            throws SQLException {
        Map<String, Department.Admin> before = new LinkedHashMap<>();
        for (Department.Admin a : existing) before.put(Limits.userKey(a.userid()), a);
        for (String key : before.keySet()) {
            if (!planned.containsKey(key)) DepartmentStore.deleteAdmin(tx, deptId, key);
        }
        for (Map.Entry<String, Department.Admin> p : planned.entrySet()) {
            Department.Admin old = before.get(p.getKey());
            if (old == null) DepartmentStore.insertAdmin(tx, deptId, p.getKey(), p.getValue());
            else if (!old.equals(p.getValue())) DepartmentStore.updateAdmin(tx, deptId, p.getKey(), p.getValue());
        }
    }
}
