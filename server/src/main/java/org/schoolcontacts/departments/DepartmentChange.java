package org.schoolcontacts.departments;

import java.util.List;

/**
 * An update request that passed request-level validation (spec 7.2); every field but {@code id} is
 * null when not sent. {@code name}, {@code registerYear} and {@code standardGrade} are checked against
 * the stored department (they only count for some departments), so they are still raw here.
 */
record DepartmentChange(long id, Long newId, String name, Long parentId, Long registerYear, Long standardGrade,
                        Long order, List<AdminEntry> admins) {
    DepartmentChange {
        admins = List.copyOf(admins);
    }
}
