package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.compat.Compat.errcode;
import static org.schoolcontacts.compat.Compat.lastQuery;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import me.chanjar.weixin.cp.api.WxCpSchoolUserService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpBaseResp;
import me.chanjar.weixin.cp.bean.school.user.WxCpCreateDepartment;
import me.chanjar.weixin.cp.bean.school.user.WxCpCreateDepartmentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpDepartmentList;
import me.chanjar.weixin.cp.bean.school.user.WxCpUpdateDepartmentRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** school/department/create, update, delete and list (spec 7) through WxJava's WxCpSchoolUserService. */
@SchoolContactsServer(seed = Compat.SEED)
class WxJavaDepartmentCompatTest {
    SchoolContactsHandle handle;
    WxCpService wx;
    WxCpSchoolUserService school;

    @BeforeEach
    void fresh() {
        handle.reset();
        school = wx.getSchoolUserService();
    }

    private Map<Integer, WxCpDepartmentList.Department> departments(Integer id) throws Exception {
        return school.listDepartment(id).getDepartments().stream()
                .collect(Collectors.toMap(WxCpDepartmentList.Department::getId, Function.identity()));
    }

    private static WxCpCreateDepartmentRequest.DepartmentAdmin admin(String userid, int type, String subject) {
        return new WxCpCreateDepartmentRequest.DepartmentAdmin().setUserId(userid).setType(type).setSubject(subject);
    }

    // create

    @Test
    void createWithEveryFieldWxJavaSendsAnswersTheIdAndListsEveryField() throws Exception {
        WxCpCreateDepartment created = school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("Grade 9").setId(300).setType(2).setOrder(5)
                .setDepartmentAdmins(List.of(admin("teacher.wang", 2, null))));
        assertThat(created.getErrcode()).isZero();
        assertThat(created.getErrmsg()).isEqualTo("created");
        assertThat(created.getId()).isEqualTo(300);

