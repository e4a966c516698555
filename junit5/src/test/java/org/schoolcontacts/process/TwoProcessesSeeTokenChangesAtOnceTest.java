package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * A change made through one server process is seen by another sharing the same store at its very next
 * call: a disabled app, revoked tokens, the clock moved past expiry and a renamed student. On
 * PostgreSQL the token check, gettoken and user/get read the store on every call; the embedded store
 * keeps their answers only while nothing has been committed to its file (issue 15, ReadCache), which
 * this proves from the outside. Each process is warmed first with the calls it is then asked again, so
 * anything it kept from them would show.
 */
class TwoProcessesSeeTokenChangesAtOnceTest {
    private static final String PG = TestDatabases.PG_URL;

    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.Tag("external-db")
    void onPostgresADisableARevokeAClockAdvanceAndARenameThroughOneProcessAreSeenByTheOtherAtItsNextCall() throws Exception {
        String corp = "wwtok" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            seeEachOthersChanges(corp, "--db-url", PG, "--db-user", TestDatabases.PG_USER);
        } finally {
            TestDatabases.deleteCorp(PG, TestDatabases.PG_USER, corp);
        }
    }

    @Test
    void onOneEmbeddedStoreADisableARevokeAClockAdvanceAndARenameThroughOneProcessAreSeenByTheOtherAtItsNextCall()
            throws Exception {
        seeEachOthersChanges("wwtokembedded0001", "--data-dir", dir.resolve("data").toString());
    }

    private void seeEachOthersChanges(String corp, String... store) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"corps\":[{\"corpid\":\"" + corp + "\",\"name\":\"Tok\",\"apps\":[{\"agentid\":1,\"kind\":\"self_built\","
                + "\"school_contacts\":\"edit\",\"secret\":\"" + corp + "-edit\"}],\"departments\":["
                + "{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"A\",\"type\":1}],"
                + "\"students\":[{\"student_userid\":\"s1\",\"name\":\"S1\",\"department\":[11]}]}]}");
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--port", "0", "--seed", seed.toString()),
                java.util.Arrays.stream(store)).toArray(String[]::new);
        try (ServerProcess a = ServerProcess.start(Map.of(), args); ServerProcess b = ServerProcess.start(Map.of(), args)) {
            String baseA = a.awaitReady();
            String baseB = b.awaitReady();
            String gettoken = "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + corp + "-edit";
            String token = get(baseA + gettoken).get("access_token").asText();
            for (int i = 0; i < 3; i++) {
                assertThat(get(baseB + gettoken).get("access_token").asText()).as("the same token from both processes").isEqualTo(token);
                assertThat(errcode(get(userGet(baseB, token)))).isZero();
            }

            // an app disabled through A: B refuses its token (50003) and its gettoken (40001) at once
            assertThat(SchoolContactsHandle.send("PATCH", baseA + "/__admin/corps/" + corp + "/apps/1", "{\"enabled\":false}").status())
                    .isEqualTo(200);
            assertThat(errcode(get(userGet(baseB, token)))).isEqualTo(50003);
            assertThat(errcode(get(baseB + gettoken))).isEqualTo(40001);
            SchoolContactsHandle.send("PATCH", baseA + "/__admin/corps/" + corp + "/apps/1", "{\"enabled\":true}");
            assertThat(errcode(get(userGet(baseB, token)))).as("disabling revokes nothing (spec 12 Q30)").isZero();
            assertThat(get(baseB + gettoken).get("access_token").asText()).isEqualTo(token);

            // tokens revoked through A: B answers 40014 for the old token, and its gettoken hands out a new one
            assertThat(SchoolContactsHandle.send("POST", baseA + "/__admin/tokens/revoke", "{\"corpid\":\"" + corp + "\"}").status())
                    .isEqualTo(200);
            assertThat(errcode(get(userGet(baseB, token)))).isEqualTo(40014);
            String renewed = get(baseB + gettoken).get("access_token").asText();
            assertThat(renewed).isNotEqualTo(token);
            assertThat(get(baseA + gettoken).get("access_token").asText()).as("A hands out B's new token").isEqualTo(renewed);
            assertThat(errcode(get(userGet(baseA, renewed)))).isZero();

            // the clock moved past the token's life through A: B answers 42001, and its gettoken mints a new one
            try {
                SchoolContactsHandle.send("POST", baseA + "/__admin/clock", "{\"advance_seconds\":7200}");
                assertThat(errcode(get(userGet(baseB, renewed)))).isEqualTo(42001);
                String afterExpiry = get(baseB + gettoken).get("access_token").asText();
                assertThat(afterExpiry).isNotEqualTo(renewed);
                assertThat(errcode(get(userGet(baseA, afterExpiry)))).isZero();
            } finally {
                SchoolContactsHandle.send("POST", baseA + "/__admin/clock", "{\"reset\":true}");
            }

            // a student renamed through A: B's user/get shows the new name at once
            String fresh = get(baseA + gettoken).get("access_token").asText();
            assertThat(get(userGet(baseB, fresh)).path("student").path("name").asText()).isEqualTo("S1");
            JsonNode renamed = SchoolContactsHandle.send("POST", baseA + "/cgi-bin/school/user/update_student?access_token=" + fresh,
                    "{\"student_userid\":\"s1\",\"name\":\"S1 renamed\"}").body();
            assertThat(errcode(renamed)).isZero();
            assertThat(get(userGet(baseB, fresh)).path("student").path("name").asText()).isEqualTo("S1 renamed");
        }
    }

    private static String userGet(String base, String token) {
        return base + "/cgi-bin/school/user/get?access_token=" + token + "&userid=s1";
    }

    private static JsonNode get(String url) {
        return SchoolContactsHandle.send("GET", url, null).body();
    }

    private static int errcode(JsonNode answer) {
        return answer.path("errcode").asInt(-1);
    }
}
