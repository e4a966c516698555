package org.schoolcontacts.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.EventControls;
import org.schoolcontacts.junit5.EventControls.Delivery;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * The console's change-event deliveries pages over HTTP: the /__admin access rule, the plaintext shown
 * and nothing secret (no callback token, EncodingAESKey, sealed query or ciphertext, app secret or
 * access token) in any of its pages, and the pause, resume, drain and retry forms doing what the admin
 * API does — refused when posted from another site.
 */
@SchoolContactsServer(adminToken = "events-admin-token")
class DeliveryConsoleHttpTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String CORP = "wwschool00000001";
    private static final String STREAM = "app:" + CORP + ":1000001";
    private static final String TOKEN = "CallbackTok42";
    private static final String KEY = "Zyxwvutsrqponmlkjihgfedcba9876543210ABCDEFG";
    private static final String AUTH = "Bearer events-admin-token";

    SchoolContactsHandle school;
    private EventControls events;
    private EventReceiver receiver;

    @BeforeEach
    void receiver() {
        school.reset();
        events = school.events();
        events.tune(Duration.ofMillis(400), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80));
        receiver = EventReceiver.start(TOKEN, KEY, CORP);
        events.configureCallback(CORP, 1000001, receiver);
    }

    @AfterEach
    void stop() {
        receiver.close();
        events.untune();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(school.baseUrl() + path)).GET();
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page(String path) throws Exception {
        HttpResponse<String> r = get(path, "Authorization", AUTH);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> post(String path, String form, String... headers) throws Exception {
        return postAs(AUTH, path, form, headers);
    }

    private HttpResponse<String> postAs(String authorization, String path, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(school.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void createStudent(String id, String name) {
        assertThat(school.editor().post("/cgi-bin/school/user/create_student",
                "{\"student_userid\":\"" + id + "\",\"name\":\"" + name + "\",\"department\":[11]}").path("errcode").asInt()).isZero();
    }

    @Test
    void theDeliveriesPagesFollowTheAdminRuleAndAreInTheNavigation() throws Exception {
        assertThat(get("/__console/events").statusCode()).isEqualTo(401);
        createStudent("s0100", "N");
        events.drain();
        String id = events.deliveries().get(0).id();
        assertThat(get("/__console/events/" + id).statusCode()).isEqualTo(401);
        assertThat(postAs("Bearer wrong", "/__console/events/pause", "").statusCode()).isEqualTo(401);
        assertThat(school.admin("POST", "/__admin/events/resume", "{}").path("paused")).isEmpty();

        assertThat(page("/__console")).contains("<a href=\"/__console/events\">Events</a>");
        assertThat(page("/__console/events")).contains("<a href=\"/__console/events\" aria-current=\"page\">Events</a>");
    }

    @Test
    void aDeliveredEventShowsItsPlaintextAndAttemptsButNoSecretOrCiphertext() throws Exception {
        String accessToken = school.token(school.editSecret());
        createStudent("s0101", "韩梅梅");
        assertThat(events.drain().delivered()).isEqualTo(1);
        assertThat(receiver.summaries()).containsExactly("create_student s0101");
        Delivery d = events.deliveries().get(0);
        String ciphertext = d.body().replaceAll("(?s).*<Encrypt><!\\[CDATA\\[(.*?)]]>.*", "$1");
        String signature = d.query().replaceAll(".*msg_signature=([^&]*).*", "$1");
        assertThat(ciphertext).hasSizeGreaterThan(40);

        String list = page("/__console/events");
        String one = page("/__console/events/" + d.id());
        String filtered = page("/__console/events?receiver=" + STREAM + "&status=delivered");
        for (String html : new String[] {list, one, filtered}) {
            assertThat(html).contains("&lt;ChangeType&gt;&lt;![CDATA[create_student]]&gt;&lt;/ChangeType&gt;")
                    .contains("&lt;Id&gt;&lt;![CDATA[s0101]]&gt;&lt;/Id&gt;").contains(STREAM).contains("delivered")
                    .doesNotContain(TOKEN).doesNotContain(KEY).doesNotContain(ciphertext).doesNotContain(signature)
                    .doesNotContain(accessToken).doesNotContain(school.editSecret()).doesNotContain(school.readSecret())
                    .doesNotContain("events-admin-token");
        }
        // the receiver stream with its URL and counts; the attempt with the receiver's answer
        assertThat(list).contains(receiver.url()).contains("?receiver=" + "app%3A" + CORP + "%3A1000001" + "&amp;status=delivered\">1</a>");
        assertThat(one).contains("<td>200</td>").contains("create_student s0101");
    }

    @Test
    void aPausedPrefixIsListedWithAResumeFormThatForgetsIt() throws Exception {
        String prefix = "app:" + CORP + ":";
        school.admin("POST", "/__admin/events/pause", "{\"receiver\":\"" + prefix + "\"}");
        String list = page("/__console/events");
        assertThat(list).contains("Paused receiver prefixes").contains("<code>" + prefix + "</code>")
                .contains("aria-label=\"Resume receivers starting with " + prefix + "\"");

        assertThat(post("/__console/events/resume", "receiver=" + prefix).statusCode()).isEqualTo(303);
        assertThat(page("/__console/events")).doesNotContain("Paused receiver prefixes");
        assertThat(school.admin("POST", "/__admin/events/resume", "{\"receiver\":\"nothing:\"}").path("paused_prefixes")).isEmpty();
        createStudent("s0104", "P");
        events.drain();
        assertThat(receiver.summaries()).containsExactly("create_student s0104");
    }

    @Test
    void pauseResumeAndDrainFormsDoWhatTheAdminApiDoes() throws Exception {
        HttpResponse<String> paused = post("/__console/events/pause", "receiver=" + STREAM);
        assertThat(paused.statusCode()).isEqualTo(303);
        // pausing a receiver that matches no stream changes nothing and answers what is paused now
        assertThat(school.admin("POST", "/__admin/events/pause", "{\"receiver\":\"nothing:\"}").path("paused").toString()).contains(STREAM);
        createStudent("s0102", "N");
        String list = page("/__console/events");
        assertThat(list).contains("paused").contains("aria-label=\"Resume " + STREAM + "\"").contains("pending");
        // draining a paused receiver with queued work says so at once
        assertThat(post("/__console/events/drain", "receiver=" + STREAM).body()).contains("Not drained: 1 still queued for a paused receiver");
        assertThat(receiver.events()).isEmpty();

        assertThat(post("/__console/events/resume", "receiver=" + STREAM).statusCode()).isEqualTo(303);
        String drained = post("/__console/events/drain", "").body();
        assertThat(drained).contains("Drained every receiver: nothing is queued. In the log: 1 delivered");
        assertThat(receiver.summaries()).containsExactly("create_student s0102");

        assertThat(post("/__console/events/pause", "").statusCode()).isEqualTo(303);
        assertThat(page("/__console/events")).contains("Delivery is paused for every receiver").contains("Resume all receivers");
        assertThat(post("/__console/events/resume", "").statusCode()).isEqualTo(303);
        assertThat(school.admin("POST", "/__admin/events/resume", "{\"receiver\":\"nothing:\"}").path("paused")).isEmpty();
    }

    @Test
    void aDeliveryTheReceiverRefusedCanBeRetriedFromItsPage() throws Exception {
        receiver.answerWith(500, "busy, try later");
        createStudent("s0103", "N");
        events.drain();
        Delivery refused = events.deliveries().get(0);
        assertThat(refused.status()).isEqualTo("receiver_error");
        String one = page("/__console/events/" + refused.id());
        assertThat(one).contains("receiver_error").contains("busy, try later").contains("Retry this delivery");
        assertThat(page("/__console/events")).contains("HTTP 500: busy, try later").contains("aria-label=\"Retry create_student s0103 to " + STREAM);

        receiver.answerWith(200, "");
        HttpResponse<String> retried = post("/__console/events/" + refused.id() + "/retry", "");
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(retried.headers().firstValue("Location").orElseThrow()).isEqualTo("/__console/events/" + refused.id());
        events.drain();
        assertThat(events.delivery(refused.id()).status()).isEqualTo("delivered");
        // a delivered one is not retried again: the page says why
        assertThat(post("/__console/events/" + refused.id() + "/retry", "").body()).contains("this one is delivered");
        assertThat(post("/__console/events/nope/retry", "").statusCode()).isEqualTo(404);
    }

    @Test
    void aControlPostedFromAnotherSiteIsRefusedAndPausesNothing() throws Exception {
        HttpResponse<String> r = post("/__console/events/pause", "", "Origin", "http://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(school.admin("POST", "/__admin/events/resume", "{\"receiver\":\"nothing:\"}").path("paused")).isEmpty();
    }

    @Test
    void aReceiversAnswerIsTextNotMarkup() throws Exception {
        receiver.answerWith(502, "<script>alert(1)</script>");
        createStudent("s0104", "N");
        events.drain();
        String id = events.deliveries().get(0).id();
        for (String html : new String[] {page("/__console/events"), page("/__console/events/" + id)}) {
            assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }
}
