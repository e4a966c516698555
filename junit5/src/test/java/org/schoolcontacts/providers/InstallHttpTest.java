package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.providers.ProviderFlow.AGENCY;
import static org.schoolcontacts.providers.ProviderFlow.EDITOR;
import static org.schoolcontacts.providers.ProviderFlow.READER;
import static org.schoolcontacts.providers.ProviderFlow.SCHOOL;
import static org.schoolcontacts.providers.ProviderFlow.SCHOOL2;
import static org.schoolcontacts.providers.ProviderFlow.SECOND_EDITOR;
import static org.schoolcontacts.providers.ProviderFlow.errcode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** Admin installs and get_permanent_code v1 / v2 (spec 2.5, 2.6). */
@SchoolContactsServer(seed = ProviderFlow.SEED)
class InstallHttpTest {
    SchoolContactsHandle handle;
    ProviderFlow flow;

    @BeforeEach
    void fresh() {
        handle.reset();
        flow = new ProviderFlow(handle);
    }

    @Test
    void anInstallGivesAnAuthCodeForTenMinutesAndTheNextAgentid() {
        JsonNode r = flow.install(EDITOR, SCHOOL);
        assertThat(r.get("auth_code").asText()).matches("[A-Za-z0-9_-]{64}");
        assertThat(r.get("expires_in").asInt()).isEqualTo(600);
        // the seeded reader install holds 1000010, the highest agentid of the school
        assertThat(r.get("agentid").asLong()).isEqualTo(1000011);
    }

    @Test
    void permanentCodeV1AnswersTheWholeAuthorisationAndAWorkingCorpToken() {
        String token = flow.suiteToken(EDITOR);
        JsonNode installed = flow.install(EDITOR, SCHOOL);
        long agentid = installed.get("agentid").asLong();
        JsonNode r = flow.permanentCode(token, installed.get("auth_code").asText());
        assertThat(errcode(r)).isZero();
        assertThat(r.get("permanent_code").asText()).matches("[A-Za-z0-9_-]{64}");
        assertThat(r.get("expires_in").asLong()).isEqualTo(7200);
        assertThat(r.at("/auth_corp_info/corpid").asText()).isEqualTo(SCHOOL);
        assertThat(r.at("/auth_corp_info/corp_name").asText()).isEqualTo("Demo Primary School");
        assertThat(r.at("/auth_corp_info/corp_type").asText()).isEqualTo("verified");
        assertThat(r.at("/auth_corp_info/corp_wxqrcode").isTextual()).isTrue();
        assertThat(r.at("/auth_info/agent/0/agentid").asLong()).isEqualTo(agentid);
        assertThat(r.at("/auth_info/agent/0/is_customized_app").asBoolean()).isFalse();
        assertThat(r.at("/auth_info/agent/0/privilege/allow_party/0").asInt()).isEqualTo(1);
        assertThat(r.at("/auth_user_info/userid").asText()).isEqualTo("admin");
        assertThat(r.at("/auth_user_info/open_userid").asText()).startsWith("wo");
        assertThat(r.get("state").asText()).isEqualTo("st8");
        JsonNode list = flow.school("GET", "/cgi-bin/school/department/list", r.get("access_token").asText(), null);
        assertThat(errcode(list)).isZero();
    }

    @Test
    void permanentCodeV2AnswersOnlyTheCodeCorpUserAndState() {
        String token = flow.suiteToken(EDITOR);
        String code = flow.install(EDITOR, SCHOOL).get("auth_code").asText();
        JsonNode r = flow.post("/cgi-bin/service/v2/get_permanent_code?suite_access_token=" + token, "{\"auth_code\":\"" + code + "\"}");
        assertThat(errcode(r)).isZero();
        assertThat(r.has("access_token")).isFalse();
        assertThat(r.has("auth_info")).isFalse();
        assertThat(r.get("auth_corp_info").size()).isEqualTo(2);
        assertThat(r.at("/auth_corp_info/corp_name").asText()).isEqualTo("Demo Primary School");
        assertThat(r.at("/auth_user_info/userid").asText()).isEqualTo("admin");
        assertThat(r.get("state").asText()).isEqualTo("st8");
    }

