package org.schoolcontacts.students;

import java.util.List;

/**
 * One student to create (create_student, a batch_create_student item, a seed item), after the
 * request-level checks of spec 6.5.2 passed.
 *
 * @param userid      {@code student_userid} as sent; null when absent (the item then fails 41009)
 * @param name        null when absent (the item fails 40058)
 * @param mobile      null or {@code ""} when the student has none
 * @param departments class ids, duplicates collapsed, in the order sent; empty when absent
 */
public record NewStudent(String userid, String name, String mobile, List<Long> departments) {
    public NewStudent {
        departments = List.copyOf(departments);
    }
}
