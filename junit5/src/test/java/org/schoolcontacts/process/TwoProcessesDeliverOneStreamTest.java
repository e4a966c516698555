package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * Two server processes on one PostgreSQL (and, in a second run, on one MariaDB), both with delivery
 * threads, changes made through both: the one stream arrives complete, in commit order, each delivery
 * sent exactly once (the database lease lets one process at a time deliver a stream, so nothing
 * interleaves or repeats).
 */
@org.junit.jupiter.api.Tag("external-db")
class TwoProcessesDeliverOneStreamTest {
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final int CHANGES = 120;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void oneStreamIsDeliveredInOrderWithoutLossOrRepeatsByTwoProcesses(String store) throws Exception {
        String url = store.equals("postgresql") ? TestDatabases.PG_URL : TestDatabases.MARIADB_URL;
        String user = store.equals("postgresql") ? TestDatabases.PG_USER : TestDatabases.MARIADB_USER;
        String corp = "wwev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"corps\":[{\"corpid\":\"" + corp + "\",\"name\":\"Two\",\"apps\":[{\"agentid\":1000001,\"kind\":\"self_built\","
                + "\"school_contacts\":\"edit\",\"secret\":\"" + corp + "-edit\"}],\"departments\":["
                + "{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"A\",\"type\":1}]}]}");
        String[] args = {"--port", "0", "--db-url", url, "--db-user", user, "--seed", seed.toString()};
        try (EventReceiver receiver = EventReceiver.start("Token01", KEY, corp);
             ServerProcess a = ServerProcess.start(Map.of(), args); ServerProcess b = ServerProcess.start(Map.of(), args)) {
            String[] bases = {a.awaitReady(), b.awaitReady()};
            JsonNode put = EventsSurviveKillTest.configureCallback(bases[0], corp, receiver.url(), KEY);
            assertThat(put.path("verified").asBoolean()).as(put.toString()).isTrue();
            String[] tokens = new String[2];
            for (int i = 0; i < 2; i++) {
                tokens[i] = SchoolContactsHandle.send("GET", bases[i] + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + corp + "-edit", null)
                        .body().get("access_token").asText();
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < CHANGES; i++) {
                int p = i % 2;
                JsonNode r = SchoolContactsHandle.send("POST", bases[p] + "/cgi-bin/school/user/create_student?access_token=" + tokens[p],
                        "{\"student_userid\":\"t" + i + "\",\"name\":\"T\",\"department\":[11]}").body();
                assertThat(r.path("errcode").asInt()).isZero();
                expected.add("create_student t" + i);
            }
            for (String base : bases) {
                // this school's stream only: the shared database may hold other tests' undelivered events
                JsonNode drained = SchoolContactsHandle.send("POST", base + "/__admin/events/drain",
                        "{\"timeout_ms\":60000,\"receiver\":\"app:" + corp + ":\"}").body();
                assertThat(drained.path("drained").asBoolean()).as(drained.toString()).isTrue();
            }
            assertThat(receiver.summaries()).isEqualTo(expected);
            JsonNode log = SchoolContactsHandle.send("GET", bases[1] + "/__admin/events?limit=1000&corpid=" + corp, null).body();
            assertThat(log.get("deliveries")).hasSize(CHANGES).allSatisfy(d -> {
                assertThat(d.get("status").asText()).isEqualTo("delivered");
                assertThat(d.get("attempts")).hasSize(1);
            });
        } finally {
            TestDatabases.deleteCorp(url, user, corp);
        }
    }
}
