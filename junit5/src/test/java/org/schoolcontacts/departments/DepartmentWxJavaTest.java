package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpSchoolUserService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.school.user.WxCpCreateDepartmentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpDepartmentList;
import me.chanjar.weixin.cp.bean.school.user.WxCpUpdateDepartmentRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** WxJava's department calls (spec 9) against the emulator: what it sends is understood, what it reads is there. */
@SchoolContactsServer
class DepartmentWxJavaTest {
    SchoolContactsHandle handle;
    WxCpService wxJava;
    WxCpSchoolUserService school;

    @BeforeEach
    void freshSchool() {
        handle.reset();
        school = wxJava.getSchoolUserService();
    }

    @Test
    void wxJavaCreatesUpdatesWithTypeAndDeletes() throws Exception {
        WxCpCreateDepartmentRequest create = new WxCpCreateDepartmentRequest()
                .setParentId(10).setName("Class 2").setType(1).setOrder(2)
                .setDepartmentAdmins(List.of(new WxCpCreateDepartmentRequest.DepartmentAdmin()
                        .setUserId("teacher").setType(3).setSubject("语文")));
        int id = school.createDepartment(create).getId();
        assertThat(id).isEqualTo(12);

        // WxJava sends `type` on update too; it is ignored (spec 12 Q23)
        school.updateDepartment(new WxCpUpdateDepartmentRequest().setId(id).setNewId(20).setType(1).setName("Class B")
                .setDepartmentAdmins(List.of(new WxCpUpdateDepartmentRequest.DepartmentAdmin()
                        .setOp(0).setUserId("teacher2").setType(4))));
        WxCpDepartmentList.Department d = school.listDepartment(20).getDepartments().get(0);
        assertThat(d.getName()).isEqualTo("Class B");
        assertThat(d.getParentId()).isEqualTo(10);
        assertThat(d.getOrder()).isEqualTo(2);
        assertThat(d.getDepartmentAdmins()).extracting(WxCpDepartmentList.DepartmentAdmin::getUserId)
                .containsExactly("teacher", "teacher2");

        school.deleteDepartment(20);
        assertThat(school.listDepartment(null).getDepartments()).extracting(WxCpDepartmentList.Department::getId)
                .containsExactly(1, 10, 11);
    }

    @Test
    void wxJavaSeesRefusalsAsWxErrorExceptionsWithTheErrcode() {
        WxErrorException e = catchThrowableOfType(() -> school.deleteDepartment(null), WxErrorException.class);
        assertThat(e.getError().getErrorCode()).isEqualTo(40058);
        e = catchThrowableOfType(() -> school.deleteDepartment(1), WxErrorException.class);
        assertThat(e.getError().getErrorCode()).isEqualTo(60007);
        e = catchThrowableOfType(() -> school.createDepartment(new WxCpCreateDepartmentRequest().setParentId(11).setName("X").setType(1)),
                WxErrorException.class);
        assertThat(e.getError().getErrorCode()).isEqualTo(65015);
    }
}
