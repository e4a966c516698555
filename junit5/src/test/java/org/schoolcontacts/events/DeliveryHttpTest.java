package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.EventControls;
import org.schoolcontacts.junit5.EventControls.Attempt;
import org.schoolcontacts.junit5.EventControls.Delivery;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * How deliveries are attempted (spec events §1.7) and the test-time controls (§5.2). Timeouts and
 * retry delays are shortened in-process so the suite stays quick; the WeCom values run in
 * {@code DeliveryWeComTimesLongTest} (profile {@code long-tests}).
 */
@SchoolContactsServer
class DeliveryHttpTest {
    static final String CORP = "wwschool00000001";
    static final long EDIT_APP = 1000001;
    static final String STREAM = "app:" + CORP + ":" + EDIT_APP;
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    SchoolContactsHandle handle;
    EventControls events;
    EventReceiver receiver;

    @BeforeEach
    void configure() {
        handle.reset();
        events = handle.events();
        events.tune(Duration.ofMillis(400), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80));
        receiver = EventReceiver.start("Token01", KEY, CORP);
        events.configureCallback(CORP, EDIT_APP, receiver);
    }

    @AfterEach
    void stop() {
        receiver.close();
        events.untune();
    }

    private void createStudent(String id) {
        JsonNode r = handle.editor().post("/cgi-bin/school/user/create_student",
                "{\"student_userid\":\"" + id + "\",\"name\":\"N\",\"department\":[11]}");
        assertThat(r.path("errcode").asInt()).isZero();
    }

    private Delivery only() {
        List<Delivery> all = events.deliveries("receiver=" + STREAM);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void aRefusedConnectionIsRetriedThreeTimesThenTheDeliveryFails() {
        receiver.close();
        createStudent("s0002");
        EventControls.Drained d = events.drain();
        assertThat(d.failed()).isEqualTo(1);
        Delivery failed = only();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.attempts()).hasSize(4).allSatisfy(a -> {
            assertThat(a.httpStatus()).isNull();
            assertThat(a.error()).startsWith("connection failed");
        });
    }

    @Test
    void aTimeoutIsRetriedWithTheIdenticalRequest() throws Exception {
        receiver.holdAnswers();
        createStudent("s0002");
        events.drain();
        Delivery failed = only();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.attempts()).extracting(Attempt::error).allMatch(e -> e.startsWith("timeout"));
        assertThat(receiver.events()).hasSize(4);
        assertThat(receiver.events()).extracting(EventReceiver.ReceivedEvent::query).containsOnly(receiver.events().get(0).query());
        assertThat(receiver.events()).extracting(EventReceiver.ReceivedEvent::body).containsOnly(receiver.events().get(0).body());
    }

    @Test
    void aReceiverErrorIsRecordedAndNotRetried() {
        receiver.answerWith(500, "oops");
        createStudent("s0002");
        assertThat(events.drain().receiverError()).isEqualTo(1);
        Delivery d = only();
        assertThat(d.status()).isEqualTo("receiver_error");
        assertThat(d.attempts()).singleElement().satisfies(a -> {
            assertThat(a.httpStatus()).isEqualTo(500);
            assertThat(a.body()).isEqualTo("oops");
        });
        assertThat(receiver.events()).hasSize(1);
    }

    @Test
    void aRetriedDeliveryGoesOutAgainAtTheEndOfItsStream() {
        receiver.answerWith(503, "busy");
        createStudent("s0002");
        events.drain();
        receiver.answerWith(200, "");
        createStudent("s0003");
        events.drain();
        Delivery refused = events.deliveries("receiver=" + STREAM + "&status=receiver_error").get(0);
        events.retry(refused.id());
        events.drain();
        assertThat(receiver.summaries()).containsExactly("create_student s0002", "create_student s0003", "create_student s0002");
        Delivery again = events.delivery(refused.id());
        assertThat(again.status()).isEqualTo("delivered");
        assertThat(again.attempts()).extracting(Attempt::httpStatus).containsExactly(503, 200);
    }

    @Test
    void deliveriesOfAStreamGoOutInCommitOrderOneAtATime() {
        for (int i = 0; i < 20; i++) createStudent("o" + i);
        events.drain();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) expected.add("create_student o" + i);
        assertThat(receiver.summaries()).isEqualTo(expected);
    }

    @Test
    void pausedStreamsQueueAndDrainRefusesUntilResumed() {
        events.pause(STREAM);
        createStudent("s0002");
        SchoolContactsHandle.Answer a = handle.adminAnswer("POST", "/__admin/events/drain", "{\"timeout_ms\":1000}");
        assertThat(a.status()).isEqualTo(409);
        assertThat(only().status()).isEqualTo("pending");
        assertThat(receiver.events()).isEmpty();
        events.resume(STREAM);
        events.drain();
        assertThat(receiver.summaries()).containsExactly("create_student s0002");
    }

    @Test
    void aReceiverHoldingItsAnswerDoesNotHoldUpWeComWrites() throws Exception {
        // a long attempt timeout, so the first push stays in flight while the writes below are made
        events.tune(Duration.ofSeconds(50), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80));
        receiver.holdAnswers();
        createStudent("s0002");
        assertThat(receiver.awaitEvents(1, Duration.ofSeconds(30))).isTrue();
        List<String> expected = new java.util.ArrayList<>(List.of("create_student s0002"));
        for (int i = 0; i < 20; i++) {
            createStudent("w" + i);  // acknowledged while the receiver still holds the first push
            expected.add("create_student w" + i);
        }
        assertThat(events.deliveries("receiver=" + STREAM + "&status=delivering")).hasSize(1);
        assertThat(receiver.events()).hasSize(1);
        receiver.releaseAnswers();
        events.drain();
        assertThat(receiver.summaries()).isEqualTo(expected);
    }

    @Test
    void aPauseByPrefixAlsoHoldsAStreamCreatedAfterIt() {
        String prefix = "app:" + CORP + ":";
        JsonNode paused = handle.admin("POST", "/__admin/events/pause", "{\"receiver\":\"" + prefix + "\"}");
        assertThat(paused.path("paused").toString()).contains(STREAM);
        assertThat(paused.path("paused_prefixes").toString()).isEqualTo("[\"" + prefix + "\"]");
        try (EventReceiver reader = EventReceiver.start("Token02", KEY, CORP)) {
            // the read app's stream does not exist yet: its callback is configured after the pause
            events.configureCallback(CORP, 1000002, reader);
            createStudent("s0002");
            SchoolContactsHandle.Answer a = handle.adminAnswer("POST", "/__admin/events/drain", "{\"timeout_ms\":1000}");
            assertThat(a.status()).isEqualTo(409);
            assertThat(events.deliveries("receiver=app:" + CORP + ":1000002")).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo("pending"));
            assertThat(reader.events()).isEmpty();
            assertThat(receiver.events()).isEmpty();
            JsonNode resumed = handle.admin("POST", "/__admin/events/resume", "{\"receiver\":\"" + prefix + "\"}");
            assertThat(resumed.path("paused")).isEmpty();
            assertThat(resumed.path("paused_prefixes")).isEmpty();
            events.drain();
            assertThat(reader.summaries()).containsExactly("create_student s0002");
            assertThat(receiver.summaries()).containsExactly("create_student s0002");
        }
    }

    @Test
    void resumingOneStreamInsideAPausedPrefixKeepsThePrefixForStreamsCreatedLater() {
        String prefix = "app:" + CORP + ":";
        events.pause(prefix);
        events.resume(STREAM);
        try (EventReceiver reader = EventReceiver.start("Token02", KEY, CORP)) {
            events.configureCallback(CORP, 1000002, reader);
            createStudent("s0002");
            events.drain(STREAM, Duration.ofSeconds(30));
            assertThat(receiver.summaries()).containsExactly("create_student s0002");
            assertThat(handle.adminAnswer("POST", "/__admin/events/drain", "{\"timeout_ms\":1000}").status()).isEqualTo(409);
            assertThat(reader.events()).isEmpty();
            events.resume(prefix);
            events.drain();
            assertThat(reader.summaries()).containsExactly("create_student s0002");
        }
    }

    @Test
    void aPausePrefixIsKeptInTheStoreAndForgottenByReset() {
        String prefix = "app:" + CORP + ":";
        events.pause(prefix);
        handle.reset();
        JsonNode after = handle.admin("POST", "/__admin/events/pause", "{\"receiver\":\"suite:\"}");
        assertThat(after.path("paused_prefixes").toString()).isEqualTo("[\"suite:\"]");
        events.configureCallback(CORP, EDIT_APP, receiver);
        createStudent("s0002");
        events.drain();
        assertThat(receiver.summaries()).containsExactly("create_student s0002");
        events.resume("suite:");
    }

    @Test
    void pauseStateIsListedAndClearedByReset() {
        JsonNode all = handle.admin("POST", "/__admin/events/pause", "{}");
        assertThat(all.path("paused").toString()).contains("\"*\"", STREAM);
        handle.reset();
        JsonNode none = handle.admin("POST", "/__admin/events/resume", "{}");
        assertThat(none.path("paused")).isEmpty();
    }

    @Test
    void aFixedUrlIsUsedWhenTheQueuedDeliveryIsSent() {
        events.pause(STREAM);
        createStudent("s0002");
        try (EventReceiver fixed = EventReceiver.start("Token09", KEY, CORP)) {
            events.configureCallback(CORP, EDIT_APP, fixed);
            events.resume(STREAM);
            events.drain();
            assertThat(fixed.summaries()).containsExactly("create_student s0002");
            assertThat(receiver.events()).isEmpty();
        }
    }

    @Test
    void deletingTheCallbackCancelsItsQueuedDeliveries() {
        events.pause(STREAM);
        createStudent("s0002");
        events.deleteCallback(CORP, EDIT_APP);
        assertThat(only().status()).isEqualTo("cancelled");
        assertThat(handle.adminAnswer("GET", "/__admin/corps/" + CORP + "/apps/" + EDIT_APP + "/callback", null).status()).isEqualTo(404);
        createStudent("s0003");
        events.resume(STREAM);
        events.drain();
        assertThat(events.deliveries("receiver=" + STREAM)).hasSize(1);
    }

    @Test
    void urlVerificationSendsAnEchostrTheReceiverDecrypts() {
        assertThat(receiver.verifications()).singleElement().satisfies(p -> assertThat(p).matches("[0-9]{19}"));
        JsonNode cb = handle.admin("GET", "/__admin/corps/" + CORP + "/apps/" + EDIT_APP + "/callback", null);
        assertThat(cb.path("url").asText()).isEqualTo(receiver.url());
        assertThat(cb.path("token").asText()).isEqualTo("***");
        assertThat(cb.path("verified").asBoolean()).isTrue();
    }

    @Test
    void aWrongEchoIsRefusedWith40057AndTheOldCallbackStays() {
        try (EventReceiver wrong = EventReceiver.start("Token02", KEY, CORP)) {
            wrong.answerVerificationWrongly(true);
            SchoolContactsHandle.Answer a = events.tryConfigureCallback(CORP, EDIT_APP, wrong.url(), "Token02", KEY);
            assertThat(a.status()).isEqualTo(422);
            assertThat(a.body().path("errcode").asInt()).isEqualTo(40057);
            assertThat(a.body().path("error").asText()).isEqualTo("callback verification failed");
        }
        JsonNode cb = handle.admin("GET", "/__admin/corps/" + CORP + "/apps/" + EDIT_APP + "/callback", null);
        assertThat(cb.path("url").asText()).isEqualTo(receiver.url());
    }

    @Test
    void anUnreachableOrMisconfiguredReceiverFailsVerification() {
        // the receiver holds another token: it cannot check the signature and answers 400
        SchoolContactsHandle.Answer wrongToken = events.tryConfigureCallback(CORP, EDIT_APP, receiver.url(), "OtherToken", KEY);
        assertThat(wrongToken.status()).isEqualTo(422);
        assertThat(wrongToken.body().path("detail").asText()).contains("400");
        receiver.close();
        SchoolContactsHandle.Answer refused = events.tryConfigureCallback(CORP, EDIT_APP, receiver.url(), "Token01", KEY);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("detail").asText()).contains("no answer");
    }

    @Test
    void aReceiverThatDoesNotEchoWithinOneSecondFailsVerificationAndTheOldCallbackStays() throws Exception {
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer silent = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        silent.createContext("/", ex -> {
            try (ex) {
                released.await(30, java.util.concurrent.TimeUnit.SECONDS);  // answers only after the test is done
                ex.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        silent.start();
        try {
            String url = "http://127.0.0.1:" + silent.getAddress().getPort() + "/callback";
            SchoolContactsHandle.Answer a = events.tryConfigureCallback(CORP, EDIT_APP, url, "Token01", KEY);
            assertThat(a.status()).isEqualTo(422);
            assertThat(a.body().path("errcode").asInt()).isEqualTo(40057);
            assertThat(a.body().path("detail").asText()).contains("timeout after 1000 ms");
        } finally {
            released.countDown();
            silent.stop(0);
        }
        JsonNode cb = handle.admin("GET", "/__admin/corps/" + CORP + "/apps/" + EDIT_APP + "/callback", null);
        assertThat(cb.path("url").asText()).isEqualTo(receiver.url());
    }

    @Test
    void badCallbackFieldsAre400AndUnknownAppsAre404() {
        assertThat(events.tryConfigureCallback(CORP, EDIT_APP, "ftp://x", "Token01", KEY).status()).isEqualTo(400);
        assertThat(events.tryConfigureCallback(CORP, EDIT_APP, receiver.url(), "bad token!", KEY).status()).isEqualTo(400);
        assertThat(events.tryConfigureCallback(CORP, EDIT_APP, receiver.url(), "Token01", KEY.substring(1)).status()).isEqualTo(400);
        assertThat(events.tryConfigureCallback(CORP, 4242, receiver.url(), "Token01", KEY).status()).isEqualTo(404);
    }

    @Test
    void theLogFiltersByReceiverStatusAndChangeTypeAndForgetsTerminalDeliveries() {
        createStudent("s0002");
        handle.editor().post("/cgi-bin/school/user/delete_student?userid=s0002", "{}");
        events.drain();
        assertThat(events.deliveries("change_type=delete_student")).extracting(Delivery::summary).containsExactly("delete_student s0002");
        assertThat(events.deliveries("receiver=app:" + CORP)).hasSize(2);
        assertThat(events.deliveries("receiver=app:wwother")).isEmpty();
        assertThat(events.deliveries("status=delivered")).hasSize(2);
        events.forget();
        assertThat(events.deliveries()).isEmpty();
    }

    /**
     * The long many-writers run's final drain lost its connection ("header parser received no bytes")
     * after a series of drains that each ran out of time: a drain that times out must answer 408 and
     * leave the kept-alive connection usable for the next request, as any other answer does.
     */
    @Test
    void aDrainThatRunsOutOfTimeAnswers408AndKeepsItsConnectionForTheNextRequest() throws Exception {
        receiver.holdAnswers();
        createStudent("s0002");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", handle.port())) {
            socket.setSoTimeout(20_000);
            java.io.InputStream in = socket.getInputStream();
            String body = "{\"timeout_ms\":300}";
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write(("POST /__admin/events/drain HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String head = readHead(in);
                assertThat(head).as("answer %d on one connection", i + 1).startsWith("HTTP/1.1 408").doesNotContainIgnoringCase("connection: close");
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
                assertThat(new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8)).contains("\"drained\":false");
            }
        } finally {
            receiver.releaseAnswers();
        }
    }

    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new java.io.EOFException("the server closed the connection after: " + b);
            b.append((char) c);
        }
        return b.toString();
    }
}
