package org.schoolcontacts.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.notices.NoticeSchool.SCOPED;
import static org.schoolcontacts.notices.NoticeSchool.errcode;
import static org.schoolcontacts.notices.NoticeSchool.send;
import static org.schoolcontacts.notices.NoticeSchool.strings;
import static org.schoolcontacts.notices.NoticeSchool.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.SchoolNotice;

/** Recipient expansion (spec 4.3): each row of the table, deduplication, reasons, subscriptions, the allow scope. */
@SchoolContactsServer(seed = NoticeSchool.SEED)
class NoticeExpansionHttpTest {
    SchoolContactsHandle h;

    @BeforeEach
    void fresh(SchoolContactsHandle handle) {
        h = handle;
        h.reset();
    }

    private SchoolNotice sent(String fields) {
        JsonNode a = send(h, text("Sports day", fields));
        assertThat(errcode(a)).as(a.toString()).isZero();
        return h.lastNotice();
    }

    @ParameterizedTest(name = "a parent with recv_scope {0}: {1}")
    @CsvSource({"0, p211b", "2, p211b"})
    void aParentTargetReachesTheParent(int scope, String expected) {
        SchoolNotice n = sent("\"recv_scope\":" + scope + ",\"to_parent_userid\":[\"P211B\"]");
        assertThat(n.recipientIds()).containsExactly(expected);
        assertThat(n.recipient("p211b").via()).isEqualTo("to_parent_userid:P211B");
    }

    @Test
    void aParentTargetIsIgnoredWithRecvScopeOne() {
        SchoolNotice n = sent("\"recv_scope\":1,\"to_parent_userid\":[\"p211a\",\"nobody\"],\"to_student_userid\":[\"s221\"]");
        assertThat(n.recipientIds()).containsExactly("s221");
        assertThat(n.invalidParents()).as("an ignored list is not checked").isEmpty();
    }

    @ParameterizedTest(name = "a student with recv_scope {0}: {1}")
    @CsvSource({
        "0, 'p211a,p211b'",
        "1, 's211'",
        "2, 's211,p211a,p211b'",
    })
    void aStudentTargetReachesTheStudentOrParentsOrBoth(int scope, String expected) {
        SchoolNotice n = sent("\"recv_scope\":" + scope + ",\"to_student_userid\":[\"s211\"]");
        assertThat(n.recipientIds()).containsExactly(expected.split(","));
        assertThat(n.recipients()).allMatch(r -> r.via().equals("to_student_userid:s211"));
    }

    @ParameterizedTest(name = "class 21 with recv_scope {0}: {1}")
    @CsvSource({
        "0, 'p211a,p211b,p212'",
        "1, 's211,s212'",
        "2, 's211,p211a,p211b,s212,p212'",
    })
    void aClassReachesItsStudentsParentsOrBoth(int scope, String expected) {
        SchoolNotice n = sent("\"recv_scope\":" + scope + ",\"to_party\":[\"21\"]");
        assertThat(n.recipientIds()).containsExactly(expected.split(","));
        assertThat(n.recipients()).allMatch(r -> r.via().equals("to_party:21"));
    }

    @ParameterizedTest(name = "department {0} reaches the classes under it")
    @CsvSource({
        "20, 's211,s212,s221'",                // a grade
        "30, 's211,s212,s221,s311,s312,s321'", // a stage
        "40, 's211,s212,s221,s311,s312,s321'", // a campus
        "1,  's211,s212,s221,s311,s312,s321'", // the school
    })
    void higherDepartmentsExpandToTheirClasses(long party, String expected) {
        SchoolNotice n = sent("\"recv_scope\":1,\"to_party\":[" + party + "]");
        assertThat(n.recipientIds()).containsExactly(expected.split(","));
    }

    @ParameterizedTest(name = "toall with recv_scope {0}")
    @CsvSource({
        "0, 'p211a,p211b,p212,p221,p311,p312'",
        "1, 's211,s212,s221,s311,s312,s321'",
        "2, 's211,p211a,p211b,s212,p212,s221,p221,s311,p311,s312,p312,s321'",
    })
    void toallReachesTheWholeSchool(int scope, String expected) {
        SchoolNotice n = sent("\"recv_scope\":" + scope + ",\"toall\":1");
        assertThat(n.recipientIds()).containsExactly(expected.split(","));
        assertThat(n.recipients()).allMatch(r -> r.via().equals("toall"));
    }

