package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.schoolcontacts.compat.Compat.failure;
import static org.schoolcontacts.compat.Compat.lastQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.cp.api.WxCpSchoolUserService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchCreateStudentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchResultList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * WxJava's own habits that a user of the emulator meets, each pinned down so that
 * docs/wxjava-compatibility.md stays true.
 */
@SchoolContactsServer(seed = Compat.SEED)
class WxJavaQuirksTest {
    SchoolContactsHandle handle;
    WxCpService wx;
    WxCpSchoolUserService school;

    @BeforeEach
    void fresh() {
        handle.reset();
        school = wx.getSchoolUserService();
    }

    @Test
    void wxJavaReplacesErrmsgWithItsOwnTextAndKeepsOursAsErrorMsgEn() {
        WxErrorException e = failure(() -> school.createStudent(Compat.STUDENT, "Twin", List.of(101)));
        assertThat(e.getError().getErrorCode()).isEqualTo(60102);
        assertThat(e.getError().getErrorMsg()).isEqualTo("UserID已存在");
        assertThat(e.getError().getErrorMsgEn()).startsWith("userid existed: " + Compat.STUDENT + ", hint: [");
        assertThat(e.getError().getJson()).contains("\"errcode\":60102");
    }

    @Test
    void aBatchOfExactly100StudentsGoesThrough() throws Exception {
        List<WxCpBatchCreateStudentRequest.Student> hundred = new ArrayList<>();
        IntStream.rangeClosed(1, 100).forEach(i -> hundred.add(new WxCpBatchCreateStudentRequest.Student()
                .setStudentUserId("bulk" + i).setName("Bulk " + i).setDepartment(List.of(201))));
        WxCpBatchResultList r = school.batchCreateStudent(new WxCpBatchCreateStudentRequest(hundred));
        assertThat(r.getResultList()).isEmpty();
        assertThat(school.getUserList(201, 0).getStudents()).hasSize(100);
    }

    @Test
    void renamingAStudentThroughWxJavaIsSeenFromHerParent() throws Exception {
        school.updateStudent(Compat.STUDENT, "meimei.han", null, null);
        assertThat(school.getUser(Compat.PARENT).getParent().getChildren()).extracting(c -> c.getStudentUserId())
                .containsExactly("meimei.han");
    }

    @Test
    void aUseridWxJavaCannotPutInAUrlFailsInsideWxJavaBeforeAnyRequest() {
        Throwable t = catchThrowable(() -> school.deleteStudent("bad id"));
        assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Illegal character in query");
        assertThat(Compat.requests(handle, "/cgi-bin/school/user/delete_student")).isEmpty();
    }

    @Test
    void aUseridWithCharactersWeComRefusesReaches40003WhenItIsUrlSafe() {
        assertThat(Compat.errcode(() -> school.deleteStudent("-dash-first"))).isEqualTo(40003);
        assertThat(lastQuery(handle, "/cgi-bin/school/user/delete_student")).startsWith("userid=-dash-first&");
    }

    @Test
    void anOrderAbove2Pow31SetByAnotherClientCannotBeReadByWxJava() {
        JsonNode r = handle.editor().post("/cgi-bin/school/department/update", "{\"id\":201,\"order\":3000000000}");
        assertThat(r.path("errcode").asInt()).isZero();
        assertThat(handle.reader().get("/cgi-bin/school/department/list?id=201").path("departments").get(0).path("order").asLong())
                .isEqualTo(3_000_000_000L);
        // WxJava types order as Integer: Gson cannot parse the answer
        Throwable t = catchThrowable(() -> school.listDepartment(201));
        assertThat(t).isInstanceOf(JsonSyntaxException.class).hasMessageContaining("order");
    }

    @Test
    void anEndpointTheEmulatorDoesNotServeIsAnHttp404ThatWxJavaReportsAsWxRuntimeException() {
        // the school health reports (WxCpSchoolHealthService) are not emulated
        Throwable t = catchThrowable(() -> wx.getSchoolHealthService().getHealthReportStat("20260101"));
        assertThat(t).isInstanceOf(WxRuntimeException.class).hasMessageContaining("404");
    }

    @Test
    void wxJavaCannotSendAStudentsMobileSoCreateStudentStoresNone() throws Exception {
        school.createStudent("no.mobile", "No Mobile", List.of(101));
        JsonNode sent = Compat.requests(handle, "/cgi-bin/school/user/create_student").get(0).path("body");
        assertThat(sent.asText()).isEqualTo("{\"student_userid\":\"no.mobile\",\"name\":\"No Mobile\",\"department\":[101]}");
    }
}
