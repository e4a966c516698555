package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.providers.ProviderFlow.errcode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** get_provider_token (spec 2.9). */
@SchoolContactsServer(seed = ProviderFlow.SEED)
class ProviderTokenHttpTest {
    SchoolContactsHandle handle;
    ProviderFlow flow;

    @BeforeEach
    void fresh() {
        handle.reset();
        flow = new ProviderFlow(handle);
    }

    private JsonNode providerToken(String json) {
        return flow.post("/cgi-bin/service/get_provider_token", json);
    }

    @Test
    void theProviderSecretGetsATokenThatIsReusedWhileItLasts() {
        JsonNode first = providerToken("{\"corpid\":\"wwprovider000001\",\"provider_secret\":\"provider-secret-0001\"}");
        assertThat(errcode(first)).isZero();
        assertThat(first.get("expires_in").asLong()).isEqualTo(7200);
        handle.advanceClock(100);
        JsonNode again = providerToken("{\"corpid\":\"wwprovider000001\",\"provider_secret\":\"provider-secret-0001\"}");
        assertThat(again.get("provider_access_token").asText()).isEqualTo(first.get("provider_access_token").asText());
        assertThat(again.get("expires_in").asLong()).isBetween(7098L, 7100L);
    }

    @Test
    void refusalsComeInTheSpecOrder() {
        assertThat(errcode(providerToken("{\"provider_secret\":\"provider-secret-0001\"}"))).isEqualTo(41002);
        assertThat(errcode(providerToken("{\"corpid\":\"wwschool00000001\",\"provider_secret\":\"provider-secret-0001\"}"))).isEqualTo(40013);
        assertThat(errcode(providerToken("{\"corpid\":\"wwprovider000001\"}"))).isEqualTo(41024);
        assertThat(errcode(providerToken("{\"corpid\":\"wwprovider000001\",\"provider_secret\":\"wrong\"}"))).isEqualTo(40001);
    }

    @Test
    void aProviderTokenIsNoAccessToken() {
        String token = providerToken("{\"corpid\":\"wwprovider000001\",\"provider_secret\":\"provider-secret-0001\"}")
                .get("provider_access_token").asText();
        assertThat(errcode(flow.school("GET", "/cgi-bin/school/department/list", token, null))).isEqualTo(40014);
    }
}
