package org.schoolcontacts.students;

import java.util.List;

/**
 * One update_student call or batch_update_student item, after the request-level checks of spec
 * 6.5.2 passed. Null fields (and an empty {@code departments}) leave the stored value unchanged.
 *
 * @param userid      {@code student_userid} as sent; null when absent (the item then fails 41009)
 * @param newUserid   {@code new_student_userid}, the rename target
 * @param mobile      {@code ""} clears the stored mobile (spec 12 Q13)
 * @param departments the complete new class list (spec 12 Q4), duplicates collapsed, in the order sent
 */
public record StudentChange(String userid, String newUserid, String name, String mobile, List<Long> departments) {
    public StudentChange {
        departments = List.copyOf(departments);
    }

    public static StudentChange of(String userid) {
        return new StudentChange(userid, null, null, null, List.of());
    }

    public StudentChange renamedTo(String id) { return new StudentChange(userid, id, name, mobile, departments); }

    public StudentChange named(String n) { return new StudentChange(userid, newUserid, n, mobile, departments); }

    public StudentChange withMobile(String m) { return new StudentChange(userid, newUserid, name, m, departments); }

    public StudentChange inClasses(List<Long> d) { return new StudentChange(userid, newUserid, name, mobile, d); }
}