    @Test
    void aRecipientReachedTwiceIsListedOnceWithTheFirstReason() {
        // p212 is a parent of s212 (class 21) and of s311 (class 31), and named directly
        SchoolNotice n = sent("\"to_parent_userid\":[\"p212\"],\"to_student_userid\":[\"s311\"],\"to_party\":[21,31,21],\"toall\":1");
        assertThat(n.recipientIds()).containsExactly("p212", "p311", "p211a", "p211b", "p312", "p221");
        assertThat(n.recipientIds()).doesNotHaveDuplicates();
        assertThat(n.recipient("p212").via()).isEqualTo("to_parent_userid:p212");
        assertThat(n.recipient("p311").via()).isEqualTo("to_student_userid:s311");
        assertThat(n.recipient("p211a").via()).isEqualTo("to_party:21");
        assertThat(n.recipient("p312").via()).isEqualTo("to_party:31");
        assertThat(n.recipient("p221").via()).isEqualTo("toall");
    }

    @Test
    void unsubscribedParentsAreRecipientsButNotDelivered() {
        SchoolNotice n = sent("\"recv_scope\":2,\"to_student_userid\":[\"s211\"]");
        assertThat(n.recipient("p211a").delivered()).isTrue();
        assertThat(n.recipient("p211a").subscribed()).isTrue();
        assertThat(n.recipient("p211b").delivered()).isFalse();
        assertThat(n.recipient("p211b").subscribed()).isFalse();
        assertThat(n.recipient("s211").delivered()).as("students always").isTrue();
        assertThat(n.deliveredTo()).containsExactly("s211", "p211a");
    }

