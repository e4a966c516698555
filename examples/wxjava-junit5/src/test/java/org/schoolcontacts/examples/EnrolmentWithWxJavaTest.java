package org.schoolcontacts.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.school.user.WxCpUserResult;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Your WxJava code, tested against a real server instead of mocks. The demo school has grade 10 with
 * class 11, student s0001 and her parent p0001; the injected service acts as its editing app.
 */
@SchoolContactsServer(lifecycle = SchoolContactsServer.Lifecycle.PER_METHOD)
class EnrolmentWithWxJavaTest {

    @Test
    void enrolsAStudentAndReadsHerBack(WxCpService wx) throws Exception {
        wx.getSchoolUserService().createStudent("han.meimei", "Han Meimei", List.of(11));

        WxCpUserResult user = wx.getSchoolUserService().getUser("han.meimei");
        assertThat(user.getUserType()).isEqualTo(1);
        assertThat(user.getStudent().getDepartment()).containsExactly(11);
    }

    @Test
    void wecomErrorsArriveAsWxErrorException(WxCpService wx) {
        WxErrorException e = catchThrowableOfType(WxErrorException.class,
                () -> wx.getSchoolUserService().createStudent("s0001", "Li Lei again", List.of(11)));
        assertThat(e.getError().getErrorCode()).isEqualTo(60102); // userid existed
    }

    @Test
    void tokensExpireOnTheServerClockAndWxJavaRenewsThem(WxCpService wx, SchoolContactsHandle school) throws Exception {
        String first = wx.getAccessToken();
        school.advanceClock(7200); // two hours later, in no time
        assertThat(wx.getSchoolUserService().getUser("s0001").getStudent().getName()).isEqualTo("Li Lei");
        assertThat(wx.getAccessToken()).isNotEqualTo(first);
    }

    @Test
    void otherAppsOfTheSchoolHaveTheirOwnPermissions(SchoolContactsHandle school) {
        WxCpService reader = school.wxCpService(school.readSecret());
        WxErrorException e = catchThrowableOfType(WxErrorException.class,
                () -> reader.getSchoolUserService().deleteStudent("s0001"));
        assertThat(e.getError().getErrorCode()).isEqualTo(48002); // api forbidden
    }
}