    @Test
    void anAuthCodeIsSingleUseAcrossBothVersions() {
        String token = flow.suiteToken(EDITOR);
        String code = flow.install(EDITOR, SCHOOL).get("auth_code").asText();
        assertThat(errcode(flow.permanentCode(token, code))).isZero();
        assertThat(errcode(flow.permanentCode(token, code))).isEqualTo(40078);
        assertThat(errcode(flow.post("/cgi-bin/service/v2/get_permanent_code?suite_access_token=" + token,
                "{\"auth_code\":\"" + code + "\"}"))).isEqualTo(40078);
    }

    @Test
    void anAuthCodeExpiresAfterTenMinutes() {
        String code = flow.install(EDITOR, SCHOOL).get("auth_code").asText();
        handle.advanceClock(600);
        assertThat(errcode(flow.permanentCode(flow.suiteToken(EDITOR), code))).isEqualTo(40078);
    }

    @Test
    void anAuthCodeOfAnotherSuiteIs40078AndAMissingOneIs41008() {
        String code = flow.install(EDITOR, SCHOOL).get("auth_code").asText();
        String readerToken = flow.suiteToken(READER);
        assertThat(errcode(flow.permanentCode(readerToken, code))).isEqualTo(40078);
        assertThat(errcode(flow.post("/cgi-bin/service/get_permanent_code?suite_access_token=" + readerToken, "{}"))).isEqualTo(41008);
        // the refusal did not consume it
        assertThat(errcode(flow.permanentCode(flow.suiteToken(EDITOR), code))).isZero();
    }

    @Test
    void reinstallingAnActiveAuthorisationKeepsAgentidAndPermanentCode() {
        JsonNode first = flow.installed(EDITOR, SCHOOL);
        JsonNode second = flow.installed(EDITOR, SCHOOL);
        assertThat(second.get("permanent_code").asText()).isEqualTo(first.get("permanent_code").asText());
        assertThat(second.at("/auth_info/agent/0/agentid").asLong()).isEqualTo(first.at("/auth_info/agent/0/agentid").asLong());
    }

