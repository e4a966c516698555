package org.schoolcontacts.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Apps installed from a suite are in the parent-app list unless their suite's seed says
 * {@code parent_app: false} (spec 4.2); they send with the corp token of their installation.
 */
@SchoolContactsServer(seed = "notices-providers-seed.json")
class InstalledAppNoticeHttpTest {
    private static final String CORP = "wwnoticetp000001";
    SchoolContactsHandle h;

    @BeforeEach
    void fresh(SchoolContactsHandle handle) {
        h = handle;
        h.reset();
    }

    private JsonNode post(String path, String json) {
        return SchoolContactsHandle.send("POST", h.baseUrl() + path, json).body();
    }

    /** The corp token of a seeded installation: ticket, suite token, get_corp_token. */
    private String corpToken(String suiteId, String secret, String permanentCode) {
        String ticket = h.admin("POST", "/__admin/suites/" + suiteId + "/push-ticket", "{}").get("suite_ticket").asText();
        JsonNode suite = post("/cgi-bin/service/get_suite_token", "{\"suite_id\":\"" + suiteId + "\",\"suite_secret\":\"" + secret
                + "\",\"suite_ticket\":\"" + ticket + "\"}");
        JsonNode corp = post("/cgi-bin/service/get_corp_token?suite_access_token=" + suite.path("suite_access_token").asText(),
                "{\"auth_corpid\":\"" + CORP + "\",\"permanent_code\":\"" + permanentCode + "\"}");
        assertThat(corp.path("errcode").asInt()).as(corp.toString()).isZero();
        return corp.path("access_token").asText();
    }

    private int send(String token, long agentid) {
        return post(NoticeSchool.SEND + "?access_token=" + token, "{\"agentid\":" + agentid
                + ",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"},\"to_party\":[11]}").path("errcode").asInt();
    }

    @Test
    void anInstalledThirdPartyAppSendsByDefault() {
        String token = corpToken("wwsuite000000091", "suite-secret-0091", "pc-notice-000000000000000000000000000000000000000000000000000091");
        assertThat(send(token, 1000091)).isZero();
        assertThat(h.inbox(CORP, "p1")).singleElement().satisfies(n -> assertThat(n.delivered()).isTrue());
    }

    @Test
    void aSuiteSeededWithParentAppFalseGets48002() {
        String token = corpToken("wwsuite000000092", "suite-secret-0092", "pc-notice-000000000000000000000000000000000000000000000000000092");
        assertThat(send(token, 1000092)).isEqualTo(48002);
        assertThat(h.notices()).isEmpty();
    }
}
