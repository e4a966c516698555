package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.compat.Compat.errcode;
import static org.schoolcontacts.compat.Compat.requests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** Tokens (spec 2) and permissions (spec 3) as WxJava 4.7.3.B meets them. */
@SchoolContactsServer(seed = Compat.SEED)
class WxJavaTokenCompatTest {
    SchoolContactsHandle handle;
    WxCpService wx;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    /** A WxJava service built by hand, as a user would, for credentials the seed does not pair up. */
    private WxCpService serviceFor(String corpId, String secret) {
        WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
        config.setCorpId(corpId);
        config.setCorpSecret(secret);
        config.setBaseApiUrl(handle.baseUrl());
        WxCpServiceImpl service = new WxCpServiceImpl();
        service.setWxCpConfigStorage(config);
        return service;
    }

    @Test
    void wxJavaGetsItsTokenFromTheEmulatorAndCachesIt() throws Exception {
        String token = wx.getAccessToken();
        assertThat(token).matches("[A-Za-z0-9_-]{64,}");
        assertThat(wx.getAccessToken()).isEqualTo(token);
        assertThat(requests(handle, "/cgi-bin/gettoken")).hasSize(1);
        // WxJava keeps expires_in - 200 s; the emulator said 7200
        assertThat(wx.getWxCpConfigStorage().getExpiresTime()).isGreaterThan(System.currentTimeMillis() + 6900_000L);
    }

    @Test
    void aForcedRefreshWithPlentyOfTimeLeftGetsTheSameToken() throws Exception {
        String token = wx.getAccessToken();
        assertThat(wx.getAccessToken(true)).isEqualTo(token);
        assertThat(requests(handle, "/cgi-bin/gettoken")).hasSize(2);
    }

    @Test
    void aForcedRefreshWithUnderTenMinutesLeftGetsANewToken() throws Exception {
        String token = wx.getAccessToken();
        handle.advanceClock(7200 - 599);
        assertThat(wx.getAccessToken(true)).isNotEqualTo(token);
    }

    @Test
    void aWrongSecretIs40001() {
        assertThat(errcode(() -> serviceFor(Compat.CORP, "no-such-secret").getAccessToken())).isEqualTo(40001);
    }

    @Test
    void anUnknownCorpIs40013() {
        assertThat(errcode(() -> serviceFor("wwnosuchcorp", handle.editSecret()).getAccessToken())).isEqualTo(40013);
    }

    @Test
    void anotherCorpsSecretIs40091() {
        assertThat(errcode(() -> serviceFor(Compat.CORP, Compat.OTHER_CORP).getAccessToken())).isEqualTo(40091);
    }

    @Test
    void aDisabledAppsGettokenIs40001() {
        assertThat(errcode(() -> handle.wxCpService(Compat.DISABLED).getAccessToken())).isEqualTo(40001);
    }

    @Test
    void aTokenWxJavaHoldsForAnAppDisabledAfterIssueIs50003AndWxJavaDoesNotRetry() throws Exception {
        WxCpService editor = handle.wxCpService(handle.editSecret());
        assertThat(editor.getSchoolUserService().listDepartment(null).getDepartments()).isNotEmpty();
        handle.admin("DELETE", "/__admin/requests", null);
        SchoolContactsHandle.send("PATCH", handle.baseUrl() + "/__admin/corps/" + Compat.CORP + "/apps/2000001", "{\"enabled\":false}");
        try {
            assertThat(errcode(() -> editor.getSchoolUserService().listDepartment(null))).isEqualTo(50003);
            // 50003 is no token error for WxJava: one call, no new gettoken
            assertThat(requests(handle, "/cgi-bin/school/department/list")).hasSize(1);
            assertThat(requests(handle, "/cgi-bin/gettoken")).isEmpty();
        } finally {
            SchoolContactsHandle.send("PATCH", handle.baseUrl() + "/__admin/corps/" + Compat.CORP + "/apps/2000001", "{\"enabled\":true}");
        }
        assertThat(editor.getSchoolUserService().listDepartment(null).getDepartments()).isNotEmpty();
    }

    @Test
    void aSecondSchoolInTheSeedGetsItsOwnTokens() throws Exception {
        WxCpService other = handle.wxCpService(Compat.OTHER_CORP);
        assertThat(other.getWxCpConfigStorage().getCorpId()).isEqualTo("wwcompat00000002");
        assertThat(other.getWxCpConfigStorage().getAgentId()).isEqualTo(3000001);
        assertThat(other.getAccessToken()).isNotEqualTo(wx.getAccessToken());
    }

