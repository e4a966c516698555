package org.schoolcontacts.departments;

import java.util.List;
import org.schoolcontacts.departments.DepartmentRules.Type;

/**
 * One department as stored (spec 5.1). Optional values are null when unset: {@code order} is set only
 * through the API, {@code standardGrade}/{@code registerYear} only on grades.
 */
public record Department(long id, long parentId, String name, Type type, Integer registerYear, Integer standardGrade,
                         Long order, boolean graduated, boolean openGroupChat, String groupChatId, List<Admin> admins) {

    public Department {
        admins = List.copyOf(admins);
    }

    /** A department admin (部门管理员); {@code subject} only for class teachers. */
    public record Admin(String userid, int type, String subject) {}

    public int typeCode() { return type.code; }

    boolean isStandardGrade() { return type == Type.GRADE && standardGrade != null; }

    Department withAdmins(List<Admin> newAdmins) {
        return new Department(id, parentId, name, type, registerYear, standardGrade, order, graduated, openGroupChat,
                groupChatId, newAdmins);
    }
}
