package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.compat.Compat.errcode;
import static org.schoolcontacts.compat.Compat.lastQuery;

import java.util.List;
import me.chanjar.weixin.cp.api.WxCpSchoolUserService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.school.user.WxCpCreateDepartmentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpCreateParentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpListParentResult;
import me.chanjar.weixin.cp.bean.school.user.WxCpUserListResult;
import me.chanjar.weixin.cp.bean.school.user.WxCpUserResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * school/user/get, list and list_parent (spec 6.13-6.15) through WxJava. Only reads here, so the class
 * shares one school set up once.
 */
@SchoolContactsServer(seed = Compat.SEED)
class WxJavaReadCompatTest {
    static SchoolContactsHandle handle;
    WxCpService wx;

    @BeforeAll
    static void aSchoolWithStudentsInTwoGrades() throws Exception {
        WxCpSchoolUserService s = handle.wxCpService(handle.editSecret()).getSchoolUserService();
        s.createStudent("Li.Lei@compat", "Li Lei", List.of(102));
        s.createStudent("wang.fang", "Wang Fang", List.of(201));
        s.createDepartment(new WxCpCreateDepartmentRequest().setParentId(1).setId(300).setName("Grade 9").setType(2));
        s.createDepartment(new WxCpCreateDepartmentRequest().setParentId(300).setId(301).setName("Class 9 A").setType(1));
        s.createDepartment(new WxCpCreateDepartmentRequest().setParentId(300).setId(302).setName("Class 9 B").setType(1));
        s.createStudent("zhou.twoclasses", "Zhou in two classes", List.of(301, 302));
        s.createParent(WxCpCreateParentRequest.builder().parentUserId("wang.mother").mobile("13900002222").children(List.of(
                WxCpCreateParentRequest.Children.builder().studentUserId("wang.fang").relation("妈妈").build(),
                WxCpCreateParentRequest.Children.builder().studentUserId("zhou.twoclasses").relation("姨妈").build())).build());
    }

    private WxCpSchoolUserService school() {
        return wx.getSchoolUserService();
    }

    // get