        WxCpDepartmentList.Department grade = departments(300).get(300);
        assertThat(grade.getParentId()).isEqualTo(1);
        assertThat(grade.getName()).isEqualTo("Grade 9");
        assertThat(grade.getType()).isEqualTo(2);
        assertThat(grade.getOrder()).isEqualTo(5);
        assertThat(grade.getIsGraduated()).isZero();
        assertThat(grade.getStandardGrade()).isNull();
        assertThat(grade.getRegisterYear()).isNull();
        assertThat(grade.getDepartmentAdmins()).singleElement().satisfies(a -> {
            assertThat(a.getUserId()).isEqualTo("teacher.wang");
            assertThat(a.getType()).isEqualTo(2);
            assertThat(a.getSubject()).isNull();
        });
    }

    @Test
    void createWithoutAnIdGetsTheNextFreeOne() throws Exception {
        WxCpCreateDepartment created = school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(200).setName("Class 8 B").setType(1));
        assertThat(created.getId()).isEqualTo(202);
        assertThat(departments(200)).containsKey(202);
    }

    @Test
    void aClassWithASubjectTeacherIsListedWithTheSubject() throws Exception {
        school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(200).setName("Class 8 C").setId(203).setType(1)
                .setDepartmentAdmins(List.of(admin("teacher.li", 3, "Math"), admin("teacher.zhao", 4, "English"))));
        WxCpDepartmentList.Department cls = departments(203).get(203);
        assertThat(cls.getType()).isEqualTo(1);
        assertThat(cls.getOpenGroupChat()).isZero();
        assertThat(cls.getGroupChatId()).isNull();
        assertThat(cls.getDepartmentAdmins()).extracting(a -> a.getUserId() + "/" + a.getType() + "/" + a.getSubject())
                .containsExactlyInAnyOrder("teacher.li/3/Math", "teacher.zhao/4/English");
    }

    @Test
    void aStandardGradeIsListedWithItsCodeYearAndWeComsName() throws Exception {
        school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(1).setName("ignored").setId(400).setType(2)
                .setRegisterYear(2024).setStandardGrade(31));
        WxCpDepartmentList.Department grade = departments(400).get(400);
        assertThat(grade.getStandardGrade()).isEqualTo(31);
        assertThat(grade.getRegisterYear()).isEqualTo(2024);
        assertThat(grade.getName()).isEqualTo("小学一年级");
    }

    @Test
    void departmentCodesOfRevisionTwoReachWxJava() {
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setType(2).setStandardGrade(7)))).isEqualTo(65009);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("Year").setType(2).setStandardGrade(31).setRegisterYear(1969)))).isEqualTo(65008);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("Type").setType(6)))).isEqualTo(65007);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("Class at the top").setType(1)))).isEqualTo(65015);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(100).setName("Admin type").setType(1).setDepartmentAdmins(List.of(admin("t.x", 2, null)))))).isEqualTo(65006);
    }

    @Test
    void aStandardGradeWithoutAYearGetsOneFromTheServerCalendar() throws Exception {
        school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(1).setId(410).setType(2).setStandardGrade(32));
        int year = handle.server().clock().year();
        assertThat(departments(410).get(410).getRegisterYear()).isEqualTo(year - 2 + 1);
        assertThat(departments(410).get(410).getName()).isEqualTo("小学二年级");
        school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(410).setName("Mixed grade").setStandardGrade(0));
        WxCpDepartmentList.Department plain = departments(410).get(410);
        assertThat(plain.getStandardGrade()).isNull();
        assertThat(plain.getRegisterYear()).isNull();
        assertThat(plain.getName()).isEqualTo("Mixed grade");
    }

    @Test
    void siblingsAreListedByOrderDescendingThenId() throws Exception {
        school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(200).setName("Low").setId(210).setType(1).setOrder(1));
        school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(200).setName("High").setId(211).setType(1).setOrder(50));
        assertThat(school.listDepartment(200).getDepartments()).extracting(WxCpDepartmentList.Department::getId)
                .containsExactly(200, 211, 210, 201);
    }

    @Test
    void createErrorsReachWxJavaWithWeComsCodes() {
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("Again").setId(100).setType(2)))).isEqualTo(60008);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(999).setName("Orphan").setType(2)))).isEqualTo(60004);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(101).setName("Class in a class").setType(1)))).isEqualTo(65015);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("Bad*Name").setType(2)))).isEqualTo(60009);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("x".repeat(33)).setType(2)))).isEqualTo(60001);
        assertThat(errcode(() -> school.createDepartment(new WxCpCreateDepartmentRequest()
                .setParentId(1).setName("Root id").setId(1).setType(2)))).isEqualTo(40058);
    }

    // update

    @Test
    void updateAcceptsTheTypeFieldWxJavaSendsAndKeepsTheTypeUnchanged() throws Exception {
        WxCpBaseResp r = school.updateDepartment(new WxCpUpdateDepartmentRequest()
                .setId(102).setName("Class 7 B renamed").setType(2).setOrder(9));
        assertThat(r.getErrmsg()).isEqualTo("updated");
        WxCpDepartmentList.Department cls = departments(102).get(102);
        assertThat(cls.getName()).isEqualTo("Class 7 B renamed");
        assertThat(cls.getType()).isEqualTo(1);
        assertThat(cls.getOrder()).isEqualTo(9);
    }

    @Test
    void updateWithANewIdMovesTheDepartmentAndItsStudents() throws Exception {
        school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(101).setNewId(150));
        Map<Integer, WxCpDepartmentList.Department> grade = departments(100);
        assertThat(grade).containsKey(150).doesNotContainKey(101);
        assertThat(school.getUser(Compat.STUDENT).getStudent().getDepartment()).containsExactly(150);
    }

    @Test
    void renumberingAGradeTakesItsClassesAlong() throws Exception {
        school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(100).setNewId(170).setType(2));
        assertThat(departments(170)).containsOnlyKeys(170, 101, 102);
        assertThat(departments(170).get(101).getParentId()).isEqualTo(170);
    }

    @Test
    void updateAddsAndRemovesAdmins() throws Exception {
        school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(101).setDepartmentAdmins(List.of(
                new WxCpUpdateDepartmentRequest.DepartmentAdmin().setOp(0).setUserId("teacher.li").setType(3).setSubject("Math"))));
        assertThat(departments(101).get(101).getDepartmentAdmins()).extracting(WxCpDepartmentList.DepartmentAdmin::getUserId)
                .containsExactly("teacher.li");
        school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(101).setDepartmentAdmins(List.of(
                new WxCpUpdateDepartmentRequest.DepartmentAdmin().setOp(1).setUserId("teacher.li"))));
        assertThat(departments(101).get(101).getDepartmentAdmins()).isNullOrEmpty();
    }

    @Test
    void updateErrorsReachWxJavaWithWeComsCodes() throws Exception {
        assertThat(errcode(() -> school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(999).setName("Nobody"))))
                .isEqualTo(60003);
        assertThat(errcode(() -> school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(101).setNewId(102))))
                .isEqualTo(60008);
        school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(1).setName("Junior section").setId(500).setType(3));
        school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(500).setName("Grade 9").setId(510).setType(2));
        assertThat(errcode(() -> school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(500).setParentId(510))))
                .isEqualTo(60010);
    }

    // delete

    @Test
    void deleteAnEmptyClassAnswersDeleted() throws Exception {
        assertThat(school.deleteDepartment(102).getErrmsg()).isEqualTo("deleted");
        assertThat(departments(100)).doesNotContainKey(102);
    }

    @Test
    void deleteErrorsReachWxJavaWithWeComsCodes() {
        assertThat(errcode(() -> school.deleteDepartment(1))).isEqualTo(60007);
        assertThat(errcode(() -> school.deleteDepartment(100))).isEqualTo(60006);
        assertThat(errcode(() -> school.deleteDepartment(101))).isEqualTo(60005);
        assertThat(errcode(() -> school.deleteDepartment(999))).isEqualTo(60003);
    }

    @Test
    void deleteWithANullIdSendsIdNullAndGets40058() {
        assertThat(errcode(() -> school.deleteDepartment(null))).isEqualTo(40058);
        assertThat(lastQuery(handle, "/cgi-bin/school/department/delete")).startsWith("id=null&");
    }

    // list

    @Test
    void listWithoutAnIdIsTheWholeTreeFromTheRoot() throws Exception {
        WxCpDepartmentList list = school.listDepartment(null);
        assertThat(list.getErrcode()).isZero();
        assertThat(lastQuery(handle, "/cgi-bin/school/department/list")).doesNotContain("id=");
        List<Integer> ids = list.getDepartments().stream().map(WxCpDepartmentList.Department::getId).toList();
        assertThat(ids).containsExactlyInAnyOrder(1, 100, 101, 102, 200, 201);
        assertThat(ids.indexOf(1)).isLessThan(ids.indexOf(100));
        assertThat(ids.indexOf(100)).isLessThan(ids.indexOf(101));
        WxCpDepartmentList.Department root = list.getDepartments().get(ids.indexOf(1));
        assertThat(root.getParentId()).isZero();
        assertThat(root.getType()).isEqualTo(5);
        assertThat(root.getName()).isEqualTo("Compat Middle School");
    }

    @Test
    void listWithAnIdIsThatDepartmentAndItsDescendants() throws Exception {
        assertThat(departments(100)).containsOnlyKeys(100, 101, 102);
        assertThat(errcode(() -> school.listDepartment(999))).isEqualTo(60003);
    }
}
