package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * kill -9 with change events delivered, queued and in flight (spec events §1.7): after a restart
 * every acknowledged change's event arrives (duplicates allowed, none missing), and no event names a
 * change the restarted server does not hold.
 */
class EventsSurviveKillTest {
    static final String CORP = "wwschool00000001";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @TempDir
    Path dir;

    /**
     * PUT of an app callback, tried up to five times: WeCom allows the receiver 1 s to echo, and on a
     * heavily loaded test machine the receiver's first answer can miss that.
     */
    static JsonNode configureCallback(String base, String corp, String url, String key) {
        return configureCallback(base, corp, url, key, "Token01", 1000001);
    }

    static JsonNode configureCallback(String base, String corp, String url, String key, String token, long agentid) {
        JsonNode put = null;
        for (int i = 0; i < 5; i++) {
            put = SchoolContactsHandle.send("PUT", base + "/__admin/corps/" + corp + "/apps/" + agentid + "/callback",
                    "{\"url\":\"" + url + "\",\"token\":\"" + token + "\",\"encoding_aes_key\":\"" + key + "\"}").body();
            if (put.path("verified").asBoolean()) return put;
        }
        return put;
    }

    private static JsonNode send(String method, String url, String body) {
        return SchoolContactsHandle.send(method, url, body).body();
    }

    @Test
    void everyAcknowledgedChangesEventArrivesAfterAKillAndRestart() throws Exception {
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        String stream = "app:" + CORP + ":1000001";
        try (EventReceiver receiver = EventReceiver.start("Token01", KEY, CORP)) {
            try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
                String base = p.awaitReady();
                JsonNode put = configureCallback(base, CORP, receiver.url(), KEY);
                assertThat(put.path("verified").asBoolean()).as(put.toString()).isTrue();
                String token = send("GET", base + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=edit-secret-0001", null)
                        .get("access_token").asText();
                CountDownLatch twenty = new CountDownLatch(20);
                CountDownLatch forty = new CountDownLatch(40);
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        try {
                            JsonNode r = send("POST", base + "/cgi-bin/school/user/create_student?access_token=" + token,
                                    "{\"student_userid\":\"k" + i + "\",\"name\":\"K\",\"department\":[11]}");
                            if (r.path("errcode").asInt() != 0) return;
                            acknowledged.add("k" + i);
                            twenty.countDown();
                            forty.countDown();
                        } catch (RuntimeException connectionGone) {
                            return;
                        }
                    }
                });
                writer.start();
                assertThat(twenty.await(60, TimeUnit.SECONDS)).isTrue();
                // from here on deliveries queue (the pause is kept in the store), while changes go on
                send("POST", base + "/__admin/events/pause", "{\"receiver\":\"" + stream + "\"}");
                assertThat(forty.await(60, TimeUnit.SECONDS)).isTrue();
                p.kill9();
                writer.join();
            }
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(40);
            int receivedBeforeRestart = receiver.events().size();
            try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
                String base = p.awaitReady();
                assertThat(SchoolContactsHandle.send("POST", base + "/__admin/events/drain", "{\"timeout_ms\":500}").status())
                        .as("still paused after the restart").isEqualTo(409);
                send("POST", base + "/__admin/events/resume", "{}");
                JsonNode drained = send("POST", base + "/__admin/events/drain", "{\"timeout_ms\":60000}");
                assertThat(drained.path("drained").asBoolean()).as(drained.toString()).isTrue();
                Set<String> received = new HashSet<>();
                for (EventReceiver.ReceivedEvent e : receiver.events()) {
                    assertThat(e.changeType()).isEqualTo("create_student");
                    received.add(e.id());
                }
                assertThat(receiver.events().size()).isGreaterThan(receivedBeforeRestart);
                assertThat(received).containsAll(acknowledged);
                String token = send("GET", base + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=edit-secret-0001", null)
                        .get("access_token").asText();
                for (String id : received) {
                    JsonNode s = send("GET", base + "/cgi-bin/school/user/get?userid=" + id + "&access_token=" + token, null);
                    assertThat(s.path("errcode").asInt()).as("an event for " + id + " but no such student").isZero();
                }
            }
        }
    }
}
