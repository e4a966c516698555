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
 * A change committed by another process is seen at the very next call: a disabled app, revoked tokens,
 * an expiry (the clock moved, or the row) and a renamed student. Every store keeps the token check's,
 * gettoken's and user/get's answers in memory (issue 15, ReadCache): on PostgreSQL and MariaDB two
 * servers share the database, and each hands a kept answer out only after the change marks that every
 * write advances show nothing changed; the embedded store has one server per data folder and keeps
 * answers only while nothing has been committed to its file, and here another process writes to the
 * file directly. Each server is warmed first with the calls it is then asked again, so anything it
 * kept from them would show.
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
    @org.junit.jupiter.api.Tag("external-db")
    void onMariaDbADisableARevokeAClockAdvanceAndARenameThroughOneProcessAreSeenByTheOtherAtItsNextCall() throws Exception {
        String corp = "wwtok" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            seeEachOthersChanges(corp, "--db-url", TestDatabases.MARIADB_URL, "--db-user", TestDatabases.MARIADB_USER);
        } finally {
            TestDatabases.deleteCorp(TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER, corp);
        }
    }

    /**
     * One server per embedded data folder, but other processes may write to its file (an import, a
     * tool of one's own): here the test's own JDBC connection, warmed server calls first, each change
     * committed by the other process seen at the server's next call.
     */
    @Test
    void onTheEmbeddedStoreADisableARevokeAnExpiryAndARenameCommittedByAnotherProcessAreSeenAtTheNextCall() throws Exception {
        String corp = "wwtokembedded0001";
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(Map.of(), "--port", "0", "--seed", seed(corp).toString(),
                "--data-dir", data.toString())) {
            String base = server.awaitReady();
            try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("school-contacts.db"))) {
                seeChangesCommittedBy(other, base, corp);
            }
        }
    }

    private void seeChangesCommittedBy(java.sql.Connection other, String base, String corp) {
        String gettoken = "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + corp + "-edit";
        String token = get(base + gettoken).get("access_token").asText();
        java.util.function.Consumer<String> commit = sql -> {
            try (java.sql.Statement st = other.createStatement()) {
                st.executeUpdate(sql);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        for (int i = 0; i < 3; i++) {
            assertThat(get(base + gettoken).get("access_token").asText()).isEqualTo(token);
            assertThat(errcode(get(userGet(base, token)))).isZero();
        }

        commit.accept("UPDATE apps SET enabled = 0 WHERE corp_id = '" + corp + "'");
        assertThat(errcode(get(userGet(base, token)))).isEqualTo(50003);
        assertThat(errcode(get(base + gettoken))).isEqualTo(40001);
        commit.accept("UPDATE apps SET enabled = 1 WHERE corp_id = '" + corp + "'");
        assertThat(errcode(get(userGet(base, token)))).isZero();

        assertThat(get(userGet(base, token)).path("student").path("name").asText()).isEqualTo("S1");
        commit.accept("UPDATE users SET name = 'S1 renamed' WHERE corp_id = '" + corp + "' AND userid = 's1'");
        assertThat(get(userGet(base, token)).path("student").path("name").asText()).isEqualTo("S1 renamed");

        commit.accept("UPDATE tokens SET expires_at = 1 WHERE token = '" + token + "'");
        assertThat(errcode(get(userGet(base, token)))).isEqualTo(42001);
        String renewed = get(base + gettoken).get("access_token").asText();
        assertThat(renewed).isNotEqualTo(token);

        commit.accept("UPDATE tokens SET revoked = 1 WHERE corp_id = '" + corp + "'");
        assertThat(errcode(get(userGet(base, renewed)))).isEqualTo(40014);
        assertThat(get(base + gettoken).get("access_token").asText()).isNotEqualTo(renewed);
    }

    /** A second server on a data folder in use is refused (exit 4, one line); the folder is free again once the first has stopped. */
    @Test
    void aSecondServerOnTheSameEmbeddedDataFolderIsRefusedWhileTheFirstRuns() throws Exception {
        Path data = dir.resolve("shared");
        try (ServerProcess first = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", data.toString())) {
            first.awaitReady();
            try (ServerProcess second = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", data.toString())) {
                assertThat(second.awaitExit()).as(second.stderr()).isEqualTo(4);
                assertThat(second.stderr()).contains("--data-dir " + data).contains("in use by another server (pid ")
                        .doesNotContain("Exception");
            }
            first.stop();
        }
        try (ServerProcess again = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", data.toString())) {
            again.awaitReady();
        }
    }

    private void seeEachOthersChanges(String corp, String... store) throws Exception {
        Path seed = seed(corp);
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

    private Path seed(String corp) throws java.io.IOException {
        Path seed = dir.resolve(corp + "-seed.json");
        Files.writeString(seed, "{\"corps\":[{\"corpid\":\"" + corp + "\",\"name\":\"Tok\",\"apps\":[{\"agentid\":1,\"kind\":\"self_built\","
                + "\"school_contacts\":\"edit\",\"secret\":\"" + corp + "-edit\"}],\"departments\":["
                + "{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"A\",\"type\":1}],"
                + "\"students\":[{\"student_userid\":\"s1\",\"name\":\"S1\",\"department\":[11]}]}]}");
        return seed;
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
