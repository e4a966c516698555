package org.schoolcontacts.departments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * Standard grades (标准年级, spec 5.2): WeCom's table of doc 92344, code to 标准年级名称. Stages start at
     * 1 (kindergarten), 31 (primary), 61 (junior), 91 (senior) and 121 (a custom stage); 0 is 非标准年级.
     */
    static final Map<Integer, String> STANDARD_GRADE_NAMES = standardGrades();

    private static Map<Integer, String> standardGrades() {
        Map<Integer, String> m = new LinkedHashMap<>();
        stage(m, 1, List.of("幼儿园小小班", "幼儿园小班", "幼儿园中班", "幼儿园大班", "幼儿园学前班"));
        stage(m, 31, ordinals("小学", 9));
        stage(m, 61, ordinals("初中", 4));
        stage(m, 91, ordinals("高中", 4));
        stage(m, 121, ordinals("自定义学段", 12));
        return Map.copyOf(m);
    }

    private static void stage(Map<Integer, String> m, int first, List<String> names) {
        for (int i = 0; i < names.size(); i++) m.put(first + i, names.get(i));
    }

    private static List<String> ordinals(String stage, int n) {
        List<String> numbers = List.of("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二");
        return numbers.subList(0, n).stream().map(k -> stage + k + "年级").toList();
    }

    /** {@code standard_grade: 0} (非标准年级) makes a plain grade: on create as if absent, on update it converts back (spec 5.2). */
    static final int NOT_A_STANDARD_GRADE = 0;

    static boolean isStandardGrade(long code) {
        return code >= 0 && code <= Integer.MAX_VALUE && STANDARD_GRADE_NAMES.containsKey((int) code);
    }

    /** The generated name of a standard grade, the table's 标准年级名称; it replaces any name the caller sends. */
    static String standardGradeName(int code) {
        return STANDARD_GRADE_NAMES.get(code);
    }

    /**
     * The enrolment year of a standard grade when the caller gives none: the grade's ordinal in its
     * stage is {@code code mod 30} (小学二年级 = 32 → 2), and a 2nd-year class in 2019 enrolled in 2018
     * (D-100158's example), so year − ordinal + 1.
     */
    static int registerYear(int standardGrade, int currentYear) {
        return currentYear - (standardGrade % 30) + 1;
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
     * nothing under a class (spec 5.1, chosen): 65015. Other combinations are allowed.
     */
    static void checkParent(Type child, Type parent) {
        // 65015 for both (D-90313: "添加学校部门，需满足层级关系，班级需要以年级为父部门").
        if (parent == Type.CLASS || (child == Type.CLASS && parent != Type.GRADE)) {
            throw WeComError.PARENT_TYPE_MISMATCH.exception();
        }
    }

    /** An admin's type must be the one of its department; only class teachers have a subject. */
    static void checkAdmin(Type department, AdminType admin, String subject) {
        // D-100158: "管理员类型须与部门类型保持一致"; 65006 is D-90313's 无效的管理员类型.
        if (admin.department != department) throw WeComError.INVALID_ADMIN_TYPE.exception();
        if (subject != null && !subject.isEmpty() && !admin.hasSubject) {
            throw WeComError.INVALID_PARAMETER.withMessage("invalid parameter: department_admins.subject is only for teachers");
        }
    }
}
