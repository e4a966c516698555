package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/** The provider chain over plain HTTP, as the tests of seeds/providers.json walk it. */
final class ProviderFlow {
    static final String SEED = "seeds/providers.json";
    static final String PROVIDER = "wwprovider000001";
    static final String PROVIDER_SECRET = "provider-secret-0001";
    static final String EDITOR = "wwsuite000000001";
    static final String SECOND_EDITOR = "wwsuite000000002";
    static final String READER = "wwsuite000000003";
    static final String AGENCY = "dktemplate000001";
    static final String SCHOOL = "wwschool00000001";
    static final String SCHOOL2 = "wwschool00000002";
    static final String SEEDED_CODE = "pc-demo-00000000000000000000000000000000000000000000000000000001";

    private final SchoolContactsHandle h;

    ProviderFlow(SchoolContactsHandle h) { this.h = h; }

    static String secretOf(String suiteId) {
        return switch (suiteId) {
            case EDITOR -> "suite-secret-0001";
            case SECOND_EDITOR -> "suite-secret-0002";
            case READER -> "suite-secret-0003";
            case AGENCY -> "tpl-secret-0001";
            default -> "no-such-secret";
        };
    }

    JsonNode post(String path, String json) {
        return SchoolContactsHandle.send("POST", h.baseUrl() + path, json).body();
    }

    JsonNode get(String pathAndQuery) {
        return SchoolContactsHandle.send("GET", h.baseUrl() + pathAndQuery, null).body();
    }

    String ticket(String suiteId) {
        return h.admin("POST", "/__admin/suites/" + suiteId + "/push-ticket", "{}").get("suite_ticket").asText();
    }

    JsonNode getSuiteToken(String suiteId, String secret, String ticket) {
        return post("/cgi-bin/service/get_suite_token", "{\"suite_id\":\"" + suiteId + "\",\"suite_secret\":\"" + secret
                + "\",\"suite_ticket\":\"" + ticket + "\"}");
    }

    String suiteToken(String suiteId) {
        JsonNode r = getSuiteToken(suiteId, secretOf(suiteId), ticket(suiteId));
        assertThat(r.path("errcode").asInt()).as(r.toString()).isZero();
        return r.get("suite_access_token").asText();
    }

    /** Admin install; the answer has auth_code, expires_in and agentid. */
    JsonNode install(String suiteId, String corpId) {
        return h.admin("POST", "/__admin/suites/" + suiteId + "/install", "{\"corpid\":\"" + corpId + "\",\"state\":\"st8\"}");
    }

    SchoolContactsHandle.Answer installAnswer(String suiteId, String json) {
        return SchoolContactsHandle.send("POST", h.baseUrl() + "/__admin/suites/" + suiteId + "/install", json);
    }

    JsonNode permanentCode(String suiteToken, String authCode) {
        return post("/cgi-bin/service/get_permanent_code?suite_access_token=" + suiteToken, "{\"auth_code\":\"" + authCode + "\"}");
    }

    /** Installs and exchanges the auth code; the v1 answer. */
    JsonNode installed(String suiteId, String corpId) {
        String token = suiteToken(suiteId);
        JsonNode r = permanentCode(token, install(suiteId, corpId).get("auth_code").asText());
        assertThat(r.path("errcode").asInt()).as(r.toString()).isZero();
        return r;
    }

    JsonNode corpToken(String suiteToken, String corpId, String permanentCode) {
        return post("/cgi-bin/service/get_corp_token?suite_access_token=" + suiteToken,
                "{\"auth_corpid\":\"" + corpId + "\",\"permanent_code\":\"" + permanentCode + "\"}");
    }

    JsonNode school(String method, String path, String accessToken, String json) {
        String sep = path.contains("?") ? "&" : "?";
        return SchoolContactsHandle.send(method, h.baseUrl() + path + sep + "access_token=" + accessToken, json).body();
    }

    static int errcode(JsonNode r) { return r.path("errcode").asInt(); }
}
