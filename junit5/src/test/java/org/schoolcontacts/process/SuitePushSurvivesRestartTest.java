package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.providers.SuitePushesHttpTest;

/**
 * A suite push is a row of the outbox, committed with the ticket or authorisation it reports (spec
 * events §1.7): a push still pending when the server is killed goes out after the restart.
 */
class SuitePushSurvivesRestartTest {
    static final String SUITE = SuitePushesHttpTest.SUITE;
    static final String CORP = SuitePushesHttpTest.CORP;

    @TempDir
    Path dir;

    private static JsonNode send(String method, String url, String body) {
        return SchoolContactsHandle.send(method, url, body).body();
    }

    @Test
    void aTicketAndACreateAuthPendingAtAKillAreDeliveredAfterTheRestart() throws Exception {
        try (EventReceiver receiver = EventReceiver.start("SuiteToken01", SuitePushesHttpTest.KEY, SUITE)) {
            Path seed = dir.resolve("seed.json");
            Files.writeString(seed, SuitePushesHttpTest.seed(receiver.url()));
            String[] args = {"--port", "0", "--data-dir", dir.resolve("data").toString(), "--seed", seed.toString()};
            String ticket, authCode;
            try (ServerProcess p = ServerProcess.start(Map.of(), args)) {
                String base = p.awaitReady();
                // the pause is kept in the store: nothing goes out before the kill (all streams: a receiver
                // prefix pauses only the streams that exist, and the school's suite stream begins with the install)
                send("POST", base + "/__admin/events/pause", "{}");
                ticket = send("POST", base + "/__admin/suites/" + SUITE + "/push-ticket", "{}").get("suite_ticket").asText();
                authCode = send("POST", base + "/__admin/suites/" + SUITE + "/install", "{\"corpid\":\"" + CORP + "\"}").get("auth_code").asText();
                JsonNode pending = send("GET", base + "/__admin/events?status=pending&receiver=suite:" + SUITE, null).get("deliveries");
                assertThat(pending.findValuesAsText("change_type")).contains("suite_ticket", "create_auth");
                p.kill9();
            }
            assertThat(receiver.events()).noneMatch(e -> ticket.equals(e.fields().get("SuiteTicket")));
            try (ServerProcess p = ServerProcess.start(Map.of(), args)) {
                String base = p.awaitReady();
                send("POST", base + "/__admin/events/resume", "{}");
                JsonNode drained = send("POST", base + "/__admin/events/drain", "{\"timeout_ms\":60000}");
                assertThat(drained.path("drained").asBoolean()).as(drained.toString()).isTrue();
                assertThat(receiver.events()).anySatisfy(e -> {
                    assertThat(e.infoType()).isEqualTo("suite_ticket");
                    assertThat(e.fields()).containsEntry("SuiteTicket", ticket);
                });
                assertThat(receiver.events()).anySatisfy(e -> {
                    assertThat(e.infoType()).isEqualTo("create_auth");
                    assertThat(e.fields()).containsEntry("AuthCode", authCode);
                });
                // and the pushed ticket still opens the chain
                JsonNode token = send("POST", base + "/cgi-bin/service/get_suite_token",
                        "{\"suite_id\":\"" + SUITE + "\",\"suite_secret\":\"suite-secret-0001\",\"suite_ticket\":\"" + ticket + "\"}");
                assertThat(token.path("errcode").asInt()).as(token.toString()).isZero();
            }
        }
    }
}