    @Test
    void subscribingThroughTheAdminControlDeliversTheNextNotice() {
        h.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"wwnotices0000001\",\"parent_userid\":\"p211b\",\"is_subscribe\":1}");
        assertThat(sent("\"to_parent_userid\":[\"p211b\"]").deliveredTo()).containsExactly("p211b");
        h.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"wwnotices0000001\",\"parent_userid\":\"p211a\",\"is_subscribe\":0}");
        assertThat(sent("\"to_parent_userid\":[\"p211a\"]").deliveredTo()).isEmpty();
    }

    @Test
    void theParentsOfAClassGetTheTextAndOnlyThey() {
        sent("\"to_party\":[31]");
        for (String parent : List.of("p212", "p311", "p312")) {
            assertThat(h.inbox(parent)).extracting(n -> n.text()).as(parent).containsExactly("Sports day");
        }
        for (String other : List.of("p211a", "p211b", "p221", "s311")) {
            assertThat(h.inbox(other)).as(other).isEmpty();
        }
    }

    @Test
    void idsOfTheWrongKindAreInvalid() {
        JsonNode a = send(h, text("x", "\"to_parent_userid\":[\"s211\",\"p221\"],\"to_student_userid\":[\"p211a\",\"s221\"],\"to_party\":[\"x1\"]"));
        assertThat(errcode(a)).isZero();
        assertThat(strings(a.path("invalid_parent_userid"))).containsExactly("s211");
        assertThat(strings(a.path("invalid_student_userid"))).containsExactly("p211a");
        assertThat(strings(a.path("invalid_party"))).containsExactly("x1");
    }

    @Test
    void anotherSchoolsPeopleAreInvalid() {
        JsonNode a = send(h, text("x", "\"to_parent_userid\":[\"xp1\",\"p221\"],\"to_student_userid\":[\"x1\"]"));
        assertThat(strings(a.path("invalid_parent_userid"))).containsExactly("xp1");
        assertThat(strings(a.path("invalid_student_userid"))).containsExactly("x1");
    }

    // --- allow scope: app 5000009 may reach grade 20 (classes 21, 22) and student s311 ---

    private JsonNode scoped(String fields) {
        return send(h, SCOPED, "{\"msgtype\":\"text\",\"agentid\":5000009,\"text\":{\"content\":\"x\"}," + fields + "}");
    }

    @Test
    void peopleOutsideTheAllowScopeAreInvalid() {
        JsonNode a = scoped("\"to_parent_userid\":[\"p312\",\"p311\",\"p221\"],\"to_student_userid\":[\"s312\",\"s311\",\"s321\"]");
        assertThat(errcode(a)).isZero();
        assertThat(strings(a.path("invalid_parent_userid"))).containsExactly("p312");
        assertThat(strings(a.path("invalid_student_userid"))).containsExactly("s312", "s321");
        assertThat(h.lastNotice().recipientIds()).containsExactly("p311", "p221", "p212");
    }

    @Test
    void partiesOutsideTheScopeAreInvalidAndOverlappingOnesReachOnlyTheScope() {
        JsonNode a = scoped("\"recv_scope\":1,\"to_party\":[32,22,23,1]");
        assertThat(strings(a.path("invalid_party"))).as("class 32 shares nothing with the scope").containsExactly("32");
        // grade 23 overlaps through s311's class; the school through everything
        assertThat(h.lastNotice().recipientIds()).containsExactly("s221", "s311", "s211", "s212");
    }

    @Test
    void toallFromAScopedAppReachesOnlyItsScope() {
        assertThat(errcode(scoped("\"recv_scope\":2,\"toall\":1"))).isZero();
        assertThat(h.lastNotice().recipientIds()).containsExactly("s211", "p211a", "p211b", "s212", "p212", "s221", "p221", "s311", "p311");
    }

    @Test
    void aScopeAllInvalidIs81013() {
        assertThat(errcode(scoped("\"to_party\":[32],\"to_student_userid\":[\"s312\"]"))).isEqualTo(81013);
    }

    @Test
    void theAdminSetsTheAllowScope() {
        h.admin("PUT", "/__admin/corps/wwnotices0000001/apps/5000009/allow-scope", "{\"departments\":[31]}");
        assertThat(errcode(scoped("\"recv_scope\":1,\"toall\":1"))).isZero();
        assertThat(h.lastNotice().recipientIds()).containsExactly("s311", "s312");
        assertThat(h.admin("GET", "/__admin/corps/wwnotices0000001/apps/5000009/allow-scope", null).path("departments").toString())
                .isEqualTo("[31]");
        SchoolContactsHandle.Answer bad = SchoolContactsHandle.send("PUT", h.baseUrl() + "/__admin/corps/wwnotices0000001/apps/5000009/allow-scope",
                "{\"departments\":[999]}");
        assertThat(bad.status()).isEqualTo(400);
    }

    // --- renames ---

    @Test
    void aRenamedParentOrStudentKeepsTheirInbox() {
        sent("\"recv_scope\":2,\"to_student_userid\":[\"s221\"]");
        JsonNode r1 = h.client("notice-editor").post("/cgi-bin/school/user/update_parent", "{\"parent_userid\":\"p221\",\"new_parent_userid\":\"p221new\"}");
        JsonNode r2 = h.client("notice-editor").post("/cgi-bin/school/user/update_student", "{\"student_userid\":\"s221\",\"new_student_userid\":\"s221new\"}");
        assertThat(errcode(r1)).as(r1.toString()).isZero();
        assertThat(errcode(r2)).as(r2.toString()).isZero();
        assertThat(h.inbox("p221new")).extracting(n -> n.text()).containsExactly("Sports day");
        assertThat(h.inbox("S221NEW")).extracting(n -> n.via()).containsExactly("to_student_userid:s221");
        assertThat(h.lastNotice().recipientIds()).as("recipients keep the id they had at send time").containsExactly("s221", "p221");
        sent("\"to_parent_userid\":[\"p221new\"]");
        assertThat(h.inbox("p221new")).hasSize(2);
    }

    @Test
    void aDeletedUsersInboxIsFoundByTheIdTheyHad() {
        sent("\"recv_scope\":1,\"to_party\":[32]");
        assertThat(errcode(h.client("notice-editor").get("/cgi-bin/school/user/delete_student?userid=s321"))).isZero();
        assertThat(h.inbox("s321")).hasSize(1);
    }
}
