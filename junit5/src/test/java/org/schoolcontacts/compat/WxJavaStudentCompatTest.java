package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.compat.Compat.errcode;
import static org.schoolcontacts.compat.Compat.failure;
import static org.schoolcontacts.compat.Compat.lastQuery;
import static org.schoolcontacts.compat.Compat.resultList;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpSchoolUserService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpBaseResp;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchCreateStudentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchDeleteStudentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchResultList;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchUpdateStudentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpUserResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** Student writes (spec 6.1-6.6) through WxJava's WxCpSchoolUserService. */
@SchoolContactsServer(seed = Compat.SEED)
class WxJavaStudentCompatTest {
    SchoolContactsHandle handle;
    WxCpService wx;
    WxCpSchoolUserService school;

    @BeforeEach
    void fresh() {
        handle.reset();
        school = wx.getSchoolUserService();
    }

    private static WxCpBatchCreateStudentRequest.Student newStudent(String userid, String name, Integer... classes) {
        return new WxCpBatchCreateStudentRequest.Student().setStudentUserId(userid).setName(name).setDepartment(List.of(classes));
    }

    private static WxCpBatchUpdateStudentRequest.Student change(String userid) {
        return new WxCpBatchUpdateStudentRequest.Student().setStudentUserId(userid);
    }

    private WxCpUserResult.Student student(String userid) throws WxErrorException {
        WxCpUserResult r = school.getUser(userid);
        assertThat(r.getUserType()).isEqualTo(1);
        return r.getStudent();
    }

    private static String item(WxCpBatchResultList.ResultList r) {
        return r.getStudentUserId() + ":" + r.getErrcode();
    }

    // create_student

