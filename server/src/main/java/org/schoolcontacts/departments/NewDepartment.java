package org.schoolcontacts.departments;

import java.util.List;
import org.schoolcontacts.departments.DepartmentRules.Type;

/**
 * A create request that passed request-level validation (spec 7.1). {@code id} null: the server picks
 * one. A standard grade has no {@code name} here (the server generates it) and may lack
 * {@code registerYear} (the server computes it from the clock).
 */
record NewDepartment(Long id, long parentId, String name, Type type, Integer registerYear, Integer standardGrade,
                     Long order, List<AdminEntry> admins) {
    NewDepartment {
        admins = List.copyOf(admins);
    }
}
