package org.schoolcontacts.departments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;
import org.schoolcontacts.wecom.Limits;

/** {@code /cgi-bin/school/department/*} (spec 7): parse, one call to {@link Departments}, reply. */
public final class DepartmentEndpoints implements EndpointFamily {
    private final Departments service;

    public DepartmentEndpoints(Departments service) { this.service = service; }

    @Override
    public void register(Routes routes) {
        routes.post("/cgi-bin/school/department/create", Access.EDIT, call -> {
            ObjectNode fields = Reply.object();
            fields.put("id", service.create(call.corpId(), call.body()));
            return Reply.created(fields);
        });
        routes.post("/cgi-bin/school/department/update", Access.EDIT, call -> {
            service.update(call.corpId(), call.body());
            return Reply.updated();
        });
        routes.get("/cgi-bin/school/department/delete", Access.EDIT, call -> {
            service.delete(call.corpId(), DepartmentRequests.idParameter(call.query("id")));
            return Reply.deleted();
        });
        routes.get("/cgi-bin/school/department/list", Access.READ, call -> {
            long top = DepartmentRequests.optionalIdParameter(call.query("id")).orElse(Limits.ROOT_DEPARTMENT_ID);
            ObjectNode fields = Reply.object();
            fields.set("departments", render(service.list(call.corpId(), top)));
            return Reply.ok(fields);
        });
    }

    /**
     * The list's items, with the field names WxJava's {@code WxCpDepartmentList.Department} reads
     * (spec 7.4). Unset values are left out (spec 1.3), and each flag only where it means something:
     * {@code order} when set through the API, enrolment year and grade code for standard grades,
     * {@code is_graduated} for grades, {@code open_group_chat} for classes (spec 5.1).
     */
    static ArrayNode render(List<Department> departments) {
        ArrayNode out = Reply.array();
        for (Department d : departments) {
            ObjectNode o = out.addObject();
            o.put("parentid", d.parentId());
            o.put("name", d.name());
            o.put("id", d.id());
            o.put("type", d.typeCode());
            if (d.isStandardGrade()) {
                if (d.registerYear() != null) o.put("register_year", d.registerYear());
                o.put("standard_grade", d.standardGrade());
            }
            if (d.order() != null) o.put("order", d.order());
            if (d.type() == DepartmentRules.Type.GRADE) o.put("is_graduated", d.graduated() ? 1 : 0);
            if (d.type() == DepartmentRules.Type.CLASS) {
                o.put("open_group_chat", d.openGroupChat() ? 1 : 0);
                if (d.openGroupChat() && d.groupChatId() != null) o.put("group_chat_id", d.groupChatId());
            }
            ArrayNode admins = o.putArray("department_admins");
            for (Department.Admin a : d.admins()) {
                ObjectNode ao = admins.addObject();
                ao.put("userid", a.userid());
                ao.put("type", a.type());
                if (a.subject() != null) ao.put("subject", a.subject());
            }
        }
        return out;
    }
}