    @Test
    void createStudentAnswersCreatedAndTheStudentCanBeRead() throws Exception {
        WxCpBaseResp r = school.createStudent("li.lei@compat", "Li Lei", List.of(101, 102));
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getErrmsg()).isEqualTo("created");
        WxCpUserResult.Student s = student("li.lei@compat");
        assertThat(s.getStudentUserId()).isEqualTo("li.lei@compat");
        assertThat(s.getName()).isEqualTo("Li Lei");
        assertThat(s.getDepartment()).containsExactly(101, 102);
        assertThat(s.getParents()).isNullOrEmpty();
    }

    @Test
    void createStudentErrorsReachWxJavaWithWeComsCodes() {
        assertThat(errcode(() -> school.createStudent("HAN.MEIMEI@compat", "Twin", List.of(101)))).isEqualTo(60102);
        assertThat(errcode(() -> school.createStudent(Compat.PARENT, "Same as a parent", List.of(101)))).isEqualTo(60102);
        assertThat(errcode(() -> school.createStudent("-starts-with-dash", "Bad", List.of(101)))).isEqualTo(40003);
        assertThat(errcode(() -> school.createStudent("in.a.grade", "Grade", List.of(100)))).isEqualTo(40066);
        assertThat(errcode(() -> school.createStudent("in.nowhere", "Nowhere", List.of(999)))).isEqualTo(40066);
        assertThat(failure(() -> school.createStudent("in.nowhere", "Nowhere", List.of(999))).getError().getErrorMsgEn())
                .startsWith("invalid department list: 999");
        assertThat(failure(() -> school.createStudent("-starts-with-dash", "Bad", List.of(101))).getError().getErrorMsgEn())
                .startsWith("invalid student_userid: -starts-with-dash");
        assertThat(errcode(() -> school.createStudent("x".repeat(65), "Too long", List.of(101)))).isEqualTo(40058);
        assertThat(errcode(() -> school.createStudent("no.class", "No class", List.of()))).isEqualTo(40058);
    }

    // update_student

    @Test
    void updateStudentRenamesOnceAndChangesNameAndClasses() throws Exception {
        school.createStudent("li.lei@compat", "Li Lei", List.of(101));
        WxCpBaseResp r = school.updateStudent("li.lei@compat", "lilei.new@compat", "Li Lei (new)", List.of(201));
        assertThat(r.getErrmsg()).isEqualTo("updated");
        WxCpUserResult.Student s = student("lilei.new@compat");
        assertThat(s.getName()).isEqualTo("Li Lei (new)");
        assertThat(s.getDepartment()).containsExactly(201);
        assertThat(errcode(() -> school.getUser("li.lei@compat"))).isEqualTo(60111);
        assertThat(errcode(() -> school.updateStudent("lilei.new@compat", "third.name", null, null))).isEqualTo(301036);
    }

    @Test
    void updateStudentWithOnlyTheUseridChangesNothing() throws Exception {
        // WxJava leaves out empty strings and lists, so this sends {"student_userid": ...} alone
        assertThat(school.updateStudent(Compat.STUDENT, "", null, List.of()).getErrmsg()).isEqualTo("updated");
        WxCpUserResult.Student s = student(Compat.STUDENT);
        assertThat(s.getName()).isEqualTo("Han Meimei");
        assertThat(s.getDepartment()).containsExactly(101);
    }

    @Test
    void updateStudentErrorsReachWxJavaWithWeComsCodes() {
        assertThat(errcode(() -> school.updateStudent("nobody", null, "Nobody", null))).isEqualTo(60111);
        assertThat(errcode(() -> school.updateStudent(Compat.STUDENT, Compat.PARENT, null, null))).isEqualTo(60102);
        assertThat(errcode(() -> school.updateStudent(Compat.STUDENT, null, null, List.of(200)))).isEqualTo(40066);
        assertThat(errcode(() -> school.updateStudent(Compat.PARENT, null, "A parent", null))).as("a parent is no student").isEqualTo(65010);
    }

    // delete_student: WxJava appends the userid to the URL as it is

    @Test
    void deleteStudentTakesTheRawUseridInTheQuery() throws Exception {
        school.createStudent("Zhang.San@compat", "Zhang San", List.of(101));
        assertThat(school.deleteStudent("zhang.san@COMPAT").getErrmsg()).isEqualTo("deleted");
        assertThat(lastQuery(handle, "/cgi-bin/school/user/delete_student")).startsWith("userid=zhang.san@COMPAT&");
        assertThat(errcode(() -> school.deleteStudent("Zhang.San@compat"))).isEqualTo(60111);
    }

    @Test
    void deleteStudentWithParentsIs65013AndAParentsIdIs65010() throws Exception {
        assertThat(errcode(() -> school.deleteStudent(Compat.STUDENT))).isEqualTo(65013);
        assertThat(errcode(() -> school.deleteStudent(Compat.PARENT))).isEqualTo(65010);
        assertThat(student(Compat.STUDENT).getName()).isEqualTo("Han Meimei");
    }

    // batch_create_student

    @Test
    void batchCreateWithoutFailuresReturnsAnEmptyResultList() throws Exception {
        WxCpBatchResultList r = school.batchCreateStudent(new WxCpBatchCreateStudentRequest(List.of(
                newStudent("s.one", "One", 101), newStudent("s.two", "Two", 102, 201))));
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getErrmsg()).isEqualTo("ok");
        assertThat(r.getResultList()).isEmpty();
        assertThat(student("s.two").getDepartment()).containsExactly(102, 201);
    }

    @Test
    void aPartlyFailedBatchCreateThrowsButKeepsTheGoodItemsAndListsTheBadOnes() throws Exception {
        WxErrorException e = failure(() -> school.batchCreateStudent(new WxCpBatchCreateStudentRequest(List.of(
                newStudent("s.good", "Good", 101), newStudent(Compat.STUDENT, "Taken", 101),
                newStudent("s.bad.class", "Bad class", 999)))));
        assertThat(e.getError().getErrorCode()).isEqualTo(60102);
        assertThat(resultList(e)).extracting(WxJavaStudentCompatTest::item)
                .containsExactly(Compat.STUDENT + ":60102", "s.bad.class:40066");
        assertThat(student("s.good").getName()).isEqualTo("Good");
    }

    @Test
    void aBatchOfMoreThan100StudentsIsRefusedWhole() {
        List<WxCpBatchCreateStudentRequest.Student> many = new ArrayList<>();
        IntStream.rangeClosed(1, 101).forEach(i -> many.add(newStudent("bulk" + i, "Bulk " + i, 101)));
        WxErrorException e = failure(() -> school.batchCreateStudent(new WxCpBatchCreateStudentRequest(many)));
        assertThat(e.getError().getErrorCode()).isEqualTo(40058);
        assertThat(e.getError().getJson()).doesNotContain("result_list");
        assertThat(errcode(() -> school.getUser("bulk1"))).isEqualTo(60111);
    }

    // batch_update_student

    @Test
    void batchUpdateRenamesAndMovesStudents() throws Exception {
        school.createStudent("s.one", "One", List.of(101));
        WxCpBatchResultList r = school.batchUpdateStudent(new WxCpBatchUpdateStudentRequest(List.of(
                change("s.one").setNewStudentUserId("s.one.renamed").setName("One again").setDepartment(List.of(201)),
                change(Compat.STUDENT).setDepartment(List.of(102)))));
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getResultList()).isEmpty();
        assertThat(student("s.one.renamed").getDepartment()).containsExactly(201);
        assertThat(student(Compat.STUDENT).getDepartment()).containsExactly(102);
    }

    @Test
    void aPartlyFailedBatchUpdateReportsEachFailedStudent() throws Exception {
        WxErrorException e = failure(() -> school.batchUpdateStudent(new WxCpBatchUpdateStudentRequest(List.of(
                change("nobody").setName("Nobody"), change(Compat.STUDENT).setName("Han Meimei (7 A)"),
                change(Compat.STUDENT).setName("twice")))));
        assertThat(e.getError().getErrorCode()).isEqualTo(60111);
        assertThat(resultList(e)).extracting(WxJavaStudentCompatTest::item)
                .containsExactly("nobody:60111", Compat.STUDENT + ":40058");
        assertThat(student(Compat.STUDENT).getName()).isEqualTo("Han Meimei (7 A)");
    }

    @Test
    void twoItemsRenamingToOneNewIdLetTheFirstWin() throws Exception {
        school.createStudent("s.one", "One", List.of(101));
        school.createStudent("s.two", "Two", List.of(101));
        WxErrorException e = failure(() -> school.batchUpdateStudent(new WxCpBatchUpdateStudentRequest(List.of(
                change("s.one").setNewStudentUserId("s.same"), change("s.two").setNewStudentUserId("S.SAME")))));
        assertThat(resultList(e)).extracting(WxJavaStudentCompatTest::item).containsExactly("s.two:60102");
        assertThat(student("s.same").getName()).isEqualTo("One");
    }

    @Test
    void moreThan20ClassesRejectTheWholeBatch() {
        List<Integer> classes = IntStream.rangeClosed(1, 21).boxed().toList();
        WxErrorException e = failure(() -> school.batchUpdateStudent(new WxCpBatchUpdateStudentRequest(List.of(
                change(Compat.STUDENT).setName("Renamed"), change(Compat.STUDENT.toUpperCase()).setDepartment(classes)))));
        assertThat(e.getError().getErrorCode()).isEqualTo(40058);
        assertThat(e.getError().getJson()).doesNotContain("result_list");
    }

    // batch_delete_student

    @Test
    void batchDeleteRemovesStudentsAndReportsThoseItCannot() throws Exception {
        school.createStudent("s.one", "One", List.of(101));
        school.createStudent("s.two", "Two", List.of(101));
        WxCpBatchResultList ok = school.batchDeleteStudent(new WxCpBatchDeleteStudentRequest(List.of("s.one")));
        assertThat(ok.getErrcode()).isZero();
        assertThat(ok.getResultList()).isEmpty();

        WxErrorException e = failure(() -> school.batchDeleteStudent(new WxCpBatchDeleteStudentRequest(
                List.of("s.two", "s.one", Compat.STUDENT))));
        assertThat(e.getError().getErrorCode()).isEqualTo(60111);
        assertThat(resultList(e)).extracting(WxJavaStudentCompatTest::item)
                .containsExactly("s.one:60111", Compat.STUDENT + ":65013");
        assertThat(resultList(e)).extracting(WxCpBatchResultList.ResultList::getErrmsg)
                .containsExactly("userid not found", "student has parents: " + Compat.STUDENT);
        assertThat(errcode(() -> school.getUser("s.two"))).isEqualTo(60111);
    }

    // revision 2: a full class, required arrays

    @Test
    void aFullClassRefusesWxJavasCreateWith81001() {
        handle.server().database().writeServer(tx -> tx.update("UPDATE departments SET student_count = ? WHERE corp_id = ? AND dept_id = 102",
                org.schoolcontacts.wecom.Limits.CLASS_CAPACITY, Compat.CORP));
        WxErrorException e = failure(() -> school.createStudent("s.full", "Full", List.of(102)));
        assertThat(e.getError().getErrorCode()).isEqualTo(81001);
        assertThat(e.getError().getErrorMsgEn()).startsWith("department member count exceeds limit: 102");
    }

    @Test
    void anEmptyBatchCreateOrBatchDeleteIs40058ButAnEmptyBatchUpdateIsOk() throws Exception {
        assertThat(errcode(() -> school.batchCreateStudent(new WxCpBatchCreateStudentRequest(List.of())))).isEqualTo(40058);
        assertThat(errcode(() -> school.batchDeleteStudent(new WxCpBatchDeleteStudentRequest(List.of())))).isEqualTo(40058);
        assertThat(school.batchUpdateStudent(new WxCpBatchUpdateStudentRequest(List.of())).getErrcode()).isZero();
    }

    @Test
    void aWxJavaBatchOverOneMebibyteIs40206ChangesNothingAndIsNotRetried() {
        // 100 students with 11,000-character names: a body over 1 MiB, refused for its size before a name is read
        List<WxCpBatchCreateStudentRequest.Student> big = IntStream.range(0, 100)
                .mapToObj(i -> newStudent("big" + i, "x".repeat(11_000), 101)).toList();
        handle.requests().clear();
        WxErrorException e = failure(() -> school.batchCreateStudent(new WxCpBatchCreateStudentRequest(big)));
        assertThat(e.getError().getErrorCode()).isEqualTo(40206);
        assertThat(e.getError().getErrorMsgEn()).startsWith("request body too large");
        assertThat(e.getError().getJson()).doesNotContain("result_list");
        assertThat(handle.requests().count(org.schoolcontacts.junit5.RecordedRequests.path("/cgi-bin/school/user/batch_create_student")))
                .as("WxJava retries only -1 and token errors").isEqualTo(1);
        assertThat(errcode(() -> school.getUser("big0"))).isEqualTo(60111);
    }
}
