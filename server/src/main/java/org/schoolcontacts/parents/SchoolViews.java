package org.schoolcontacts.parents;

import java.util.List;

/**
 * What the read endpoints answer (spec 6.13-6.15), as values. Ids are in their stored case. A
 * {@code null} field has no value and is left out of the JSON; lists are always present.
 */
public final class SchoolViews {
    private SchoolViews() {}

    /** The answer of school/user/get: a student (user_type 1) or a parent (user_type 2). */
    public sealed interface UserView permits Student, Parent {}

    /** A student with its classes (in the order it was given them) and its parents. */
    public record Student(String studentUserid, String name, List<Long> department, List<ParentOfStudent> parents)
            implements UserView {}

    /** A parent as its child lists it; {@code mobile} is null when the caller may not see it (spec 3.3). */
    public record ParentOfStudent(String parentUserid, String relation, String mobile, int isSubscribe, String externalUserid) {}

    /** A parent with all its children, in the order it was given them. */
    public record Parent(String parentUserid, String mobile, int isSubscribe, String externalUserid, List<Child> children)
            implements UserView {}

    /** One child of a parent; {@code name} is the student's name (list_parent shows it, get does not). */
    public record Child(String studentUserid, String relation, String name) {}
}
