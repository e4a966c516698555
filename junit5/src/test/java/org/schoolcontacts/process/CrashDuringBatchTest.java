package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * kill -9 while batches of 100 student updates are in flight: after a restart every student is
 * wholly before or wholly after each batch (never a name from one version and a class from another),
 * and every acknowledged batch is there.
 */
class CrashDuringBatchTest {
    private static final int STUDENTS = 100;

    @TempDir
    Path dir;

    private static JsonNode post(String url, String body) {
        return SchoolContactsHandle.send("POST", url, body).body();
    }

    private static String batch(int version) {
        StringBuilder b = new StringBuilder("{\"students\":[");
        for (int i = 0; i < STUDENTS; i++) {
            // odd versions sit in class 12, even ones in class 11: name and class must agree
            b.append(i == 0 ? "" : ",").append("{\"student_userid\":\"c").append(i).append("\",\"name\":\"v").append(version)
                    .append("\",\"department\":[").append(version % 2 == 0 ? 11 : 12).append("]}");
        }
        return b.append("]}").toString();
    }

    @Test
    void aCrashMidBatchLeavesEveryStudentWhollyBeforeOrAfterAndKeepsAcknowledgedBatches() throws Exception {
        String token;
        AtomicInteger acknowledged = new AtomicInteger(0);
        java.util.concurrent.CountDownLatch fiveAcknowledged = new java.util.concurrent.CountDownLatch(5);
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            token = SchoolContactsHandle.send("GET", base + "/cgi-bin/gettoken?corpid=wwschool00000001&corpsecret=edit-secret-0001", null)
                    .body().get("access_token").asText();
            String q = "?access_token=" + token;
            assertThat(post(base + "/cgi-bin/school/department/create" + q, "{\"id\":12,\"parentid\":10,\"name\":\"Class 2\",\"type\":1}")
                    .get("errcode").asInt()).isZero();
            StringBuilder create = new StringBuilder("{\"students\":[");
            for (int i = 0; i < STUDENTS; i++) {
                create.append(i == 0 ? "" : ",").append("{\"student_userid\":\"c").append(i).append("\",\"name\":\"v0\",\"department\":[11]}");
            }
            assertThat(post(base + "/cgi-bin/school/user/batch_create_student" + q, create + "]}").get("errcode").asInt()).isZero();
            Thread writer = new Thread(() -> {
                for (int v = 1; v < 100_000; v++) {
                    try {
                        JsonNode r = post(base + "/cgi-bin/school/user/batch_update_student" + q, batch(v));
                        if (r.get("errcode").asInt() != 0) return;
                        acknowledged.set(v);
                        fiveAcknowledged.countDown();
                    } catch (RuntimeException connectionGone) {
                        return;
                    }
                }
            });
            writer.start();
            // let some batches be acknowledged, then kill while the writer keeps sending
            fiveAcknowledged.await(60, java.util.concurrent.TimeUnit.SECONDS);
            p.kill9();
            writer.join();
        }
        int acked = acknowledged.get();
        assertThat(acked).isGreaterThanOrEqualTo(5);
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString())) {
            String base = p.awaitReady();
            Integer seenVersion = null;
            for (int i = 0; i < STUDENTS; i++) {
                JsonNode s = SchoolContactsHandle.send("GET", base + "/cgi-bin/school/user/get?userid=c" + i + "&access_token=" + token, null)
                        .body().get("student");
                int version = Integer.parseInt(s.get("name").asText().substring(1));
                assertThat(s.get("department").get(0).asInt()).isEqualTo(version % 2 == 0 ? 11 : 12);
                assertThat(version).isGreaterThanOrEqualTo(acked);
                if (seenVersion == null) seenVersion = version;
                // one batch is one transaction: all its students moved together
                assertThat(version).isEqualTo(seenVersion);
            }
        }
    }
}
