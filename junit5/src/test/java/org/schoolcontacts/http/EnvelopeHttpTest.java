package org.schoolcontacts.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsHandle.Answer;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** Bad input of every class gets WeCom's envelope: HTTP 200 JSON with errcode and errmsg (spec 1). */
@SchoolContactsServer
class EnvelopeHttpTest {
    private static final String CREATE = "/cgi-bin/school/department/create";
    private static final String LIST = "/cgi-bin/school/department/list";

    SchoolContactsHandle handle;

    private Answer send(String method, String path, String body) {
        String url = handle.baseUrl() + path + (path.contains("?") ? "&" : "?") + "access_token=" + handle.token(handle.editSecret());
        return SchoolContactsHandle.send(method, url, body);
    }

    private static void assertEnvelope(Answer a, int errcode) {
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.body()).as(a.raw()).isNotNull();
        assertThat(a.body().get("errcode").asInt()).as(a.raw()).isEqualTo(errcode);
        assertThat(a.body().get("errmsg").isTextual()).isTrue();
    }

    @Test
    void errmsgOfAFailureCarriesWeComsDiagnosticTail() {
        Answer a = send("POST", CREATE, "{\"parentid\":1,\"name\":\"x\"}");
        assertEnvelope(a, 40058);
        assertThat(a.body().get("errmsg").asText())
                .matches("invalid parameter: type, hint: \\[\\d+_\\d+_[0-9a-f]{32}], from ip: \\S+, more info at "
                        + "https://open\\.work\\.weixin\\.qq\\.com/devtool/query\\?e=40058");
    }

    @Test
    void malformedJsonIsReadAsAnEmptyObjectAndFlaggedInErrmsg() {
        Answer a = send("POST", CREATE, "{\"parentid\":1,");
        assertEnvelope(a, 40058);
        assertThat(a.body().get("errmsg").asText()).startsWith("Warning: wrong json format. invalid parameter");
    }

    @Test
    void aBodyThatIsNotAnObjectIsTreatedLikeMalformedJson() {
        Answer a = send("POST", CREATE, "[1,2,3]");
        assertEnvelope(a, 40058);
        assertThat(a.body().get("errmsg").asText()).startsWith("Warning: wrong json format. ");
    }

    @Test
    void malformedJsonOnAnEndpointThatNeedsNothingSucceedsWithTheWarning() {
        Answer a = send("POST", "/cgi-bin/school/user/batch_update_student", "not json at all");
        assertEnvelope(a, 0);
        assertThat(a.body().get("errmsg").asText()).isEqualTo("ok. Warning: wrong json format. ");
    }

    @Test
    void aRequiredFieldOfTheWrongTypeIsReadAsAbsentSoMissingWithTheWarning() {
        Answer a = send("POST", CREATE, "{\"parentid\":{\"id\":1},\"type\":2,\"name\":\"G\"}");
        assertEnvelope(a, 40058);
        assertThat(a.body().get("errmsg").asText()).startsWith("Warning: wrong json format. invalid parameter: parentid, hint: [");
    }

    @Test
    void anOptionalFieldOfTheWrongTypeIsReadAsAbsentAndTheSuccessCarriesTheWarning() {
        Answer a = send("POST", CREATE, "{\"parentid\":1,\"type\":3,\"name\":\"Stage\",\"order\":1.5}");
        assertEnvelope(a, 0);
        assertThat(a.body().get("errmsg").asText()).isEqualTo("created. Warning: wrong json format. ");
        JsonNode listed = send("GET", LIST + "?id=" + a.body().get("id").asLong(), null).body();
        assertThat(listed.at("/departments/0").has("order")).as("the mistyped order was not stored").isFalse();
    }

    @Test
    void explicitNullsAndUnknownFieldsAreTolerated() {
        Answer a = send("POST", CREATE, "{\"parentid\":1,\"type\":2,\"name\":\"Grade nulls\",\"order\":null,"
                + "\"register_year\":null,\"colour\":\"blue\",\"department_admins\":null}");
        assertEnvelope(a, 0);
        assertThat(a.body().get("errmsg").asText()).isEqualTo("created");
        assertThat(a.body().get("id").asLong()).isGreaterThan(1);
    }

    @Test
    void integersMayArriveAsDecimalStrings() {
        Answer a = send("POST", CREATE, "{\"parentid\":\"1\",\"type\":\"2\",\"name\":\"Grade strings\"}");
        assertEnvelope(a, 0);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWholeWith40206() {
        String big = "{\"parentid\":1,\"type\":2,\"name\":\"G\",\"id\":88,\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        Answer a = send("POST", CREATE, big);
        assertEnvelope(a, 40206);
        assertThat(a.body().get("errmsg").asText()).startsWith("request body too large, hint: [");
        assertEnvelope(send("GET", LIST + "?id=88", null), 60003);
        // far larger than any limit of the HTTP layer too: still the envelope
        Answer huge = send("POST", CREATE, "{\"pad\":\"" + "y".repeat(6_000_000) + "\"}");
        assertEnvelope(huge, 40206);
    }

    @Test
    void aBodyOfExactlyOneMebibyteIsRead() {
        String head = "{\"parentid\":1,\"type\":3,\"name\":\"S\",\"pad\":\"";
        String body = head + "x".repeat(1_048_576 - head.length() - 2) + "\"}";
        assertThat(body.length()).isEqualTo(1_048_576);
        assertEnvelope(send("POST", CREATE, body), 0);
    }

    @Test
    void theBodySizeIsCheckedAfterTheTokenAndThePermission() {
        String big = "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        Answer noToken = SchoolContactsHandle.send("POST", handle.baseUrl() + CREATE, big);
        assertEnvelope(noToken, 41001);
        Answer reader = SchoolContactsHandle.send("POST", handle.baseUrl() + CREATE + "?access_token=" + handle.token(handle.readSecret()), big);
        assertEnvelope(reader, 48002);
    }

    @Test
    void aPostEndpointCalledWithGetSeesAnEmptyBody() {
        assertEnvelope(send("GET", CREATE, null), 40058);
    }

    @Test
    void aGetEndpointCalledWithPostReadsItsQueryString() {
        Answer a = send("POST", LIST + "?id=1", "{\"id\":999}");
        assertEnvelope(a, 0);
        assertThat(a.body().get("departments").get(0).get("id").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownPathUnderCgiBinGets404WithAJsonBody() {
        Answer a = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/school/user/no_such_api", null);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body().get("errcode").asInt()).isEqualTo(404);
        assertThat(a.body().get("errmsg").asText()).startsWith("api not found");
    }

    @Test
    void anUnknownMethodOnAKnownPathStillAnswersJson() {
        Answer a = SchoolContactsHandle.send("PUT", handle.baseUrl() + LIST, "{}");
        assertThat(a.body()).as(a.raw()).isNotNull();
        assertThat(a.body().has("errcode")).isTrue();
    }

    @Test
    void theSystemSecretIsRefusedWhereTheCorpDoesNotAcceptIt() {
        JsonNode r = SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + handle.token("system-secret-01"), null).body();
        assertThat(r.get("errcode").asInt()).isEqualTo(48002);
    }

    @Test
    void anAppWithoutSchoolPermissionGets48002EvenForReads() {
        JsonNode r = SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + handle.token("none-secret-0001"), null).body();
        assertThat(r.get("errcode").asInt()).isEqualTo(48002);
        assertThat(r.get("errmsg").asText()).startsWith("api forbidden");
    }
}
