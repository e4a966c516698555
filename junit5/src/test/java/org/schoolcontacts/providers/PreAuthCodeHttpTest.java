package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.providers.ProviderFlow.EDITOR;
import static org.schoolcontacts.providers.ProviderFlow.READER;
import static org.schoolcontacts.providers.ProviderFlow.errcode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** get_pre_auth_code and set_session_info (spec 2.4). */
@SchoolContactsServer(seed = ProviderFlow.SEED)
class PreAuthCodeHttpTest {
    SchoolContactsHandle handle;
    ProviderFlow flow;
    String token;

    @BeforeEach
    void fresh() {
        handle.reset();
        flow = new ProviderFlow(handle);
        token = flow.suiteToken(EDITOR);
    }

    private String preAuthCode(String suiteToken) {
        JsonNode r = flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=" + suiteToken);
        assertThat(errcode(r)).isZero();
        return r.get("pre_auth_code").asText();
    }

    private JsonNode session(String json) {
        return flow.post("/cgi-bin/service/set_session_info?suite_access_token=" + token, json);
    }

    @Test
    void eachCallMintsANewCodeValidFor1200Seconds() {
        JsonNode r = flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=" + token);
        assertThat(r.get("expires_in").asLong()).isEqualTo(1200);
        assertThat(r.get("pre_auth_code").asText()).matches("[A-Za-z0-9_-]{64}");
        assertThat(preAuthCode(token)).isNotEqualTo(r.get("pre_auth_code").asText());
    }

    @Test
    void setSessionInfoStoresTheAuthTypeTheInstallShows() {
        String code = preAuthCode(token);
        assertThat(errcode(session("{\"pre_auth_code\":\"" + code + "\",\"session_info\":{\"appid\":[1],\"auth_type\":1}}"))).isZero();
        // the install page's confirm, called in-process
        handle.server().services().providers().installWithPreAuthCode(EDITOR, code,
                new Providers.InstallRequest(ProviderFlow.SCHOOL, "s1", null, null, null));
        JsonNode auths = handle.admin("GET", "/__admin/suites/" + EDITOR + "/authorizations", null).get("authorizations");
        assertThat(auths.get(0).get("auth_type").asInt()).isEqualTo(1);
        // the install consumed the code
        assertThat(errcode(session("{\"pre_auth_code\":\"" + code + "\",\"session_info\":{\"auth_type\":0}}"))).isEqualTo(40077);
    }

    @Test
    void missingFieldsAndABadAuthTypeAre40058() {
        String code = preAuthCode(token);
        assertThat(errcode(session("{\"session_info\":{\"auth_type\":0}}"))).isEqualTo(40058);
        assertThat(errcode(session("{\"pre_auth_code\":\"" + code + "\"}"))).isEqualTo(40058);
        assertThat(errcode(session("{\"pre_auth_code\":\"" + code + "\",\"session_info\":{\"auth_type\":2}}"))).isEqualTo(40058);
    }

    @Test
    void anUnknownCodeOrOneOfAnotherSuiteIs40077() {
        assertThat(errcode(session("{\"pre_auth_code\":\"nope\",\"session_info\":{\"auth_type\":0}}"))).isEqualTo(40077);
        String other = preAuthCode(flow.suiteToken(READER));
        assertThat(errcode(session("{\"pre_auth_code\":\"" + other + "\",\"session_info\":{\"auth_type\":0}}"))).isEqualTo(40077);
    }

    @Test
    void aCodePastItsLifetimeIs42007() {
        String code = preAuthCode(token);
        handle.advanceClock(1199);
        assertThat(errcode(session("{\"pre_auth_code\":\"" + code + "\",\"session_info\":{\"auth_type\":0}}"))).isZero();
        handle.advanceClock(1);
        token = flow.suiteToken(EDITOR);
        assertThat(errcode(session("{\"pre_auth_code\":\"" + code + "\",\"session_info\":{\"auth_type\":0}}"))).isEqualTo(42007);
    }

    @Test
    void anAppidOtherThanOneIs40086() {
        String code = preAuthCode(token);
        assertThat(errcode(session("{\"pre_auth_code\":\"" + code + "\",\"session_info\":{\"appid\":[1,2]}}"))).isEqualTo(40086);
    }
}