    @Test
    void aSecondEditingThirdPartyAppInASchoolIsRefusedWith409() {
        flow.installed(EDITOR, SCHOOL);
        SchoolContactsHandle.Answer r = flow.installAnswer(SECOND_EDITOR, "{\"corpid\":\"" + SCHOOL + "\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().get("error").asText()).contains("one per school");
        // a seeded third-party editor counts too
        assertThat(flow.installAnswer(EDITOR, "{\"corpid\":\"" + SCHOOL2 + "\"}").status()).isEqualTo(409);
        // read-only installs are fine
        assertThat(flow.installAnswer(SECOND_EDITOR, "{\"corpid\":\"" + SCHOOL + "\",\"school_permission\":\"read\"}").status())
                .isEqualTo(200);
    }

    @Test
    void reEnablingADisabledThirdPartyEditorWhileAnotherEditsTheSchoolIsRefusedWith409() {
        // SCHOOL2's seeded third-party editor (agentid 1000001) steps aside: a disabled app edits nothing
        String seeded = "/__admin/corps/" + SCHOOL2 + "/apps/1000001";
        assertThat(handle.adminAnswer("PATCH", seeded, "{\"enabled\":false}").status()).isEqualTo(200);
        long installed = flow.install(EDITOR, SCHOOL2).get("agentid").asLong();
        // enabling the seeded one again would give the school two third-party editors (spec 3.1, D-91885)
        SchoolContactsHandle.Answer refused = handle.adminAnswer("PATCH", seeded, "{\"enabled\":true}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.body().get("error").asText()).contains("one per school");
        JsonNode gettoken = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/gettoken?corpid=" + SCHOOL2
                + "&corpsecret=school2-tp-edit", null).body();
        assertThat(errcode(gettoken)).as("the refused app stays disabled").isEqualTo(40001);
        // once the installed editor is disabled, the seeded one may come back; disabling is never refused
        String other = "/__admin/corps/" + SCHOOL2 + "/apps/" + installed;
        assertThat(handle.adminAnswer("PATCH", other, "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(handle.adminAnswer("PATCH", seeded, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(handle.adminAnswer("PATCH", other, "{\"enabled\":true}").status()).isEqualTo(409);
    }

    @Test
    void unknownSuitesAndCorpsAre404AndBadFields400() {
        assertThat(flow.installAnswer("wwnosuchsuite000", "{\"corpid\":\"" + SCHOOL + "\"}").status()).isEqualTo(404);
        assertThat(flow.installAnswer(EDITOR, "{\"corpid\":\"wwnosuchcorp\"}").status()).isEqualTo(404);
        assertThat(flow.installAnswer(EDITOR, "{}").status()).isEqualTo(400);
        assertThat(flow.installAnswer(EDITOR, "{\"corpid\":\"" + SCHOOL + "\",\"state\":\"not ok!\"}").status()).isEqualTo(400);
        assertThat(flow.installAnswer(EDITOR, "{\"corpid\":\"" + SCHOOL + "\",\"school_permission\":\"owner\"}").status()).isEqualTo(400);
    }

    @Test
    void anAgencyPermanentCodeHasNoCorpTokenAndIsTheAppsGettokenSecret() {
        String token = flow.suiteToken(AGENCY);
        JsonNode r = flow.permanentCode(token, flow.install(AGENCY, SCHOOL).get("auth_code").asText());
        assertThat(errcode(r)).isZero();
        assertThat(r.has("access_token")).isFalse();
        assertThat(r.at("/auth_info/agent/0/is_customized_app").asBoolean()).isTrue();
        assertThat(r.at("/auth_info/agent/0/privilege/level").asInt()).isZero();
        JsonNode t = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/gettoken?corpid=" + SCHOOL + "&corpsecret="
                + r.get("permanent_code").asText(), null).body();
        assertThat(errcode(t)).isZero();
        JsonNode read = flow.school("GET", "/cgi-bin/school/user/get?userid=p0001", t.get("access_token").asText(), null);
        assertThat(errcode(read)).isZero();
        // mobile_authorized agency templates see parents' mobiles
        assertThat(read.at("/parent/mobile").asText()).isEqualTo("13900000001");
    }

    @Test
    void anUnverifiedSchoolIsUnverifiedInTheAuthorisation() {
        String token = flow.suiteToken(READER);
        JsonNode r = flow.permanentCode(token, flow.install(READER, SCHOOL2).get("auth_code").asText());
        assertThat(r.at("/auth_corp_info/corp_type").asText()).isEqualTo("unverified");
        assertThat(r.at("/auth_corp_info/verified_end_time").isMissingNode()).isTrue();
    }

    @Test
    void aThirdPartyAppHasNoGettokenSecret() {
        JsonNode r = flow.installed(EDITOR, SCHOOL);
        JsonNode t = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/gettoken?corpid=" + SCHOOL + "&corpsecret="
                + r.get("permanent_code").asText(), null).body();
        assertThat(errcode(t)).isEqualTo(40001);
    }

    @Test
    void theAdminListsAuthorisationsWithoutTheirCodes() {
        flow.install(EDITOR, SCHOOL);
        JsonNode list = handle.admin("GET", "/__admin/suites/" + EDITOR + "/authorizations", null).get("authorizations");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("corpid").asText()).isEqualTo(SCHOOL);
        assertThat(list.get(0).get("status").asText()).isEqualTo("active");
        assertThat(list.get(0).get("state").asText()).isEqualTo("st8");
        assertThat(list.get(0).get("permanent_code").asText()).isEqualTo("***");
        JsonNode providers = handle.admin("GET", "/__admin/providers", null).get("providers");
        assertThat(providers.get(0).get("provider_secret").asText()).isEqualTo("***");
        assertThat(providers.get(0).get("suites")).hasSize(4);
    }
}
