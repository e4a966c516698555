package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventControls;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * Suite tickets and auth notices go through the events outbox (spec events §1.7, §2.2, §2.11): each is a
 * delivery in {@code /__admin/events}, paused, drained and retried like a change event, sent to a real
 * receiver on a real socket that answers {@code success}.
 */
public class SuitePushesHttpTest {
    public static final String CORP = "wwschool00000001";
    public static final String SUITE = "wwsuite000000001";
    static final String TICKETS = "suite:" + SUITE;
    static final String SCHOOL_STREAM = "suite:" + SUITE + ":" + CORP;
    public static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @TempDir
    Path dir;
    EventReceiver receiver;
    SchoolContactsHandle handle;

    /** A seed with one third-party suite whose instruction URL is {@code url}, installed in the school. */
    public static String seed(String url) {
        return "{\"providers\":[{\"corpid\":\"wwprovider000001\",\"name\":\"Vendor\",\"provider_secret\":\"provider-secret-0001\","
                + "\"suites\":[{\"suite_id\":\"" + SUITE + "\",\"kind\":\"third_party\",\"name\":\"Homework\",\"suite_secret\":\"suite-secret-0001\","
                + "\"token\":\"SuiteToken01\",\"encoding_aes_key\":\"" + KEY + "\",\"callback_url\":\"" + url + "\","
                + "\"school_permission\":\"read\"}],"
                + "\"installs\":[{\"suite_id\":\"" + SUITE + "\",\"corpid\":\"" + CORP + "\",\"agentid\":1000010}]}],"
                + "\"corps\":[{\"corpid\":\"" + CORP + "\",\"name\":\"School\",\"apps\":[{\"agentid\":1000001,\"kind\":\"self_built\","
                + "\"school_contacts\":\"edit\",\"secret\":\"edit-secret-0001\"}],"
                + "\"departments\":[{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"C\",\"type\":1}]}]}";
    }

