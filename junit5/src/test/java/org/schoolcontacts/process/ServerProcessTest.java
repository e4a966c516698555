package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/** What running.md promises of the process: readiness line, credentials, exit codes, durability. */
class ServerProcessTest {
    private static final String DEMO = "wwschool00000001";

    @TempDir
    Path dir;

    private static JsonNode get(String url) {
        return SchoolContactsHandle.send("GET", url, null).body();
    }

    private static String token(String base, String secret) {
        return get(base + "/cgi-bin/gettoken?corpid=" + DEMO + "&corpsecret=" + secret).get("access_token").asText();
    }

    @Test
    void printsTheReadinessLineThenTheDemoSchoolsCredentials() throws Exception {
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+");
            StringBuilder creds = new StringBuilder();
            for (int i = 0; i < 6; i++) creds.append(p.nextLine()).append('\n');
            assertThat(creds).contains("corpid=" + DEMO).contains("agentid=1000001").contains("kind=self_built")
                    .contains("permission=edit").contains("secret=edit-secret-0001").contains("kind=system");
            assertThat(get(base + "/cgi-bin/gettoken?corpid=" + DEMO + "&corpsecret=edit-secret-0001").get("errcode").asInt()).isZero();
        }
    }

    @Test
    void printCredentialsAlsoPrintsProvidersSuitesAndInstalls() throws Exception {
        String seed = java.nio.file.Path.of("src/test/resources/seeds/providers.json").toAbsolutePath().toString();
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--ephemeral", "--seed", seed, "--print-credentials")) {
            p.awaitReady();
            StringBuilder creds = new StringBuilder();
            for (String line = p.nextLine(); line != null && !line.startsWith("try:"); line = p.nextLine()) creds.append(line).append('\n');
            assertThat(creds).contains("provider wwprovider000001 (Demo Vendor) provider_secret=provider-secret-0001")
                    .contains("suite_id=wwsuite000000001 kind=third_party permission=edit suite_secret=suite-secret-0001 token=SuiteToken01 "
                            + "encoding_aes_key=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
                    .contains("suite_id=dktemplate000001 kind=agency")
                    .contains("install corpid=wwschool00000001 agentid=1000010 permanent_code=pc-demo-0000");
        }
    }

    @Test
    void anAcknowledgedTokenAndWriteSurviveKillMinus9() throws Exception {
        String token;
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            token = token(base, "edit-secret-0001");
            JsonNode created = SchoolContactsHandle.send("POST", base + "/cgi-bin/school/department/create?access_token=" + token,
                    "{\"parentid\":1,\"type\":2,\"name\":\"Durable\",\"id\":4242}").body();
            assertThat(created.get("errcode").asInt()).isZero();
            p.kill9();
        }
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            JsonNode list = get(base + "/cgi-bin/school/department/list?id=4242&access_token=" + token);
            assertThat(list.get("errcode").asInt()).isZero();
            assertThat(list.get("departments").get(0).get("name").asText()).isEqualTo("Durable");
        }
    }

    @Test
    void aBadSeedStopsStartUpWithOneLineNamingTheItemAndANonZeroExit() throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"corps\":[{\"corpid\":\"wwbad\",\"name\":\"Bad\",\"apps\":["
                + "{\"agentid\":1,\"kind\":\"self_built\",\"school_contacts\":\"edit\",\"secret\":\"s1\"}],"
                + "\"departments\":[{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},"
                + "{\"id\":11,\"parentid\":10,\"name\":\"Bad:name\",\"type\":1}]}]}");
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.resolve("d").toString(),
                "--seed", seed.toString())) {
            assertThat(p.awaitExit()).isNotZero();
            String err = p.stderr().strip();
            assertThat(err.lines().count()).as(err).isEqualTo(1);
            assertThat(err).contains("departments[1]").contains("60009");
        }
    }

    @Test
    void aSeedWithAnUnknownAppKindIsRefused() throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"corps\":[{\"corpid\":\"wwbad\",\"apps\":[{\"agentid\":1,\"kind\":\"robot\",\"secret\":\"s\"}]}]}");
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.resolve("d").toString(),
                "--seed", seed.toString())) {
            assertThat(p.awaitExit()).isNotZero();
            assertThat(p.stderr().strip()).contains("apps[0]").contains("kind");
        }
    }

    @Test
    void aSeedWithTwoEditingSelfBuiltAppsInOneSchoolIsRefusedAtStart() throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"corps\":[{\"corpid\":\"wwtwo\",\"apps\":["
                + "{\"agentid\":1,\"kind\":\"self_built\",\"school_contacts\":\"edit\",\"secret\":\"s1\"},"
                + "{\"agentid\":2,\"kind\":\"self_built\",\"school_contacts\":\"edit\",\"secret\":\"s2\"}]}]}");
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.resolve("d").toString(),
                "--seed", seed.toString())) {
            assertThat(p.awaitExit()).isNotZero();
            String err = p.stderr().strip();
            assertThat(err.lines().count()).as(err).isEqualTo(1);
            assertThat(err).contains("wwtwo").contains("at most one self_built app").contains("agentids 1, 2");
        }
    }

    @Test
    void anUnusableStoreEndsTheProcessWithOneLine() throws Exception {
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--db-url", "jdbc:postgresql://127.0.0.1:1/nowhere")) {
            assertThat(p.awaitExit()).isEqualTo(4);
            assertThat(p.stderr().strip()).isEqualTo("school-contacts: --db-url jdbc:postgresql://127.0.0.1:1/nowhere: "
                    + "cannot open the store: connection refused");
        }
    }

    @Test
    void aMariadbStoreThatCannotBeOpenedIsOneLineWithoutDriverWarnings() throws Exception {
        for (String url : new String[] {"jdbc:mariadb://127.0.0.1:1/nowhere", "jdbc:mariadb://no-such-host.invalid:3306/x"}) {
            try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--db-url", url)) {
                assertThat(p.awaitExit()).isEqualTo(4);
                String err = p.stderr().strip();
                assertThat(err.lines().count()).as(err).isEqualTo(1);
                assertThat(err).startsWith("school-contacts: --db-url " + url + ": cannot open the store: ");
            }
        }
    }

    @Test
    void aPortInUseIsOneLineOnStandardErrorWithoutTheHttpServersLog() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerProcess p = ServerProcess.start(Map.of(), "--port", String.valueOf(taken.getLocalPort()), "--ephemeral")) {
            assertThat(p.awaitExit()).isEqualTo(5);
            assertThat(p.stderr().strip()).isEqualTo("school-contacts: --port " + taken.getLocalPort()
                    + " on 127.0.0.1: cannot listen: the port is already in use");
        }
    }

    @Test
    void optionsAreReadFromTheEnvironmentAndTheCommandLineWins() throws Exception {
        Map<String, String> env = Map.of("SCHOOL_CONTACTS_DATA_DIR", dir.resolve("from-env").toString(), "SCHOOL_CONTACTS_PORT", "1");
        try (ServerProcess p = ServerProcess.start(env, "--port", "0")) {
            String base = p.awaitReady();
            assertThat(base).doesNotEndWith(":1");
            assertThat(Files.exists(dir.resolve("from-env").resolve("school-contacts.db"))).isTrue();
        }
    }

    @Test
    void anEphemeralServerStartsCleanEveryTimeAndDeletesItsStoreOnExit() throws Exception {
        for (int run = 0; run < 2; run++) {
            try (ServerProcess p = ServerProcess.start(Map.of(), "--ephemeral", "--port", "0")) {
                String base = p.awaitReady();
                String line = p.awaitStderr("(deleted on exit)");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("ephemeral store in (\\S+) \\(deleted on exit\\)").matcher(line);
                assertThat(m.find()).as(line).isTrue();
                Path store = Path.of(m.group(1));
                assertThat(store.resolve("school-contacts.db")).exists();
                String t = token(base, "edit-secret-0001");
                String list = base + "/cgi-bin/school/department/list?id=4343&access_token=" + t;
                assertThat(get(list).get("errcode").asInt()).as("nothing from an earlier run").isEqualTo(60003);
                JsonNode created = SchoolContactsHandle.send("POST", base + "/cgi-bin/school/department/create?access_token=" + t,
                        "{\"parentid\":1,\"type\":2,\"name\":\"Gone\",\"id\":4343}").body();
                assertThat(created.get("errcode").asInt()).isZero();
                assertThat(p.stop()).as("a SIGTERM is a normal stop: exit code 0").isZero();
                assertThat(store).doesNotExist();
            }
        }
    }

    @Test
    void theReadinessLineIsAUrlForAnIpv6Host() throws Exception {
        try (ServerProcess p = ServerProcess.start(Map.of(), "--host", "::1", "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            assertThat(base).matches("http://\\[::1\\]:\\d+");
            assertThat(get(base + "/__admin/health").get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void theJournalSizeIsASettingFromTheCommandLineOrTheEnvironment() throws Exception {
        try (ServerProcess p = ServerProcess.start(Map.of("SCHOOL_CONTACTS_JOURNAL_SIZE", "2"), "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            for (int i = 0; i < 4; i++) get(base + "/cgi-bin/gettoken?corpid=nope" + i + "&corpsecret=x");
            JsonNode journal = get(base + "/__admin/requests");
            assertThat(journal.get("requests")).hasSize(2);
            assertThat(journal.get("requests").get(0).get("path").asText()).contains("nope3");
        }
        try (ServerProcess p = ServerProcess.start(Map.of("SCHOOL_CONTACTS_JOURNAL_SIZE", "2"), "--journal-size", "0", "--port", "0",
                "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            get(base + "/cgi-bin/gettoken?corpid=" + DEMO + "&corpsecret=nope");
            assertThat(get(base + "/__admin/requests").get("requests")).isEmpty();
        }
    }

    @Tag("external-db")
    @Test
    void theSameSessionWorksOnPostgresql() throws Exception {
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--db-url", TestDatabases.PG_URL,
                "--db-user", TestDatabases.PG_USER, "--print-credentials")) {
            String base = p.awaitReady();
            String t = token(base, "edit-secret-0001");
            assertThat(get(base + "/cgi-bin/school/department/list?id=1&access_token=" + t).get("errcode").asInt()).isZero();
        } finally {
            TestDatabases.deleteCorp(TestDatabases.PG_URL, TestDatabases.PG_USER, DEMO);
        }
    }

    @Tag("external-db")
    @Test
    void theSameSessionWorksOnMariadb() throws Exception {
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--db-url", TestDatabases.MARIADB_URL,
                "--db-user", TestDatabases.MARIADB_USER)) {
            String base = p.awaitReady();
            String t = token(base, "edit-secret-0001");
            assertThat(get(base + "/cgi-bin/school/department/list?id=1&access_token=" + t).get("errcode").asInt()).isZero();
        } finally {
            TestDatabases.deleteCorp(TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER, DEMO);
        }
    }

    @Test
    void theRequestLogHasOneLinePerRequestWithCorpAndErrcodeAndNeverASecretOrToken() throws Exception {
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            String t = token(base, "edit-secret-0001");
            get(base + "/cgi-bin/school/user/get?userid=nobody&access_token=" + t);
            String log = p.awaitStderr("/cgi-bin/school/user/get");
            assertThat(log).containsPattern("GET /cgi-bin/gettoken corp=" + DEMO + " errcode=0 \\d+ms");
            assertThat(log).containsPattern("GET /cgi-bin/school/user/get corp=" + DEMO + " errcode=60111 \\d+ms");
            assertThat(log).doesNotContain(t).doesNotContain("edit-secret-0001");
        }
    }
}
