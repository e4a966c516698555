package org.schoolcontacts.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

@SchoolContactsServer(seed = "seeds/two-corps.json")
class GettokenHttpTest {
    private static final String A = "wwcorpA000000001";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
        handle.resetClock();
    }

    private JsonNode gettoken(String query) {
        return SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/gettoken" + query, null).body();
    }

    @Test
    void gettokenReturnsAnOpaqueTokenValidFor7200Seconds() {
        JsonNode r = gettoken("?corpid=" + A + "&corpsecret=a-edit");
        assertThat(r.get("errcode").asInt()).isZero();
        assertThat(r.get("errmsg").asText()).isEqualTo("ok");
        assertThat(r.get("access_token").asText()).matches("[A-Za-z0-9_-]{64,512}");
        assertThat(r.get("expires_in").asLong()).isEqualTo(7200);
    }

    @Test
    void repeatedGettokenWithinValidityReturnsTheSameTokenAndItsRemainingLifetime() {
        JsonNode first = gettoken("?corpid=" + A + "&corpsecret=a-edit");
        handle.advanceClock(1800);
        JsonNode second = gettoken("?corpid=" + A + "&corpsecret=a-edit");
        assertThat(second.get("access_token").asText()).isEqualTo(first.get("access_token").asText());
        assertThat(second.get("expires_in").asLong()).isBetween(5398L, 5400L);
    }

    @Test
    void aTokenCloseToExpiryIsReplacedByANewOne() {
        JsonNode first = gettoken("?corpid=" + A + "&corpsecret=a-edit");
        handle.advanceClock(7200 - 599);
        JsonNode second = gettoken("?corpid=" + A + "&corpsecret=a-edit");
        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        assertThat(second.get("expires_in").asLong()).isEqualTo(7200);
    }

    @Test
    void expiresInNeverExceeds7200AfterTheClockIsMovedForwardAndBack() {
        handle.advanceClock(7200);
        JsonNode ahead = gettoken("?corpid=" + A + "&corpsecret=a-edit");
        assertThat(ahead.get("expires_in").asLong()).isEqualTo(7200);
        handle.resetClock();
        JsonNode back = gettoken("?corpid=" + A + "&corpsecret=a-edit");
        assertThat(back.get("errcode").asInt()).isZero();
        assertThat(back.get("expires_in").asLong()).isBetween(1L, 7200L);
    }

    @Test
    void missingCorpidGets41002BeforeAnythingElse() {
        assertThat(gettoken("?corpsecret=a-edit").get("errcode").asInt()).isEqualTo(41002);
        assertThat(gettoken("?corpid=&corpsecret=").get("errcode").asInt()).isEqualTo(41002);
    }

    @Test
    void missingSecretGets41004() {
        assertThat(gettoken("?corpid=" + A).get("errcode").asInt()).isEqualTo(41004);
    }

    @Test
    void unknownCorpGets40013() {
        assertThat(gettoken("?corpid=wwnosuchcorp&corpsecret=a-edit").get("errcode").asInt()).isEqualTo(40013);
    }

    @Test
    void wrongSecretGets40001() {
        JsonNode r = gettoken("?corpid=" + A + "&corpsecret=not-a-secret");
        assertThat(r.get("errcode").asInt()).isEqualTo(40001);
        assertThat(r.get("errmsg").asText()).startsWith("invalid credential, hint: [");
        assertThat(r.has("access_token")).isFalse();
    }

    @Test
    void secretOfAnotherCorpGets40091() {
        assertThat(gettoken("?corpid=" + A + "&corpsecret=b-edit").get("errcode").asInt()).isEqualTo(40091);
    }

    @Test
    void aDisabledAppGets40001() {
        assertThat(gettoken("?corpid=" + A + "&corpsecret=a-disabled").get("errcode").asInt()).isEqualTo(40001);
    }

    @Test
    void eachAppHasItsOwnToken() {
        String edit = gettoken("?corpid=" + A + "&corpsecret=a-edit").get("access_token").asText();
        String other = gettoken("?corpid=" + A + "&corpsecret=a-parent-app").get("access_token").asText();
        assertThat(edit).isNotEqualTo(other);
    }
}
