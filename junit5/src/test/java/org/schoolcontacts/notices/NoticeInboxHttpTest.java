package org.schoolcontacts.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.notices.NoticeSchool.errcode;
import static org.schoolcontacts.notices.NoticeSchool.send;
import static org.schoolcontacts.notices.NoticeSchool.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.InboxNotice;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolNotice;

/** The inbox's admin API (spec 5.2), the duplicate check (spec 4.4) and what reset does to notices (5.3). */
@org.schoolcontacts.junit5.SchoolContactsServer(seed = NoticeSchool.SEED)
class NoticeInboxHttpTest {
    SchoolContactsHandle h;

    @BeforeEach
    void fresh(SchoolContactsHandle handle) {
        h = handle;
        h.reset();
    }

    @Test
    void aNoticeIsStoredWithEverythingItWasSentWith() {
        JsonNode a = send(h, "{\"agentid\":5000001,\"msgtype\":\"video\",\"video\":{\"media_id\":\"MEDIA\",\"title\":\"" + "标".repeat(50)
                + "\",\"description\":null},\"recv_scope\":2,\"to_student_userid\":[\"s221\",\"ghost\"],\"to_party\":[\"32\"],\"enable_id_trans\":1}");
        assertThat(errcode(a)).isZero();
        JsonNode n = h.admin("GET", "/__admin/notices/n1", null);
        assertThat(n.path("id").asText()).isEqualTo("n1");
        assertThat(n.path("corpid").asText()).isEqualTo(NoticeSchool.CORP);
        assertThat(n.path("agentid").asLong()).isEqualTo(5000001);
        assertThat(n.path("msgtype").asText()).isEqualTo("video");
        assertThat(n.path("video").path("media_id").asText()).isEqualTo("MEDIA");
        assertThat(n.path("video").path("title").asText()).as("cut to 128 bytes: 42 characters of 3 bytes").hasSize(42);
        assertThat(n.path("video").has("description")).as("null is absent").isFalse();
        assertThat(n.path("recv_scope").asInt()).isEqualTo(2);
        assertThat(n.path("targets").path("to_student_userid").toString()).isEqualTo("[\"s221\",\"ghost\"]");
        assertThat(n.path("targets").path("to_party").toString()).isEqualTo("[\"32\"]");
        assertThat(n.path("targets").path("toall").asInt()).isZero();
        assertThat(n.path("invalid").path("student_userid").toString()).isEqualTo("[\"ghost\"]");
        assertThat(n.path("enable_id_trans").asInt()).isEqualTo(1);
        assertThat(n.has("duplicate_of")).isFalse();
        assertThat(n.path("time").asText()).endsWith("Z");
        assertThat(n.path("recipients").get(0).toString())
                .isEqualTo("{\"user_type\":\"student\",\"userid\":\"s221\",\"via\":\"to_student_userid:s221\",\"is_subscribe\":0,\"delivered\":true}");
        assertThat(n.path("recipients")).hasSize(3); // s221, p221, s321
    }

    @Test
    void theListIsNewestFirstFilteredAndWithoutRecipientsUnlessAsked() {
        send(h, text("one", "\"to_party\":[21]"));
        send(h, "notice-agency", "{\"agentid\":5000005,\"msgtype\":\"text\",\"text\":{\"content\":\"two\"},\"to_party\":[22]}");
        send(h, "notice-other-corp", "{\"agentid\":6000001,\"msgtype\":\"text\",\"text\":{\"content\":\"three\"},\"toall\":1}");
        JsonNode all = h.admin("GET", "/__admin/notices", null).path("notices");
        assertThat(all).extracting(n -> n.path("id").asText()).containsExactly("n3", "n2", "n1");
        assertThat(all.get(0).has("recipients")).isFalse();
        assertThat(h.admin("GET", "/__admin/notices?recipients=1", null).path("notices").get(0).path("recipients")).hasSize(1);
        assertThat(h.admin("GET", "/__admin/notices?corpid=wwnotices0000001", null).path("notices")).hasSize(2);
        assertThat(h.admin("GET", "/__admin/notices?agentid=5000005", null).path("notices")).extracting(n -> n.path("text").path("content").asText())
                .containsExactly("two");
        assertThat(h.admin("GET", "/__admin/notices?limit=1", null).path("notices")).hasSize(1);
        assertThat(h.admin("GET", "/__admin/notices?since=2999-01-01T00:00:00Z", null).path("notices")).isEmpty();
        assertThat(h.notices()).extracting(SchoolNotice::id).containsExactly("n3", "n2", "n1");
    }

    @Test
    void anUnknownNoticeIs404() {
        assertThat(SchoolContactsHandle.send("GET", h.baseUrl() + "/__admin/notices/n42", null).status()).isEqualTo(404);
        assertThat(SchoolContactsHandle.send("GET", h.baseUrl() + "/__admin/notices/zzz", null).status()).isEqualTo(404);
    }

