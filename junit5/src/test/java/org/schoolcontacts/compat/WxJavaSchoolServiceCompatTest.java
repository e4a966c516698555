package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.compat.Compat.errcode;

import me.chanjar.weixin.cp.api.WxCpSchoolUserService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** The remaining WxCpSchoolUserService methods through WxJava 4.7.3.B (events-and-apps spec 3, 7.7). */
@SchoolContactsServer(seed = "seeds/providers.json")
class WxJavaSchoolServiceCompatTest {
    static final String SCHOOL = "wwschool00000001";
    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    private WxCpSchoolUserService school() {
        WxCpService wx = handle.wxCpService("school-edit-secret");
        return wx.getSchoolUserService();
    }

    private String code(String userid) {
        return handle.admin("POST", "/__admin/oauth/codes", "{\"appid\":\"" + SCHOOL + "\",\"userid\":\"" + userid + "\"}")
                .get("code").asText();
    }

    @Test
    void settingsQrCodeAndUpgradeInfo() throws Exception {
        WxCpSchoolUserService s = school();
        assertThat(s.setArchSyncMode(1).getErrcode()).isZero();
        assertThat(errcode(() -> s.setArchSyncMode(2))).isEqualTo(65005);
        assertThat(s.getSubscribeQrCode().getQrCodeBig()).endsWith("/1200");
        assertThat(s.setSubscribeMode(2).getErrcode()).isZero();
        assertThat(s.getSubscribeMode()).isEqualTo(2);
        assertThat(s.setUpgradeInfo(1594090969L, 1).getNextUpgradeTime()).isPositive();
    }

    @Test
    void externalContactOpenidAndAllowScope() throws Exception {
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + SCHOOL + "\",\"parent_userid\":\"p0001\","
                + "\"is_subscribe\":1,\"external_userid\":\"wmParent0001\"}");
        WxCpSchoolUserService s = school();
        var contact = s.getExternalContact("wmParent0001");
        assertThat(contact.getExternalContact().getExternalUserId()).isEqualTo("wmParent0001");
        assertThat(contact.getExternalContact().getSubscriberInfo().getRemark()).isEqualTo("Han Meimei-father");
        assertThat(s.convertToOpenId("wmParent0001")).startsWith("o");
        assertThat(s.getAllowScope(1000001).getAllowScope().getDepartments().getPartyId()).containsExactly(1);
        assertThat(errcode(() -> s.getExternalContact("wmNobody"))).isEqualTo(84061);
    }

    @Test
    void oauthCodesFromTheAdminApi() throws Exception {
        WxCpSchoolUserService s = school();
        WxCpOauth2UserInfo parent = s.getSchoolUserInfo(code("p0001"));
        assertThat(parent.getParentUserId()).isEqualTo("p0001");
        assertThat(parent.getDeviceId()).hasSize(32);
        String c = code("s0001");
        WxCpOauth2UserInfo student = s.getUserInfo(c);
        assertThat(student.getStudentUserId()).isEqualTo("s0001");
        assertThat(errcode(() -> s.getUserInfo(c))).isEqualTo(40029);
    }
}
