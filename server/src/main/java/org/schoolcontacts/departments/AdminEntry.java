package org.schoolcontacts.departments;

import org.schoolcontacts.departments.DepartmentRules.AdminType;

/**
 * One {@code department_admins} entry of a create or update request. {@code type} may be null on
 * update (keep the admin's type) and {@code subject} null when not sent; {@code remove} is update's op 1.
 */
record AdminEntry(String userid, AdminType type, String subject, boolean remove) {}
