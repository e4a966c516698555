package org.schoolcontacts.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** The token and permission checks every school endpoint runs before it reads its body (spec 2, 3). */
@SchoolContactsServer(seed = "seeds/two-corps.json")
class TokenCheckHttpTest {
    private static final String LIST = "/cgi-bin/school/department/list";
    private static final String CREATE = "/cgi-bin/school/department/create";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
        handle.resetClock();
    }

    private JsonNode call(String method, String pathAndQuery, String body) {
        return SchoolContactsHandle.send(method, handle.baseUrl() + pathAndQuery, body).body();
    }

    private String token(String secret) {
        return handle.token(secret);
    }

    @Test
    void missingTokenGets41001() {
        assertThat(call("GET", LIST, null).get("errcode").asInt()).isEqualTo(41001);
        assertThat(call("GET", LIST + "?access_token=", null).get("errcode").asInt()).isEqualTo(41001);
    }

    @Test
    void unknownTokenGets40014() {
        assertThat(call("GET", LIST + "?access_token=neverissued", null).get("errcode").asInt()).isEqualTo(40014);
    }

    @Test
    void tokenExpiresAfterExactly7200SecondsWith42001() {
        String t = token("a-edit");
        handle.advanceClock(7199);
        assertThat(call("GET", LIST + "?access_token=" + t, null).get("errcode").asInt()).isZero();
        handle.advanceClock(1);
        assertThat(call("GET", LIST + "?access_token=" + t, null).get("errcode").asInt()).isEqualTo(42001);
    }

    @Test
    void theTokenIsCheckedBeforeTheBodyIsRead() {
        JsonNode r = call("POST", CREATE + "?access_token=bogus", "{not json");
        assertThat(r.get("errcode").asInt()).isEqualTo(40014);
        assertThat(r.get("errmsg").asText()).doesNotContain("Warning");
    }

    @Test
    void resetForgetsIssuedTokens() {
        String t = token("a-edit");
        handle.reset();
        assertThat(call("GET", LIST + "?access_token=" + t, null).get("errcode").asInt()).isEqualTo(40014);
    }

    @Test
    void parentAppMayReadButNotWrite() {
        String t = token("a-parent-app");
        assertThat(call("GET", LIST + "?access_token=" + t, null).get("errcode").asInt()).isZero();
        JsonNode r = call("POST", CREATE + "?access_token=" + t, "{\"parentid\":1,\"name\":\"G\",\"type\":2}");
        assertThat(r.get("errcode").asInt()).isEqualTo(48002);
    }

    @Test
    void thirdPartyReadAppMayReadButNotWrite() {
        String t = token("a-third-read");
        assertThat(call("GET", LIST + "?access_token=" + t, null).get("errcode").asInt()).isZero();
        assertThat(call("POST", CREATE + "?access_token=" + t, "{}").get("errcode").asInt()).isEqualTo(48002);
    }

    @Test
    void permissionIsCheckedBeforeTheBody() {
        JsonNode r = call("POST", CREATE + "?access_token=" + token("a-third-read"), "{not json");
        assertThat(r.get("errcode").asInt()).isEqualTo(48002);
    }

    @Test
    void systemSecretWorksOnlyWhereTheCorpAcceptsIt() {
        // corp A was set up before 2023-12-01 (system_secret_accepted: true)
        assertThat(call("GET", LIST + "?access_token=" + token("a-system"), null).get("errcode").asInt()).isZero();
    }

    @Test
    void aTokenSeesOnlyItsOwnCorp() {
        String a = token("a-edit");
        JsonNode created = call("POST", CREATE + "?access_token=" + a,
                "{\"parentid\":1,\"name\":\"Only in A\",\"type\":2,\"id\":500}");
        assertThat(created.get("errcode").asInt()).isZero();
        String b = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/gettoken?corpid=wwcorpB000000002&corpsecret=b-edit", null)
                .body().get("access_token").asText();
        JsonNode listB = call("GET", LIST + "?access_token=" + b, null);
        assertThat(listB.get("departments").toString()).doesNotContain("Only in A");
        assertThat(call("GET", LIST + "?id=500&access_token=" + b, null).get("errcode").asInt()).isEqualTo(60003);
    }
}
