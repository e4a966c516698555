package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.bean.school.user.WxCpDepartmentList;
import org.junit.jupiter.api.Test;

/** With WxJava on the classpath, services pointed at the test server are injected or made on demand. */
@SchoolContactsServer
class WxCpServiceInjectionTest {
    WxCpService field;
    WxCpServiceImpl implField;

    @Test
    void fieldsAndParametersGetAServiceOfTheFirstEditApp(SchoolContactsHandle h, WxCpService parameter) throws Exception {
        for (WxCpService s : new WxCpService[] {field, implField, parameter}) {
            assertThat(s.getWxCpConfigStorage().getCorpId()).isEqualTo("wwschool00000001");
            assertThat(s.getWxCpConfigStorage().getCorpSecret()).isEqualTo("edit-secret-0001");
            assertThat(s.getWxCpConfigStorage().getAgentId()).isEqualTo(1000001);
            assertThat(s.getWxCpConfigStorage().getApiUrl("/cgi-bin/school/department/list"))
                    .isEqualTo(h.baseUrl() + "/cgi-bin/school/department/list");
        }
        assertThat(parameter).isNotSameAs(field);
        assertThat(parameter.getSchoolUserService().listDepartment(null).getDepartments())
                .extracting(WxCpDepartmentList.Department::getId).contains(1, 10, 11);
    }

    @Test
    void theHandleMakesServicesForOtherApps(SchoolContactsHandle h) throws Exception {
        WxCpService reader = h.wxCpService(h.readSecret());
        assertThat(reader.getWxCpConfigStorage().getAgentId()).isEqualTo(1000002);
        assertThat(reader.getAccessToken()).isNotEqualTo(field.getAccessToken());
        assertThat(reader.getSchoolUserService().getUser("s0001").getStudent().getName()).isEqualTo("Li Lei");
        WxCpService system = h.wxCpService("system-secret-01");
        assertThat(system.getWxCpConfigStorage().getAgentId()).isNull();
    }

    @Test
    void aServiceKeepsWorkingAcrossClockMovesAndResets(SchoolContactsHandle h) throws Exception {
        assertThat(field.getSchoolUserService().listDepartment(1).getDepartments()).isNotEmpty();
        h.advanceClock(7200);
        assertThat(field.getSchoolUserService().listDepartment(1).getDepartments()).isNotEmpty();
        h.reset();
        assertThat(field.getSchoolUserService().listDepartment(1).getDepartments()).isNotEmpty();
    }
}