    @Test
    void afterTheTokenExpiresWxJavaFetchesANewOneOn42001AndTheCallSucceeds() throws Exception {
        String before = wx.getAccessToken();
        assertThat(wx.getSchoolUserService().listDepartment(null).getDepartments()).isNotEmpty();
        handle.advanceClock(7200);
        // WxJava's own clock says the token is still good; the server says 42001 and WxJava recovers
        assertThat(wx.getSchoolUserService().listDepartment(null).getDepartments()).isNotEmpty();
        assertThat(wx.getAccessToken()).isNotEqualTo(before);
        List<JsonNode> lists = requests(handle, "/cgi-bin/school/department/list");
        assertThat(lists).extracting(r -> r.path("errcode").asInt()).containsExactly(0, 42001, 0);
    }

    @Test
    void aWriteRefusedWith42001ChangedNothingSoWxJavasRetryIsTheOnlyOneApplied() throws Exception {
        wx.getAccessToken();
        handle.advanceClock(7200);
        // were the refused first attempt applied, WxJava's retry would get 60102
        assertThat(wx.getSchoolUserService().createStudent("after.expiry", "After Expiry", List.of(101)).getErrmsg())
                .isEqualTo("created");
        assertThat(requests(handle, "/cgi-bin/school/user/create_student")).extracting(r -> r.path("errcode").asInt())
                .containsExactly(0, 42001);
    }

    @Test
    void aTokenForgottenByTheServerIs40014AndWxJavaRecovers() throws Exception {
        wx.getAccessToken();
        handle.admin("POST", "/__admin/reset", "{}"); // forgets tokens but keeps WxJava's cache
        assertThat(wx.getSchoolUserService().listDepartment(null).getDepartments()).isNotEmpty();
        assertThat(requests(handle, "/cgi-bin/school/department/list")).extracting(r -> r.path("errcode").asInt())
                .containsExactly(0, 40014);
    }

    @Test
    void aSystemErrorIsRetriedByWxJava() throws Exception {
        handle.admin("POST", "/__admin/faults", "{\"path\":\"/cgi-bin/school/department/list\",\"errcode\":-1,\"times\":1}");
        assertThat(wx.getSchoolUserService().listDepartment(null).getDepartments()).isNotEmpty();
        assertThat(requests(handle, "/cgi-bin/school/department/list")).extracting(r -> r.path("errcode").asInt())
                .containsExactly(0, -1);
    }

    @Test
    void aReadOnlyAppWritingIs48002() {
        WxCpService reader = handle.wxCpService(Compat.READ);
        assertThat(errcode(() -> reader.getSchoolUserService().deleteDepartment(102))).isEqualTo(48002);
        assertThat(errcode(() -> reader.getSchoolUserService().deleteStudent(Compat.STUDENT))).isEqualTo(48002);
    }

    @Test
    void anAppWithoutSchoolPermissionReadingIs48002() {
        WxCpService none = handle.wxCpService(Compat.NONE);
        assertThat(errcode(() -> none.getSchoolUserService().listDepartment(null))).isEqualTo(48002);
    }

    @Test
    void theSystemSecretOfANewCorpIsRefusedWith48002() {
        WxCpService system = handle.wxCpService(Compat.SYSTEM);
        assertThat(errcode(() -> system.getSchoolUserService().listDepartment(null))).isEqualTo(48002);
    }

    @Test
    void readingAppsOfEveryKindMayRead() throws Exception {
        for (String secret : List.of(Compat.READ, Compat.PARENT_APP, Compat.AGENCY, Compat.THIRD_PARTY)) {
            assertThat(handle.wxCpService(secret).getSchoolUserService().listDepartment(1).getDepartments())
                    .as(secret).isNotEmpty();
        }
    }

    @Test
    void theInjectedServiceActsAsTheFirstEditApp() {
        assertThat(wx.getWxCpConfigStorage().getCorpId()).isEqualTo(Compat.CORP);
        assertThat(wx.getWxCpConfigStorage().getCorpSecret()).isEqualTo("compat-edit-secret");
        assertThat(wx.getWxCpConfigStorage().getAgentId()).isEqualTo(2000001);
        assertThat(wx.getWxCpConfigStorage().getApiUrl("/cgi-bin/gettoken")).isEqualTo(handle.baseUrl() + "/cgi-bin/gettoken");
        assertThat(handle.corpId()).isEqualTo(Compat.CORP);
    }
}
