package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * {@code PATCH /__admin/corps/{corpid}/apps/{agentid}} and {@code PATCH /__admin/corps/{corpid}/settings}
 * (running.md), and what they do to the WeCom surface: a disabled app's gettoken is 40001 and its
 * tokens answer 50003 at once (spec 2); the verified flag sets the parent cap (spec 5.4).
 */
@SchoolContactsServer
class AppsAndSettingsAdminHttpTest {
    private static final String LIST = "/cgi-bin/school/department/list";
    /** The demo school's editing app. */
    private static final long EDITOR = 1000001;

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    private SchoolContactsHandle.Answer patch(String path, String json) {
        return SchoolContactsHandle.send("PATCH", handle.baseUrl() + path, json);
    }

    private JsonNode listWith(String token) {
        return SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + token, null).body();
    }

    @Test
    void disablingAnAppAnswersWithTheAppAndItsSecretMasked() {
        SchoolContactsHandle.Answer a = patch("/__admin/corps/" + handle.corpId() + "/apps/" + EDITOR, "{\"enabled\":false}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("agentid").asLong()).isEqualTo(EDITOR);
        assertThat(a.body().path("enabled").asBoolean()).isFalse();
        assertThat(a.body().path("secret").asText()).isEqualTo("***");
        assertThat(a.raw()).doesNotContain(handle.editSecret());
    }

    @Test
    void gettokenOfADisabledAppIs40001AndOfAReenabledOneWorksAgain() {
        patch("/__admin/corps/" + handle.corpId() + "/apps/" + EDITOR, "{\"enabled\":false}");
        JsonNode refused = handle.gettoken(handle.editSecret());
        assertThat(refused.path("errcode").asInt()).isEqualTo(40001);
        assertThat(refused.path("errmsg").asText()).startsWith("invalid credential, hint: [");
        assertThat(handle.gettoken(handle.readSecret()).path("errcode").asInt()).as("other apps are not affected").isZero();
        patch("/__admin/corps/" + handle.corpId() + "/apps/" + EDITOR, "{\"enabled\":true}");
        assertThat(handle.gettoken(handle.editSecret()).path("errcode").asInt()).isZero();
    }

    @Test
    void aTokenOfAnAppDisabledAfterIssueAnswers50003UntilItIsReenabled() {
        String token = handle.gettoken(handle.editSecret()).path("access_token").asText();
        assertThat(listWith(token).path("errcode").asInt()).isZero();
        patch("/__admin/corps/" + handle.corpId() + "/apps/" + EDITOR, "{\"enabled\":false}");
        JsonNode disabled = listWith(token);
        assertThat(disabled.path("errcode").asInt()).isEqualTo(50003);
        assertThat(disabled.path("errmsg").asText()).startsWith("app disabled, hint: [");
        // a write is refused before anything else and changes nothing
        JsonNode create = SchoolContactsHandle.send("POST", handle.baseUrl() + "/cgi-bin/school/department/create?access_token=" + token,
                "{\"parentid\":1,\"type\":3,\"name\":\"S\",\"id\":70}").body();
        assertThat(create.path("errcode").asInt()).isEqualTo(50003);
        patch("/__admin/corps/" + handle.corpId() + "/apps/" + EDITOR, "{\"enabled\":true}");
        assertThat(listWith(token).path("errcode").asInt()).isZero();
        assertThat(handle.editor().get(LIST + "?id=70").path("errcode").asInt()).isEqualTo(60003);
    }

    @Test
    void unknownCorpsAndAppsAre404AndABadBodyIs400() {
        assertThat(patch("/__admin/corps/wwnosuchcorp/apps/" + EDITOR, "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(patch("/__admin/corps/" + handle.corpId() + "/apps/999", "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(patch("/__admin/corps/" + handle.corpId() + "/apps/x", "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(patch("/__admin/corps/" + handle.corpId() + "/apps/" + EDITOR, "{\"enabled\":\"no\"}").status()).isEqualTo(400);
        assertThat(patch("/__admin/corps/wwnosuchcorp/settings", "{\"verified\":false}").status()).isEqualTo(404);
        assertThat(patch("/__admin/corps/" + handle.corpId() + "/settings", "{}").status()).isEqualTo(400);
    }

    @Test
    void settingsSetTheVerifiedFlagAndResetRestoresTheSeeds() {
        SchoolContactsHandle.Answer a = patch("/__admin/corps/" + handle.corpId() + "/settings", "{\"verified\":false}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("corpid").asText()).isEqualTo(handle.corpId());
        assertThat(a.body().path("verified").asBoolean()).isFalse();
        handle.reset();
        boolean verified = handle.server().database().read(tx -> tx.count(
                "SELECT COUNT(*) FROM corps WHERE corp_id = ? AND verified = 1", handle.corpId()) == 1);
        assertThat(verified).isTrue();
    }

    @Test
    void theJournalNamesTheAppOfAGettokenAndCarriesEveryFieldAlways() {
        handle.admin("DELETE", "/__admin/requests", null);
        handle.gettoken(handle.editSecret());
        SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/no/such/api", null);
        JsonNode requests = handle.admin("GET", "/__admin/requests?limit=10", null).get("requests");
        assertThat(requests.size()).isEqualTo(2);
        for (JsonNode e : requests) {
            assertThat(e.fieldNames()).toIterable().contains("time", "method", "path", "corpid", "agentid", "body", "response",
                    "errcode", "ms");
        }
        JsonNode unknown = requests.get(0);
        assertThat(unknown.path("errcode").asInt()).isEqualTo(404);
        assertThat(unknown.get("corpid").isNull()).isTrue();
        assertThat(unknown.get("agentid").isNull()).isTrue();
        JsonNode gettoken = requests.get(1);
        assertThat(gettoken.path("corpid").asText()).isEqualTo(handle.corpId());
        assertThat(gettoken.path("agentid").asLong()).isEqualTo(EDITOR);
        assertThat(gettoken.path("path").asText()).contains("corpsecret=***");
    }
}
