package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.providers.ProviderFlow.AGENCY;
import static org.schoolcontacts.providers.ProviderFlow.EDITOR;
import static org.schoolcontacts.providers.ProviderFlow.READER;
import static org.schoolcontacts.providers.ProviderFlow.SCHOOL;
import static org.schoolcontacts.providers.ProviderFlow.SEEDED_CODE;
import static org.schoolcontacts.providers.ProviderFlow.errcode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** get_auth_info v1 / v2, get_corp_token and corp tokens of suites on the school endpoints (spec 2.7, 2.8). */
@SchoolContactsServer(seed = ProviderFlow.SEED)
class CorpTokenHttpTest {
    SchoolContactsHandle handle;
    ProviderFlow flow;

    @BeforeEach
    void fresh() {
        handle.reset();
        flow = new ProviderFlow(handle);
    }

    private JsonNode authInfo(String version, String token, String corpId, String code) {
        return flow.post("/cgi-bin/service/" + version + "get_auth_info?suite_access_token=" + token,
                "{\"auth_corpid\":\"" + corpId + "\",\"permanent_code\":\"" + code + "\"}");
    }

    @Test
    void aSeededInstallWorksFromTheStart() {
        String token = flow.suiteToken(READER);
        JsonNode r = flow.corpToken(token, SCHOOL, SEEDED_CODE);
        assertThat(errcode(r)).isZero();
        assertThat(r.get("expires_in").asLong()).isEqualTo(7200);
        JsonNode info = authInfo("", token, SCHOOL, SEEDED_CODE);
        assertThat(info.at("/auth_info/agent/0/agentid").asLong()).isEqualTo(1000010);
    }

    @Test
    void authInfoV1HasTheQrCodeAndV2TheExName() {
        String token = flow.suiteToken(READER);
        JsonNode v1 = authInfo("", token, SCHOOL, SEEDED_CODE);
        assertThat(errcode(v1)).isZero();
        assertThat(v1.at("/auth_corp_info/corp_wxqrcode").isTextual()).isTrue();
        assertThat(v1.at("/auth_corp_info/corp_ex_name").isMissingNode()).isTrue();
        JsonNode v2 = authInfo("v2/", token, SCHOOL, SEEDED_CODE);
        assertThat(v2.at("/auth_corp_info/corp_wxqrcode").isMissingNode()).isTrue();
        assertThat(v2.at("/auth_corp_info/corp_ex_name/name_list").asText()).isEmpty();
        assertThat(v2.at("/auth_info/agent/0/name").asText()).isEqualTo("Reader");
    }

    @Test
    void missingAndWrongFieldsFollowTheSpecCodes() {
        String token = flow.suiteToken(READER);
        for (String version : new String[] {"", "v2/"}) {
            assertThat(errcode(flow.post("/cgi-bin/service/" + version + "get_auth_info?suite_access_token=" + token,
                    "{\"permanent_code\":\"" + SEEDED_CODE + "\"}"))).isEqualTo(41002);
            assertThat(errcode(flow.post("/cgi-bin/service/" + version + "get_auth_info?suite_access_token=" + token,
                    "{\"auth_corpid\":\"" + SCHOOL + "\"}"))).isEqualTo(41025);
            assertThat(errcode(authInfo(version, token, SCHOOL, SEEDED_CODE.replace('1', '2')))).isEqualTo(40084);
            assertThat(errcode(authInfo(version, token, ProviderFlow.SCHOOL2, SEEDED_CODE))).isEqualTo(40084);
        }
        assertThat(errcode(flow.post("/cgi-bin/service/get_corp_token?suite_access_token=" + token,
                "{\"permanent_code\":\"" + SEEDED_CODE + "\"}"))).isEqualTo(41002);
        assertThat(errcode(flow.post("/cgi-bin/service/get_corp_token?suite_access_token=" + token,
                "{\"auth_corpid\":\"" + SCHOOL + "\"}"))).isEqualTo(41025);
        // the code of another suite's authorisation
        assertThat(errcode(flow.corpToken(flow.suiteToken(EDITOR), SCHOOL, SEEDED_CODE))).isEqualTo(40084);
    }

    @Test
    void corpTokensAreReusedLikeGettokens() {
        String token = flow.suiteToken(READER);
        JsonNode first = flow.corpToken(token, SCHOOL, SEEDED_CODE);
        handle.advanceClock(600);
        JsonNode again = flow.corpToken(flow.suiteToken(READER), SCHOOL, SEEDED_CODE);
        assertThat(again.get("access_token").asText()).isEqualTo(first.get("access_token").asText());
        assertThat(again.get("expires_in").asLong()).isBetween(6598L, 6600L);
    }

    @Test
    void aCorpTokenExpiresBy42001OnSchoolEndpoints() {
        String corpToken = flow.corpToken(flow.suiteToken(READER), SCHOOL, SEEDED_CODE).get("access_token").asText();
        handle.advanceClock(7200);
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/department/list", corpToken, null))).isEqualTo(42001);
    }

    @Test
    void anAgencyAuthorisationGetsNoCorpTokenFromTheSuite() {
        String token = flow.suiteToken(AGENCY);
        String pc = flow.permanentCode(token, flow.install(AGENCY, SCHOOL).get("auth_code").asText()).get("permanent_code").asText();
        assertThat(errcode(flow.corpToken(token, SCHOOL, pc))).isEqualTo(48002);
    }

    @Test
    void aReadSuitesCorpTokenReadsButCannotWrite() {
        String corpToken = flow.corpToken(flow.suiteToken(READER), SCHOOL, SEEDED_CODE).get("access_token").asText();
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/user/get?userid=s0001", corpToken, null))).isZero();
        JsonNode refused = flow.school("POST", "/cgi-bin/school/user/create_student", corpToken,
                "{\"student_userid\":\"s0002\",\"name\":\"New\",\"department\":[12]}");
        assertThat(errcode(refused)).isEqualTo(48002);
    }