    @Test
    void theInboxListsDeliveredAndUndeliveredNoticesUnlessFiltered() {
        send(h, text("first", "\"to_student_userid\":[\"s211\"]"));
        send(h, "{\"agentid\":5000001,\"msgtype\":\"image\",\"image\":{\"media_id\":\"M\"},\"to_parent_userid\":[\"p211b\"]}");
        assertThat(h.inbox("p211b")).extracting(InboxNotice::msgtype).containsExactly("image", "text");
        assertThat(h.inbox("p211b")).allMatch(n -> !n.delivered());
        JsonNode delivered = h.admin("GET", "/__admin/corps/wwnotices0000001/inbox/p211b?delivered=true", null);
        assertThat(delivered.path("notices")).isEmpty();
        assertThat(h.inbox("p211a")).singleElement().satisfies(n -> {
            assertThat(n.text()).isEqualTo("first");
            assertThat(n.via()).isEqualTo("to_student_userid:s211");
            assertThat(n.delivered()).isTrue();
            assertThat(n.agentid()).isEqualTo(5000001);
        });
        assertThat(h.inbox("nobody")).isEmpty();
        assertThat(h.inbox("wwnotices0000002", "p211a")).as("inboxes are per corp").isEmpty();
    }

    @Test
    void deleteAndResetForgetNotices() {
        send(h, text("x", "\"toall\":1"));
        h.forgetNotices();
        assertThat(h.notices()).isEmpty();
        assertThat(h.inbox("p211a")).isEmpty();
        send(h, text("y", "\"toall\":1"));
        h.reset();
        assertThat(h.notices()).isEmpty();
        send(h, text("z", "\"toall\":1"));
        assertThat(h.lastNotice().id()).as("numbering restarts after reset").isEqualTo("n1");
    }

    // --- duplicate check ---

    private static final String DUP = "\"to_party\":[21],\"enable_duplicate_check\":1,\"duplicate_check_interval\":600";

    @Test
    void theSameRequestWithinTheIntervalIsADuplicateThatReachesNobody() {
        JsonNode first = send(h, text("Trip", DUP + ",\"to_parent_userid\":[\"ghost\"]"));
        // the party as a string: not the same JSON
        assertThat(errcode(send(h, text("Trip", "\"to_parent_userid\":[\"ghost\"],\"duplicate_check_interval\":600,\"enable_duplicate_check\":1,\"to_party\":[\"21\"]")))).isZero();
        assertThat(h.notice("n2").duplicateOf()).isNull();
        JsonNode third = send(h, text("Trip", DUP + ",\"to_parent_userid\":[\"ghost\"]"));
        assertThat(errcode(third)).isZero();
        assertThat(third.path("invalid_parent_userid")).isEqualTo(first.path("invalid_parent_userid"));
        SchoolNotice dup = h.lastNotice();
        assertThat(dup.duplicateOf()).isEqualTo("n1");
        assertThat(dup.recipientIds()).isEqualTo(h.notice("n1").recipientIds());
        assertThat(dup.deliveredTo()).isEmpty();
        assertThat(h.inbox("p211a")).extracting(InboxNotice::duplicateOf).containsExactly("n1", null, null);
        assertThat(h.admin("GET", "/__admin/corps/wwnotices0000001/inbox/p211a?delivered=1", null).path("notices")).hasSize(2);
    }

    @Test
    void keyOrderAndNullsDoNotMakeARequestDifferent() {
        send(h, text("Trip", DUP));
        send(h, "{\"duplicate_check_interval\":600,\"to_party\":[21],\"text\":{\"content\":\"Trip\"},\"enable_duplicate_check\":1,"
                + "\"agentid\":5000001,\"msgtype\":\"text\",\"safe\":null}");
        assertThat(h.lastNotice().duplicateOf()).isEqualTo("n1");
    }

    @Test
    void theIntervalEndsTheDuplicateWindow() {
        send(h, text("Trip", DUP));
        h.advanceClock(599);
        send(h, text("Trip", DUP));
        assertThat(h.lastNotice().duplicateOf()).isEqualTo("n1");
        h.advanceClock(1);
        send(h, text("Trip", DUP));
        assertThat(h.lastNotice().duplicateOf()).as("600 s after the first sent one; a duplicate does not extend the window").isNull();
        assertThat(h.lastNotice().deliveredTo()).isNotEmpty();
        send(h, text("Trip", DUP));
        assertThat(h.lastNotice().duplicateOf()).isEqualTo("n3");
    }

    @Test
    void withoutTheCheckOrFromAnotherAppTheSameRequestIsSentAgain() {
        send(h, text("Trip", "\"to_party\":[21]"));
        send(h, text("Trip", "\"to_party\":[21]"));
        assertThat(h.lastNotice().duplicateOf()).isNull();
        String body = "{\"agentid\":5000005,\"msgtype\":\"text\",\"text\":{\"content\":\"Trip\"}," + DUP + "}";
        send(h, text("Trip", DUP));
        send(h, "notice-agency", body);
        assertThat(h.lastNotice().duplicateOf()).isNull();
        send(h, "notice-agency", body);
        assertThat(h.lastNotice().duplicateOf()).isEqualTo("n4");
    }
}