    @Test
    void getAStudentFillsWxJavasStudentBeanWithHerParents() throws Exception {
        WxCpUserResult r = school().getUser(Compat.STUDENT);
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getUserType()).isEqualTo(1);
        assertThat(r.getParent()).isNull();
        WxCpUserResult.Student s = r.getStudent();
        assertThat(s.getStudentUserId()).isEqualTo(Compat.STUDENT);
        assertThat(s.getName()).isEqualTo("Han Meimei");
        assertThat(s.getDepartment()).containsExactly(101);
        assertThat(s.getParents()).singleElement().satisfies(p -> {
            assertThat(p.getParentUserId()).isEqualTo(Compat.PARENT);
            assertThat(p.getRelation()).isEqualTo("爸爸");
            assertThat(p.getMobile()).isEqualTo(Compat.PARENT_MOBILE);
            assertThat(p.getIsSubscribe()).isZero();
            assertThat(p.getExternalUserId()).isNull();
        });
    }

    @Test
    void getIsCaseInsensitiveAndAnswersTheStoredCaseWithTheRawUseridInTheQuery() throws Exception {
        assertThat(school().getUser("li.lei@COMPAT").getStudent().getStudentUserId()).isEqualTo("Li.Lei@compat");
        assertThat(lastQuery(handle, "/cgi-bin/school/user/get")).startsWith("userid=li.lei@COMPAT&");
    }

    @Test
    void getAParentFillsWxJavasParentBeanWithHerChildren() throws Exception {
        WxCpUserResult r = school().getUser(Compat.PARENT);
        assertThat(r.getUserType()).isEqualTo(2);
        WxCpUserResult.Parent p = r.getParent();
        assertThat(p.getParentUserId()).isEqualTo(Compat.PARENT);
        assertThat(p.getMobile()).isEqualTo(Compat.PARENT_MOBILE);
        assertThat(p.getChildren()).extracting(c -> c.getStudentUserId() + "/" + c.getRelation())
                .containsExactly(Compat.STUDENT + "/爸爸");
    }

    @Test
    void getErrorsReachWxJavaWithWeComsCodes() {
        assertThat(errcode(() -> school().getUser("nobody"))).isEqualTo(60111);
        assertThat(errcode(() -> school().getUser(""))).isEqualTo(41009);
    }

    @Test
    void parentsMobilesAreHiddenFromThirdPartyAndUnauthorisedAgencyApps() throws Exception {
        String hidden = handle.wxCpService(Compat.THIRD_PARTY).getSchoolUserService().getUser(Compat.PARENT).getParent().getMobile();
        String agency = handle.wxCpService(Compat.AGENCY).getSchoolUserService().getUser(Compat.PARENT).getParent().getMobile();
        String authorised = handle.wxCpService(Compat.AGENCY_WITH_MOBILES).getSchoolUserService().getUser(Compat.PARENT)
                .getParent().getMobile();
        assertThat(hidden).isNull();
        assertThat(agency).isNull();
        assertThat(authorised).isEqualTo(Compat.PARENT_MOBILE);
    }

    @Test
    void parentsMobilesAreHiddenFromThirdPartyAppsInListsToo() throws Exception {
        WxCpSchoolUserService thirdParty = handle.wxCpService(Compat.THIRD_PARTY).getSchoolUserService();
        assertThat(thirdParty.getUserList(101, 0).getStudents().get(0).getParents()).singleElement()
                .satisfies(p -> assertThat(p.getMobile()).isNull());
        assertThat(thirdParty.getUserListParent(101).getParents()).singleElement()
                .satisfies(p -> assertThat(p.getMobile()).isNull());
    }

    // list

    @Test
    void listAClassFillsWxJavasStudentBeans() throws Exception {
        WxCpUserListResult r = school().getUserList(101, 0);
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getStudents()).singleElement().satisfies(s -> {
            assertThat(s.getStudentUserId()).isEqualTo(Compat.STUDENT);
            assertThat(s.getName()).isEqualTo("Han Meimei");
            assertThat(s.getDepartment()).containsExactly(101);
            assertThat(s.getParents()).extracting(WxCpUserListResult.Parent::getParentUserId).containsExactly(Compat.PARENT);
        });
    }

    @Test
    void listAGradeWithFetchChildOneIncludesItsClassesAndEachStudentOnce() throws Exception {
        assertThat(school().getUserList(100, 1).getStudents()).extracting(WxCpUserListResult.Student::getStudentUserId)
                .containsExactly(Compat.STUDENT, "Li.Lei@compat");
        assertThat(school().getUserList(300, 1).getStudents()).extracting(WxCpUserListResult.Student::getStudentUserId)
                .containsExactly("zhou.twoclasses");
        assertThat(school().getUserList(1, 1).getStudents()).hasSize(4);
    }

    @Test
    void listWithANullFetchChildSendsFetchChildNullAndListsOnlyDirectStudents() throws Exception {
        assertThat(school().getUserList(100, null).getStudents()).isNullOrEmpty();
        assertThat(lastQuery(handle, "/cgi-bin/school/user/list")).startsWith("department_id=100&fetch_child=null&");
        assertThat(school().getUserList(201, null).getStudents()).extracting(WxCpUserListResult.Student::getStudentUserId)
                .containsExactly("wang.fang");
    }

    @Test
    void listAnUnknownDepartmentIs60123() {
        assertThat(errcode(() -> school().getUserList(999, 0))).isEqualTo(60123);
    }

    // list_parent

    @Test
    void listParentsOfAClassFillsWxJavasParentBeansWithTheChildrensNames() throws Exception {
        WxCpListParentResult r = school().getUserListParent(101);
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getParents()).singleElement().satisfies(p -> {
            assertThat(p.getParentUserId()).isEqualTo(Compat.PARENT);
            assertThat(p.getMobile()).isEqualTo(Compat.PARENT_MOBILE);
            assertThat(p.getIsSubscribe()).isZero();
            assertThat(p.getChildren()).singleElement().satisfies(c -> {
                assertThat(c.getStudentUserId()).isEqualTo(Compat.STUDENT);
                assertThat(c.getRelation()).isEqualTo("爸爸");
                assertThat(c.getName()).isEqualTo("Han Meimei");
            });
        });
        assertThat(school().getUserListParent(201).getParents()).extracting(WxCpListParentResult.Parent::getParentUserId)
                .containsExactly("wang.mother");
    }

    @Test
    void listParentsNamesAllOfAParentsChildrenNotOnlyThoseInTheClass() throws Exception {
        assertThat(school().getUserListParent(201).getParents()).singleElement().satisfies(p ->
                assertThat(p.getChildren()).extracting(c -> c.getStudentUserId() + "/" + c.getRelation() + "/" + c.getName())
                        .containsExactlyInAnyOrder("wang.fang/妈妈/Wang Fang", "zhou.twoclasses/姨妈/Zhou in two classes"));
    }

    @Test
    void listParentsOfAnUnknownDepartmentIs60123() {
        assertThat(errcode(() -> school().getUserListParent(999))).isEqualTo(60123);
    }
}