    @Test
    void anEditSuitesCorpTokenWritesAndNeverSeesParentsMobiles() {
        String corpToken = flow.installed(EDITOR, SCHOOL).get("access_token").asText();
        JsonNode created = flow.school("POST", "/cgi-bin/school/user/create_student", corpToken,
                "{\"student_userid\":\"s0002\",\"name\":\"New\",\"department\":[12]}");
        assertThat(errcode(created)).isZero();
        JsonNode parent = flow.school("GET", "/cgi-bin/school/user/get?userid=p0001", corpToken, null);
        assertThat(errcode(parent)).isZero();
        assertThat(parent.at("/parent/mobile").isMissingNode() || parent.at("/parent/mobile").asText().isEmpty()).isTrue();
    }

    @Test
    void changeAuthSetsThePermissionOfTheSuitesCorpTokens() {
        String token = flow.suiteToken(READER);
        String corpToken = flow.corpToken(token, SCHOOL, SEEDED_CODE).get("access_token").asText();
        JsonNode changed = handle.admin("POST", "/__admin/suites/" + READER + "/change-auth",
                "{\"corpid\":\"" + SCHOOL + "\",\"school_permission\":\"edit\"}");
        assertThat(changed.get("school_permission").asText()).isEqualTo("edit");
        assertThat(errcode(flow.school("POST", "/cgi-bin/school/user/create_student", corpToken,
                "{\"student_userid\":\"s0003\",\"name\":\"New\",\"department\":[12]}"))).isZero();
    }

    @Test
    void aDisabledThirdPartyAppStillGetsCorpTokensButEveryCallAnswers50003UntilReEnabled() {
        String suiteToken = flow.suiteToken(READER);
        String before = flow.corpToken(suiteToken, SCHOOL, SEEDED_CODE).get("access_token").asText();
        JsonNode disabled = handle.admin("PATCH", "/__admin/corps/" + SCHOOL + "/apps/1000010", "{\"enabled\":false}");
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        // the authorisation stands: get_corp_token answers (the same token, by the reuse rule) ...
        JsonNode again = flow.corpToken(suiteToken, SCHOOL, SEEDED_CODE);
        assertThat(errcode(again)).isZero();
        assertThat(again.get("access_token").asText()).isEqualTo(before);
        // ... and the disabled app's calls are refused like any disabled app's
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/user/get?userid=s0001", before, null))).isEqualTo(50003);
        handle.admin("PATCH", "/__admin/corps/" + SCHOOL + "/apps/1000010", "{\"enabled\":true}");
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/user/get?userid=s0001", before, null))).isZero();
    }

    @Test
    void afterCancelTokensAre48004CodesAre40084AndTheAgencySecretIs40001() {
        String readerToken = flow.suiteToken(READER);
        String corpToken = flow.corpToken(readerToken, SCHOOL, SEEDED_CODE).get("access_token").asText();
        String agencyToken = flow.suiteToken(AGENCY);
        String agencyCode = flow.permanentCode(agencyToken, flow.install(AGENCY, SCHOOL).get("auth_code").asText())
                .get("permanent_code").asText();
        JsonNode cancelled = handle.admin("POST", "/__admin/suites/" + READER + "/cancel-auth", "{\"corpid\":\"" + SCHOOL + "\"}");
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        handle.admin("POST", "/__admin/suites/" + AGENCY + "/cancel-auth", "{\"corpid\":\"" + SCHOOL + "\"}");

        assertThat(errcode(flow.school("GET", "/cgi-bin/school/department/list", corpToken, null))).isEqualTo(48004);
        assertThat(errcode(flow.corpToken(readerToken, SCHOOL, SEEDED_CODE))).isEqualTo(40084);
        assertThat(errcode(authInfo("", readerToken, SCHOOL, SEEDED_CODE))).isEqualTo(40084);
        JsonNode t = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/gettoken?corpid=" + SCHOOL + "&corpsecret="
                + agencyCode, null).body();
        assertThat(errcode(t)).isEqualTo(40001);
    }

    @Test
    void cancellingTwiceOrWhereNothingIsInstalledIs404() {
        handle.admin("POST", "/__admin/suites/" + READER + "/cancel-auth", "{\"corpid\":\"" + SCHOOL + "\"}");
        assertThat(SchoolContactsHandle.send("POST", handle.baseUrl() + "/__admin/suites/" + READER + "/cancel-auth",
                "{\"corpid\":\"" + SCHOOL + "\"}").status()).isEqualTo(404);
        assertThat(SchoolContactsHandle.send("POST", handle.baseUrl() + "/__admin/suites/" + EDITOR + "/change-auth",
                "{\"corpid\":\"" + SCHOOL + "\",\"school_permission\":\"read\"}").status()).isEqualTo(404);
        assertThat(SchoolContactsHandle.send("POST", handle.baseUrl() + "/__admin/suites/" + EDITOR + "/cancel-auth",
                "{\"corpid\":\"wwnosuchcorp\"}").status()).isEqualTo(404);
    }

    @Test
    void reinstallingAfterACancelKeepsTheAgentidWithANewPermanentCode() {
        handle.admin("POST", "/__admin/suites/" + READER + "/cancel-auth", "{\"corpid\":\"" + SCHOOL + "\"}");
        JsonNode again = flow.installed(READER, SCHOOL);
        assertThat(again.get("permanent_code").asText()).isNotEqualTo(SEEDED_CODE);
        assertThat(again.at("/auth_info/agent/0/agentid").asLong()).isEqualTo(1000010);
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/department/list", again.get("access_token").asText(), null))).isZero();
    }
}
