package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.departments.DepartmentCalls.assertError;
import static org.schoolcontacts.departments.DepartmentCalls.assertOk;
import static org.schoolcontacts.departments.DepartmentCalls.created;
import static org.schoolcontacts.departments.DepartmentCalls.ids;
import static org.schoolcontacts.departments.DepartmentCalls.list;
import static org.schoolcontacts.departments.DepartmentCalls.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.school.user.WxCpDepartmentList;
import org.junit.jupiter.api.Test;

/** GET /cgi-bin/school/department/list[?id=] (spec 7.4): shape, order, subtrees, and what WxJava reads of it. */
class DepartmentListHttpTest extends DepartmentHttpTestBase {
    WxCpService wxJava;

    @Test
    void theDemoSchoolListsWithExactlyTheFieldsThatAreSet() throws Exception {
        JsonNode r = list(handle.reader());
        assertOk(r);
        assertThat(r.path("errmsg").asText()).isEqualTo("ok");
        JsonNode expected = new ObjectMapper().readTree(DepartmentCalls.json("["
                + "{'parentid':0,'name':'Demo Primary School','id':1,'type':5,'department_admins':[]},"
                + "{'parentid':1,'name':'小学一年级','id':10,'type':2,'register_year':2026,'standard_grade':31,'is_graduated':0,"
                + "'department_admins':[]},"
                + "{'parentid':10,'name':'Class 1','id':11,'type':1,'open_group_chat':0,'department_admins':[]}]"));
        assertThat(r.path("departments")).isEqualTo(expected);
    }

    @Test
    void parentsComeBeforeChildrenAndSiblingsByOrderDescThenIdAsc() {
        created(editor, "{'id':40,'parentid':1,'type':3,'name':'Low'}");
        created(editor, "{'id':30,'parentid':1,'type':3,'name':'Also low'}");
        created(editor, "{'id':50,'parentid':1,'type':3,'name':'High','order':9}");
        created(editor, "{'id':31,'parentid':30,'type':2,'name':'Under 30'}");
        assertOk(update(editor, "{'id':10,'order':9}"));
        assertThat(ids(list(editor))).containsExactly(1L, 10L, 11L, 50L, 30L, 31L, 40L);
    }

    @Test
    void anIdListsThatDepartmentAndItsDescendants() {
        created(editor, "{'id':12,'parentid':10,'type':1,'name':'Class 2'}");
        assertThat(ids(list(editor, 10))).containsExactly(10L, 11L, 12L);
        assertThat(ids(list(editor, 11))).containsExactly(11L);
        assertThat(ids(list(editor, ""))).containsExactly(1L, 10L, 11L, 12L);
        assertError(list(editor, 999), 60003, "department not found");
        assertError(list(editor, "abc"), 40058, "invalid parameter: id");
    }

    @Test
    void adminsAreListedWithUseridTypeAndSubject() {
        assertOk(update(editor, "{'id':11,'department_admins':[{'op':0,'userid':'Teacher','type':3,'subject':'语文'},"
                + "{'op':0,'userid':'t2','type':4}]}"));
        JsonNode admins = list(editor, 11).path("departments").get(0).path("department_admins");
        assertThat(admins.get(0).toString()).isEqualTo("{\"userid\":\"Teacher\",\"type\":3,\"subject\":\"语文\"}");
        assertThat(admins.get(1).toString()).isEqualTo("{\"userid\":\"t2\",\"type\":4}");
    }

    @Test
    void wxJavaReadsTheList() throws Exception {
        assertOk(update(editor, "{'id':11,'order':4,'department_admins':[{'op':0,'userid':'teacher','type':3,'subject':'数学'}]}"));
        WxCpDepartmentList all = wxJava.getSchoolUserService().listDepartment(null);
        List<WxCpDepartmentList.Department> departments = all.getDepartments();
        assertThat(departments).extracting(WxCpDepartmentList.Department::getId).containsExactly(1, 10, 11);
        WxCpDepartmentList.Department grade = departments.get(1);
        assertThat(grade.getParentId()).isEqualTo(1);
        assertThat(grade.getName()).isEqualTo("小学一年级");
        assertThat(grade.getType()).isEqualTo(2);
        assertThat(grade.getRegisterYear()).isEqualTo(2026);
        assertThat(grade.getStandardGrade()).isEqualTo(31);
        assertThat(grade.getIsGraduated()).isZero();
        assertThat(grade.getOrder()).isNull();
        WxCpDepartmentList.Department klass = wxJava.getSchoolUserService().listDepartment(11).getDepartments().get(0);
        assertThat(klass.getOrder()).isEqualTo(4);
        assertThat(klass.getOpenGroupChat()).isZero();
        assertThat(klass.getDepartmentAdmins()).hasSize(1);
        assertThat(klass.getDepartmentAdmins().get(0).getUserId()).isEqualTo("teacher");
        assertThat(klass.getDepartmentAdmins().get(0).getType()).isEqualTo(3);
        assertThat(klass.getDepartmentAdmins().get(0).getSubject()).isEqualTo("数学");
    }
}
