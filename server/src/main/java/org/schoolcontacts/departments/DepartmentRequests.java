package org.schoolcontacts.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.departments.DepartmentRules.AdminType;
import org.schoolcontacts.departments.DepartmentRules.Type;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * Request-level validation of the department endpoints (spec 4, step 3): everything that can be judged
 * from the request alone, before the school's data is looked at. A refusal here changes nothing.
 */
final class DepartmentRequests {
    private DepartmentRequests() {}

    /** A create body (spec 7.1), also a seed item (running.md). */
    static NewDepartment create(JsonNode body) {
        Long id = JsonFields.integer(body, "id").orElse(null);
        // A caller-given id must be > 1: the root is 1 (D-100158). WeCom ids are int32.
        if (id != null && (id < Limits.MIN_CREATED_DEPARTMENT_ID || id > Limits.MAX_DEPARTMENT_ID)) {
            throw WeComError.invalidParameter("id");
        }
        long parentId = parentId(body).orElseThrow(() -> WeComError.invalidParameter("parentid"));
        long typeCode = JsonFields.integer(body, "type").orElseThrow(() -> WeComError.invalidParameter("type"));
        // Present but not 1-4 (the root's 5 included) is D-90313's 65007 无效的家校部门类型; absent stays 40058 (spec 12 Q34).
        Type type = Type.creatable(typeCode).orElseThrow(WeComError.INVALID_DEPARTMENT_TYPE::exception);

        Integer registerYear = null;
        Integer standardGrade = null;
        // register_year and standard_grade only take effect for grades (D-100158): elsewhere not even read.
        if (type == Type.GRADE) {
            registerYear = registerYear(body).orElse(null);
            long code = JsonFields.integer(body, "standard_grade").orElse((long) DepartmentRules.NOT_A_STANDARD_GRADE);
            if (code != DepartmentRules.NOT_A_STANDARD_GRADE) {
                if (!DepartmentRules.isStandardGrade(code)) throw WeComError.INVALID_STANDARD_GRADE.exception();
                standardGrade = (int) code;
            }
        }
        // A standard grade's name is generated (spec 5.2), so the caller's is ignored; otherwise required.
        String name = standardGrade != null ? null
                : DepartmentRules.checkName(JsonFields.string(body, "name").orElse(""));
        Long order = order(body).orElse(null);
        List<AdminEntry> admins = admins(body, false);
        for (AdminEntry a : admins) DepartmentRules.checkAdmin(type, a.type(), a.subject());
        return new NewDepartment(id, parentId, name, type, registerYear, standardGrade, order, admins);
    }

    /** An update body (spec 7.2). */
    static DepartmentChange update(JsonNode body) {
        long id = existingId(JsonFields.integer(body, "id"), "id");
        Long newId = JsonFields.integer(body, "new_id").orElse(null);
        if (newId != null && (newId < Limits.MIN_CREATED_DEPARTMENT_ID || newId > Limits.MAX_DEPARTMENT_ID)) {
            throw WeComError.invalidParameter("new_id");
        }
        Long parentId = parentId(body).orElse(null);
        String name = JsonFields.string(body, "name").orElse(null);
        Long registerYear = JsonFields.integer(body, "register_year").orElse(null);
        Long standardGrade = JsonFields.integer(body, "standard_grade").orElse(null);
        Long order = order(body).orElse(null);
        // `type` is ignored: WxJava sends it, the doc does not list it, a department keeps its type (12 Q23).
        return new DepartmentChange(id, newId, name, parentId, registerYear, standardGrade, order, admins(body, true));
    }

    /** The {@code id} query parameter of delete: required; WxJava sends {@code id=null} when it has none. */
    static long idParameter(String text) {
        return existingId(Optional.of(JsonFields.parseLong(text, "id")), "id");
    }

    /** The optional {@code id} query parameter of list; absent or empty means the whole school. */
    static Optional<Long> optionalIdParameter(String text) {
        if (text == null || text.isEmpty()) return Optional.empty();
        return Optional.of(idParameter(text));
    }

    /** An id naming an existing department: required and a positive int32, else 40058. */
    private static long existingId(Optional<Long> value, String field) {
        long id = value.orElseThrow(() -> WeComError.invalidParameter(field));
        if (id < Limits.ROOT_DEPARTMENT_ID || id > Limits.MAX_DEPARTMENT_ID) throw WeComError.invalidParameter(field);
        return id;
    }

    /** parentid: an int32 >= 0 (0, the root's parent, is then simply not found: 60004). */
    private static Optional<Long> parentId(JsonNode body) {
        Optional<Long> p = JsonFields.integer(body, "parentid");
        if (p.isPresent() && (p.get() < 0 || p.get() > Limits.MAX_DEPARTMENT_ID)) throw WeComError.invalidParameter("parentid");
        return p;
    }

    static Optional<Integer> registerYear(JsonNode body) {
        Optional<Long> y = JsonFields.integer(body, "register_year");
        if (y.isPresent() && !DepartmentRules.registerYearOk(y.get())) throw WeComError.INVALID_REGISTER_YEAR.exception();
        return y.map(Long::intValue);
    }

    private static Optional<Long> order(JsonNode body) {
        Optional<Long> o = JsonFields.integer(body, "order");
        if (o.isPresent() && (o.get() < 0 || o.get() > Limits.MAX_ORDER)) throw WeComError.invalidParameter("order");
        return o;
    }

    /**
     * department_admins entries. On update each has {@code op} (0 add/update, 1 remove) and may omit
     * {@code type} (an existing admin keeps its own); on create {@code type} is required.
     */
    private static List<AdminEntry> admins(JsonNode body, boolean update) {
        List<JsonNode> items = JsonFields.objects(body, "department_admins").orElse(List.of());
        List<AdminEntry> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            boolean remove = false;
            if (update) {
                long op = JsonFields.integer(item, "op").orElseThrow(() -> WeComError.invalidParameter("department_admins.op"));
                if (op != 0 && op != 1) throw WeComError.invalidParameter("department_admins.op");
                remove = op == 1;
            }
            String userid = JsonFields.string(item, "userid")
                    .orElseThrow(() -> WeComError.invalidParameter("department_admins.userid"));
            // No teacher directory: any syntactically valid member userid is accepted (spec 12 Q19).
            if (!Limits.userIdLengthOk(userid) || !Limits.userIdCharactersOk(userid)) {
                throw WeComError.invalidParameter("department_admins.userid");
            }
            if (remove) {
                out.add(new AdminEntry(userid, null, null, true));
                continue;
            }
            AdminType type = null;
            Optional<Long> typeCode = JsonFields.integer(item, "type");
            if (typeCode.isPresent()) {
                type = AdminType.of(typeCode.get()).orElseThrow(WeComError.INVALID_ADMIN_TYPE::exception);
            } else if (!update) {
                throw WeComError.invalidParameter("department_admins.type");
            }
            // "" is "no subject" (on update: clear it); null is "not sent".
            String subject = JsonFields.string(item, "subject").orElse(null);
            if (subject != null && Limits.chars(subject) > Limits.SUBJECT_MAX_CHARS) {
                throw WeComError.invalidParameter("department_admins.subject");
            }
            out.add(new AdminEntry(userid, type, subject, false));
        }
        return out;
    }
}
