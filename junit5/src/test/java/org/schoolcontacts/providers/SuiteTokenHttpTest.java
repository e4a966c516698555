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

/** get_suite_token (spec 2.3) and the suite-token check of every suite endpoint (spec 0.2). */
@SchoolContactsServer(seed = ProviderFlow.SEED)
class SuiteTokenHttpTest {
    SchoolContactsHandle handle;
    ProviderFlow flow;

    @BeforeEach
    void fresh() {
        handle.reset();
        flow = new ProviderFlow(handle);
    }

    @Test
    void aPushedTicketGetsASuiteTokenValidFor7200SecondsWithErrcodeZero() {
        JsonNode r = flow.getSuiteToken(EDITOR, "suite-secret-0001", flow.ticket(EDITOR));
        assertThat(errcode(r)).isZero();
        assertThat(r.get("errmsg").asText()).isEqualTo("ok");
        assertThat(r.get("suite_access_token").asText()).matches("[A-Za-z0-9_-]{64,}");
        assertThat(r.get("expires_in").asLong()).isEqualTo(7200);
    }

    @Test
    void aLiveSuiteTokenIsReturnedAgainUntilUnderTenMinutesAreLeft() {
        String ticket = flow.ticket(EDITOR);
        JsonNode first = flow.getSuiteToken(EDITOR, "suite-secret-0001", ticket);
        handle.advanceClock(1000);
        JsonNode again = flow.getSuiteToken(EDITOR, "suite-secret-0001", flow.ticket(EDITOR));
        assertThat(again.get("suite_access_token").asText()).isEqualTo(first.get("suite_access_token").asText());
        assertThat(again.get("expires_in").asLong()).isBetween(6198L, 6200L);
        handle.advanceClock(7200 - 1000 - 599);
        JsonNode fresh = flow.getSuiteToken(EDITOR, "suite-secret-0001", flow.ticket(EDITOR));
        assertThat(fresh.get("suite_access_token").asText()).isNotEqualTo(first.get("suite_access_token").asText());
        assertThat(fresh.get("expires_in").asLong()).isEqualTo(7200);
    }

    @Test
    void refusalsComeInTheSpecOrder() {
        String ticket = flow.ticket(EDITOR);
        assertThat(errcode(flow.post("/cgi-bin/service/get_suite_token", "{}"))).isEqualTo(41021);
        assertThat(errcode(flow.getSuiteToken("wwnosuchsuite000", "x", ticket))).isEqualTo(40083);
        assertThat(errcode(flow.post("/cgi-bin/service/get_suite_token", "{\"suite_id\":\"" + EDITOR + "\"}"))).isEqualTo(41024);
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0003", ticket))).isEqualTo(40080);
        assertThat(errcode(flow.post("/cgi-bin/service/get_suite_token",
                "{\"suite_id\":\"" + EDITOR + "\",\"suite_secret\":\"suite-secret-0001\"}"))).isEqualTo(41023);
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0001", "not-a-ticket"))).isEqualTo(40085);
    }

    @Test
    void anotherSuitesTicketIs40085() {
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0001", flow.ticket(READER)))).isEqualTo(40085);
    }

    @Test
    void theNewestThreeTicketsAreAcceptedAndTheFourthIsNot() {
        String oldest = flow.ticket(EDITOR);
        String second = flow.ticket(EDITOR);
        flow.ticket(EDITOR);
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0001", oldest))).isZero();
        flow.ticket(EDITOR);
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0001", oldest))).isEqualTo(40085);
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0001", second))).isZero();
    }

    @Test
    void aTicketIsAcceptedForJustUnderThirtyMinutes() {
        String ticket = flow.ticket(EDITOR);
        handle.advanceClock(30 * 60 - 2);
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0001", ticket))).isZero();
        handle.advanceClock(2);
        assertThat(errcode(flow.getSuiteToken(EDITOR, "suite-secret-0001", ticket))).isEqualTo(40085);
    }

    @Test
    void theAdminListsTicketsNewestFirstWithWhetherTheyAreAccepted() {
        String a = flow.ticket(EDITOR);
        String b = flow.ticket(EDITOR);
        JsonNode list = handle.admin("GET", "/__admin/suites/" + EDITOR + "/tickets", null).get("tickets");
        assertThat(list.get(0).get("suite_ticket").asText()).isEqualTo(b);
        assertThat(list.get(1).get("suite_ticket").asText()).isEqualTo(a);
        assertThat(list.get(0).get("accepted").asBoolean()).isTrue();
        handle.advanceClock(1800);
        assertThat(handle.admin("GET", "/__admin/suites/" + EDITOR + "/tickets", null).get("tickets").get(0).get("accepted").asBoolean())
                .isFalse();
    }

    @Test
    void suiteEndpointsWithoutASuiteTokenAre41022() {
        assertThat(errcode(flow.get("/cgi-bin/service/get_pre_auth_code"))).isEqualTo(41022);
        assertThat(errcode(flow.post("/cgi-bin/service/get_permanent_code", "{\"auth_code\":\"x\"}"))).isEqualTo(41022);
    }

    @Test
    void unknownOrNonSuiteTokensAre40082() {
        assertThat(errcode(flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=nope"))).isEqualTo(40082);
        String provider = flow.post("/cgi-bin/service/get_provider_token",
                "{\"corpid\":\"wwprovider000001\",\"provider_secret\":\"provider-secret-0001\"}").get("provider_access_token").asText();
        assertThat(errcode(flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=" + provider))).isEqualTo(40082);
        String corpToken = handle.token("school-edit-secret");
        assertThat(errcode(flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=" + corpToken))).isEqualTo(40082);
    }

    @Test
    void aSuiteTokenPastItsLifetimeIs42009() {
        String token = flow.suiteToken(EDITOR);
        handle.advanceClock(7199);
        assertThat(errcode(flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=" + token))).isZero();
        handle.advanceClock(1);
        assertThat(errcode(flow.get("/cgi-bin/service/get_pre_auth_code?suite_access_token=" + token))).isEqualTo(42009);
    }

    @Test
    void aSuiteTokenUsedAsAnAccessTokenIs40014() {
        String token = flow.suiteToken(EDITOR);
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/department/list", token, null))).isEqualTo(40014);
    }
}
