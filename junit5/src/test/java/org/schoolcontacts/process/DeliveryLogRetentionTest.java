package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * The delivery log keeps the newest {@code --delivery-log-size} finished deliveries (events.md). It
 * was documented as 10,000 but nothing pruned it: every delivered event stayed in the store for good,
 * so a million events left a million rows. Now the delivery threads forget the oldest finished ones
 * as new ones finish, never a pending one, and never one the receiver has not had.
 */
class DeliveryLogRetentionTest {
    private static final String CORP = "wwretention00001";
    private static final String KEY = "retentionKey0123456789abcdefghijklmnopqrstu";
    private static final int KEEP = 10;
    private static final int EVENTS = 300;
    private static final int PRUNE_EVERY = org.schoolcontacts.events.Events.DELIVERY_LOG_PRUNE_EVERY;

    @TempDir
    Path dir;

    @Test
    void theDeliveryLogKeptEveryDeliveredEventForeverAndNowKeepsOnlyTheNewestFinishedOnes() throws Exception {
        try (EventReceiver receiver = EventReceiver.start("RetTok01", KEY, CORP)) {
            Path seed = dir.resolve("seed.json");
            Files.writeString(seed, "{\"corps\":[{\"corpid\":\"" + CORP + "\",\"name\":\"Retention\",\"apps\":[{\"agentid\":1,\"kind\":\"self_built\","
                    + "\"school_contacts\":\"edit\",\"secret\":\"retention-edit\",\"callback\":{\"url\":\"" + receiver.url() + "\",\"token\":\""
                    + receiver.token() + "\",\"encoding_aes_key\":\"" + KEY + "\",\"school_contact_events\":true}}],\"departments\":["
                    + "{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"A\",\"type\":1}]}]}");
            Path data = dir.resolve("data");
            try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--seed", seed.toString(), "--data-dir", data.toString(),
                    "--delivery-log-size", String.valueOf(KEEP))) {
                String base = p.awaitReady();
                String token = SchoolContactsHandle.send("GET", base + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=retention-edit", null)
                        .body().path("access_token").asText();
                for (int i = 0; i < EVENTS; i++) {
                    JsonNode r = SchoolContactsHandle.send("POST", base + "/cgi-bin/school/user/create_student?access_token=" + token,
                            "{\"student_userid\":\"s" + i + "\",\"name\":\"S\",\"department\":[11]}").body();
                    assertThat(r.path("errcode").asInt()).as("create s%d: %s", i, r).isZero();
                }
                assertThat(SchoolContactsHandle.send("POST", base + "/__admin/events/drain", "{\"timeout_ms\":60000}").status())
                        .as("drained").isEqualTo(200);
                assertThat(receiver.events()).as("every event reached the receiver: pruning drops only finished deliveries").hasSize(EVENTS);
                JsonNode log = SchoolContactsHandle.send("GET", base + "/__admin/events?limit=10000", null).body().path("deliveries");
                assertThat(log.size()).as("deliveries in the log after %d delivered", EVENTS).isLessThanOrEqualTo(KEEP + PRUNE_EVERY)
                        .isLessThan(EVENTS);
                assertThat(log.get(0).path("target_id").asText()).as("the newest delivery is kept").isEqualTo("s" + (EVENTS - 1));
            }
            // and in the store itself, which is what grew
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("school-contacts.db"));
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM event_deliveries")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows in event_deliveries").isLessThanOrEqualTo(KEEP + PRUNE_EVERY);
            }
        }
    }
}
