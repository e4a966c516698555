package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.providers.ProviderFlow.READER;
import static org.schoolcontacts.providers.ProviderFlow.SCHOOL;
import static org.schoolcontacts.providers.ProviderFlow.errcode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** School OAuth with codes minted through the admin API (spec 3.9, 3.10). */
@SchoolContactsServer(seed = ProviderFlow.SEED)
class OAuthHttpTest {
    SchoolContactsHandle handle;
    ProviderFlow flow;
    String edit;

    @BeforeEach
    void fresh() {
        handle.reset();
        flow = new ProviderFlow(handle);
        edit = handle.token("school-edit-secret");
    }

    private String code(String json) {
        JsonNode r = handle.admin("POST", "/__admin/oauth/codes", json);
        assertThat(r.get("expires_in").asInt()).isEqualTo(300);
        return r.get("code").asText();
    }

    @Test
    void aParentsCodeGivesDeviceIdAndParentUseridOnce() {
        String c = code("{\"appid\":\"" + SCHOOL + "\",\"userid\":\"p0001\"}");
        JsonNode r = flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + c, edit, null);
        assertThat(errcode(r)).isZero();
        assertThat(r.get("parent_userid").asText()).isEqualTo("p0001");
        assertThat(r.get("DeviceId").asText()).isEqualTo(Derived.deviceId(SCHOOL, "p0001")).matches("[0-9A-F]{32}");
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + c, edit, null))).isEqualTo(40029);
    }

    @Test
    void codesAreBoundToTheirCorpAndAgentidAndExpireAfterFiveMinutes() {
        String other = code("{\"appid\":\"" + SCHOOL + "\",\"userid\":\"s0001\",\"agentid\":1000010}");
        assertThat(errcode(flow.school("GET", "/cgi-bin/auth/getuserinfo?code=" + other, edit, null))).isEqualTo(40029);
        String late = code("{\"appid\":\"" + SCHOOL + "\",\"userid\":\"s0001\"}");
        handle.advanceClock(300);
        edit = handle.token("school-edit-secret");
        assertThat(errcode(flow.school("GET", "/cgi-bin/auth/getuserinfo?code=" + late, edit, null))).isEqualTo(40029);
        assertThat(errcode(flow.school("GET", "/cgi-bin/auth/getuserinfo", edit, null))).isEqualTo(41008);
    }

    @Test
    void authGetuserinfoShowsTheExternalUseridWhileSubscribed() {
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + SCHOOL + "\",\"parent_userid\":\"p0001\","
                + "\"is_subscribe\":1,\"external_userid\":\"wmP1\"}");
        JsonNode r = flow.school("GET", "/cgi-bin/auth/getuserinfo?code=" + code("{\"appid\":\"" + SCHOOL + "\",\"userid\":\"p0001\"}"),
                edit, null);
        assertThat(r.get("external_userid").asText()).isEqualTo("wmP1");
        JsonNode legacy = flow.school("GET", "/cgi-bin/user/getuserinfo?code=" + code("{\"appid\":\"" + SCHOOL + "\",\"userid\":\"s0001\"}"),
                edit, null);
        assertThat(legacy.get("student_userid").asText()).isEqualTo("s0001");
        assertThat(legacy.get("DeviceId").asText()).hasSize(32);
        JsonNode outsider = flow.school("GET", "/cgi-bin/auth/getuserinfo?code=" + code("{\"appid\":\"" + SCHOOL + "\",\"outsider\":true}"),
                edit, null);
        assertThat(outsider.get("openid").asText()).startsWith("o");
    }

    @Test
    void aSuitesCodeIsRedeemedOnlyWithItsSuiteToken() {
        String c = code("{\"appid\":\"" + READER + "\",\"corpid\":\"" + SCHOOL + "\",\"userid\":\"p0001\"}");
        String token = flow.suiteToken(READER);
        JsonNode r = flow.get("/cgi-bin/service/school/getuserinfo3rd?suite_access_token=" + token + "&code=" + c);
        assertThat(errcode(r)).isZero();
        assertThat(r.get("parents").toString()).isEqualTo("[{\"corpid\":\"" + SCHOOL + "\",\"parent_userid\":\"p0001\"}]");
        String again = code("{\"appid\":\"" + READER + "\",\"corpid\":\"" + SCHOOL + "\",\"userid\":\"s0001\"}");
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + again, edit, null))).isEqualTo(40029);
        assertThat(errcode(flow.get("/cgi-bin/service/school/getuserinfo3rd?suite_access_token=" + flow.suiteToken(ProviderFlow.EDITOR)
                + "&code=" + again))).isEqualTo(40029);
        JsonNode student = flow.get("/cgi-bin/service/school/getuserinfo3rd?suite_access_token=" + token + "&code=" + again);
        assertThat(student.at("/students/0/student_userid").asText()).isEqualTo("s0001");
    }

    @Test
    void thirdPartyCorpTokensCannotUseTheCorpExchanges() {
        String corpToken = flow.corpToken(flow.suiteToken(READER), SCHOOL, ProviderFlow.SEEDED_CODE).get("access_token").asText();
        String c = code("{\"appid\":\"" + SCHOOL + "\",\"userid\":\"p0001\"}");
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/getuserinfo?code=" + c, corpToken, null))).isEqualTo(48002);
    }
}
