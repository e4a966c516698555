package org.schoolcontacts.departments;

import java.util.List;
import java.util.Optional;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * The department rules of spec 5.1/5.2 in one place: department and admin type codes, which admin
 * fits which department, which parent fits which child, the standard-grade table, and the name rule.
 * Numbers shared with other features (lengths, years, id bounds) stay in {@link Limits}.
 */
public final class DepartmentRules {
    private DepartmentRules() {}

    /** Department {@code type} codes (spec 5.1). Only the school root is type 5. */
    public enum Type {
        CLASS(1), GRADE(2), STAGE(3), CAMPUS(4), SCHOOL(5);

        final int code;

        Type(int code) { this.code = code; }

        /** The wire code, e.g. 1 for a class. */
        public int code() { return code; }

        /** The type of a stored code (the schema only ever holds 1-5). */
        static Type of(int code) {
            for (Type t : values()) if (t.code == code) return t;
            throw new IllegalStateException("unknown department type in store: " + code);
        }

        /** The type a create request names: 1-4 only, the root is created with the school. */
        static Optional<Type> creatable(long code) {
            for (Type t : values()) if (t.code == code && t != SCHOOL) return Optional.of(t);
            return Optional.empty();
        }
    }

    /** Department admin {@code type} codes and the one department type each belongs to (spec 5.1). */
    enum AdminType {
        CAMPUS_HEAD(1, Type.CAMPUS, false),
        GRADE_HEAD(2, Type.GRADE, false),
        HEAD_TEACHER(3, Type.CLASS, true),
        SUBJECT_TEACHER(4, Type.CLASS, true),
        STAGE_HEAD(5, Type.STAGE, false);

        final int code;
        final Type department;
        /** Only teachers of a class carry a subject (D-100158). */
        final boolean hasSubject;

        AdminType(int code, Type department, boolean hasSubject) {
            this.code = code;
            this.department = department;
            this.hasSubject = hasSubject;
        }

        static Optional<AdminType> of(long code) {
            for (AdminType t : values()) if (t.code == code) return Optional.of(t);
            return Optional.empty();
        }
    }

    /**
     * Standard grades (标准年级, spec 5.2 and 12 Q18): code n is the (n)th entry. WeCom's own table
     * (doc 92344) could not be read; this is the emulator's reading until it is verified.
     */
    static final List<String> STANDARD_GRADE_NAMES = List.of(
            "一年级", "二年级", "三年级", "四年级", "五年级", "六年级",
            "初一", "初二", "初三",
            "高一", "高二", "高三");

    /** On update, {@code standard_grade: 0} turns a standard grade back into a plain one (spec 5.2). */
    static final int NOT_A_STANDARD_GRADE = 0;

    static boolean isStandardGrade(long code) {
        return code >= 1 && code <= STANDARD_GRADE_NAMES.size();
    }

    /** The generated name of a standard grade; it replaces any name the caller sends. */
    static String standardGradeName(int code) {
        return STANDARD_GRADE_NAMES.get(code - 1);
    }

    /**
     * The enrolment year of a standard grade when the caller gives none: a 2nd-year class in 2019
     * enrolled in 2018 (D-100158's example), so year - grade + 1.
     */
    static int registerYear(int standardGrade, int currentYear) {
        return currentYear - standardGrade + 1;
    }

    static boolean registerYearOk(long year) {
        return year >= Limits.MIN_REGISTER_YEAR && year <= Limits.MAX_REGISTER_YEAR;
    }

    /** A department name: 1-32 characters (60001) without the forbidden characters (60009). */
    static String checkName(String name) {
        if (!Limits.departmentNameLengthOk(name)) throw WeComError.DEPARTMENT_NAME_LENGTH.exception();
        if (!Limits.departmentNameCharactersOk(name)) throw WeComError.DEPARTMENT_NAME_ILLEGAL.with(name);
        return name;
    }

    /**
     * Whether {@code child} may sit under {@code parent}: a class only under a grade (D-100158), and
     * nothing under a class (spec 5.1, chosen). Other combinations are allowed.
     */
    static void checkParent(Type child, Type parent) {
        if (parent == Type.CLASS) throw WeComError.INVALID_PARAMETER.withMessage("invalid parameter: a class can not have sub-departments");
        if (child == Type.CLASS && parent != Type.GRADE) {
            throw WeComError.INVALID_PARAMETER.withMessage("invalid parameter: the parent of a class must be a grade");
        }
    }

    /** An admin's type must be the one of its department; only class teachers have a subject. */
    static void checkAdmin(Type department, AdminType admin, String subject) {
        if (admin.department != department) {
            throw WeComError.INVALID_PARAMETER.withMessage("invalid parameter: department_admins.type " + admin.code
                    + " does not fit department type " + department.code);
        }
        if (subject != null && !subject.isEmpty() && !admin.hasSubject) {
            throw WeComError.INVALID_PARAMETER.withMessage("invalid parameter: department_admins.subject is only for teachers");
        }
    }
}