    @BeforeEach
    void start() throws Exception {
        receiver = EventReceiver.start("SuiteToken01", KEY, SUITE);
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, seed(receiver.url()));
        handle = SchoolContactsHandle.start(seed.toString());
        // the start's first ticket, pushed by the ticket clock's first look at the server clock
        assertThat(receiver.awaitEvents(1, Duration.ofSeconds(10))).isTrue();
        handle.events().drain(TICKETS, Duration.ofSeconds(30));
        receiver.clear();
    }

    @AfterEach
    void stop() {
        if (handle != null) handle.close();
        receiver.close();
    }

    private String pushTicket() {
        return handle.admin("POST", "/__admin/suites/" + SUITE + "/push-ticket", "{}").get("suite_ticket").asText();
    }

    private List<String> received(String infoType, String field) {
        return receiver.events().stream().filter(e -> infoType.equals(e.infoType())).map(e -> e.fields().get(field)).toList();
    }

    @Test
    void aTicketPushIsADeliveryOnTheSuitesTicketStream() {
        String ticket = pushTicket();
        assertThat(handle.events().drain(TICKETS, Duration.ofSeconds(30)).delivered()).isGreaterThanOrEqualTo(1);
        assertThat(received("suite_ticket", "SuiteTicket")).containsExactly(ticket);

        EventControls.Delivery d = handle.events().deliveries("receiver=" + TICKETS + "&change_type=suite_ticket").get(0);
        assertThat(d.stream()).isEqualTo(TICKETS);
        assertThat(d.kind()).isEqualTo("suite");
        assertThat(d.status()).isEqualTo("delivered");
        assertThat(d.json().get("plaintext").asText()).matches("<xml><SuiteId><!\\[CDATA\\[" + SUITE
                + "]]></SuiteId><InfoType><!\\[CDATA\\[suite_ticket]]></InfoType><TimeStamp>\\d{10}</TimeStamp>"
                + "<SuiteTicket><!\\[CDATA\\[" + ticket + "]]></SuiteTicket></xml>");
        assertThat(d.json().get("origin").get("path").asText()).isEqualTo("/__admin/suites/" + SUITE + "/push-ticket");
        assertThat(d.attempts()).singleElement().satisfies(a -> assertThat(a.body()).isEqualTo("success"));
        // what the receiver got is the logged request, byte for byte
        EventReceiver.ReceivedEvent got = receiver.events().get(0);
        assertThat(got.body()).isEqualTo(d.json().get("body").asText());
        assertThat(got.query()).isEqualTo(d.json().get("query").asText());
        assertThat(got.body()).startsWith("<xml><ToUserName><![CDATA[" + SUITE + "]]></ToUserName><AgentID><![CDATA[]]></AgentID><Encrypt>");
    }

    @Test
    void aPausedTicketStreamQueuesTicketsAndDeliversThemInOrderOnResume() {
        handle.events().pause(TICKETS);
        String first = pushTicket();
        String second = pushTicket();
        String third = pushTicket();
        assertThat(handle.adminAnswer("POST", "/__admin/events/drain", "{\"receiver\":\"" + TICKETS + "\",\"timeout_ms\":200}").status())
                .as("a paused stream with work cannot drain").isEqualTo(409);
        assertThat(receiver.events()).isEmpty();
        assertThat(handle.events().deliveries("receiver=" + TICKETS + "&status=pending")).hasSize(3);
        handle.events().resume(TICKETS);
        handle.events().drain(TICKETS, Duration.ofSeconds(30));
        assertThat(received("suite_ticket", "SuiteTicket")).containsExactly(first, second, third);
    }

    @Test
    void createChangeAndCancelAuthAreDeliveriesBehindTheSchoolsChangeNotices() {
        JsonNode installed = handle.admin("POST", "/__admin/suites/" + SUITE + "/install", "{\"corpid\":\"" + CORP + "\",\"state\":\"m1\"}");
        handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"s1\",\"name\":\"S\",\"department\":[11]}");
        handle.admin("POST", "/__admin/suites/" + SUITE + "/change-auth", "{\"corpid\":\"" + CORP + "\",\"school_permission\":\"edit\"}");
        handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"s2\",\"name\":\"S\",\"department\":[11]}");
        handle.admin("POST", "/__admin/suites/" + SUITE + "/cancel-auth", "{\"corpid\":\"" + CORP + "\"}");
        // after the cancel the suite is no receiver of the school's changes any more
        handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"s3\",\"name\":\"S\",\"department\":[11]}");
        handle.events().drain(SCHOOL_STREAM, Duration.ofSeconds(30));

        assertThat(receiver.events()).extracting(e -> e.infoType() + (e.id() == null ? "" : " " + e.id()))
                .containsExactly("create_auth", "change_school_contact s1", "change_auth", "change_school_contact s2", "cancel_auth");
        assertThat(receiver.events().get(0).fields()).containsEntry("AuthCode", installed.get("auth_code").asText()).containsEntry("State", "m1");
        assertThat(receiver.events().get(4).fields()).containsEntry("AuthCorpId", CORP);
        List<EventControls.Delivery> log = handle.events().deliveriesInOrder("receiver=" + SCHOOL_STREAM);
        assertThat(log).extracting(EventControls.Delivery::changeType)
                .containsExactly("create_auth", "create_student", "change_auth", "create_student", "cancel_auth");
        assertThat(log).allSatisfy(d -> assertThat(d.status()).isEqualTo("delivered"));
        assertThat(handle.events().deliveries("change_type=cancel_auth&corpid=" + CORP)).hasSize(1);
    }

    @Test
    void theInstallPagesPathPushesNoCreateAuth() {
        // spec 2.5: installs started on the provider's site redirect with the auth code instead
        String token = suiteToken();
        String pre = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/service/get_pre_auth_code?suite_access_token=" + token, null)
                .body().get("pre_auth_code").asText();
        SchoolContactsHandle.Answer page = SchoolContactsHandle.send("GET", handle.baseUrl() + "/3rdapp/install?suite_id=" + SUITE
                + "&pre_auth_code=" + pre + "&redirect_uri=http%3A%2F%2Fapp.example%2Fback&corpid=" + CORP, null);
        assertThat(page.status()).isEqualTo(302);
        handle.events().drain(SCHOOL_STREAM, Duration.ofSeconds(30));
        assertThat(handle.events().deliveries("change_type=create_auth")).isEmpty();
    }

    private String suiteToken() {
        String ticket = pushTicket();
        return SchoolContactsHandle.send("POST", handle.baseUrl() + "/cgi-bin/service/get_suite_token",
                "{\"suite_id\":\"" + SUITE + "\",\"suite_secret\":\"suite-secret-0001\",\"suite_ticket\":\"" + ticket + "\"}")
                .body().get("suite_access_token").asText();
    }

    @Test
    void aTicketToAnUnreachableSuiteIsTriedFourTimesWithTheIdenticalRequestThenFails() {
        handle.events().tune(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20));
        receiver.close();
        pushTicket();
        EventControls.Drained drained = handle.events().drain(TICKETS, Duration.ofSeconds(30));
        assertThat(drained.failed()).isEqualTo(1);
        EventControls.Delivery d = handle.events().deliveries("receiver=" + TICKETS + "&status=failed").get(0);
        assertThat(d.attempts()).hasSize(4).allSatisfy(a -> {
            assertThat(a.httpStatus()).isNull();
            assertThat(a.error()).startsWith("connection failed");
        });
    }

    @Test
    void anAuthNoticeGetsOneSecondToBeAnswered() throws Exception {
        handle.events().tune(Duration.ofSeconds(5), Duration.ofMillis(20));
        receiver.holdAnswers();
        try {
            handle.admin("POST", "/__admin/suites/" + SUITE + "/install", "{\"corpid\":\"" + CORP + "\"}");
            handle.events().drain(SCHOOL_STREAM, Duration.ofSeconds(30));
        } finally {
            receiver.releaseAnswers();
        }
        EventControls.Delivery d = handle.events().deliveries("change_type=create_auth").get(0);
        assertThat(d.status()).isEqualTo("failed");
        assertThat(d.attempts()).hasSize(2).allSatisfy(a -> assertThat(a.error()).isEqualTo("timeout after 1000 ms"));
    }

    @Test
    void aFailedTicketCanBeRetriedAtTheEndOfItsStream() {
        receiver.answerWith(500, "busy");
        String ticket = pushTicket();
        handle.events().drain(TICKETS, Duration.ofSeconds(30));
        EventControls.Delivery d = handle.events().deliveries("receiver=" + TICKETS + "&status=receiver_error").get(0);
        receiver.answerWith(200, "success");
        receiver.clear();
        handle.events().retry(d.id());
        handle.events().drain(TICKETS, Duration.ofSeconds(30));
        assertThat(handle.events().delivery(d.id()).status()).isEqualTo("delivered");
        assertThat(received("suite_ticket", "SuiteTicket")).containsExactly(ticket);
    }
}
