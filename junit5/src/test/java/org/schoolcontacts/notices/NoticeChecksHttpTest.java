package org.schoolcontacts.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.notices.NoticeSchool.PARENT_APP;
import static org.schoolcontacts.notices.NoticeSchool.errcode;
import static org.schoolcontacts.notices.NoticeSchool.send;
import static org.schoolcontacts.notices.NoticeSchool.strings;
import static org.schoolcontacts.notices.NoticeSchool.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** message/send's checks of spec 4.2 in their order, each at its edge; a refused request stores nothing. */
@SchoolContactsServer(seed = NoticeSchool.SEED)
class NoticeChecksHttpTest {
    SchoolContactsHandle h;

    @BeforeEach
    void fresh(SchoolContactsHandle handle) {
        h = handle;
        h.reset();
    }

    private static final String TO_CLASS = "\"to_party\":[21]";

    private int sendAs(String secret, long agentid) {
        return errcode(send(h, secret, "{\"msgtype\":\"text\",\"agentid\":" + agentid + ",\"text\":{\"content\":\"hi\"}," + TO_CLASS + "}"));
    }

    @ParameterizedTest(name = "{0} ({1}) may send: {2}")
    @CsvSource({
        "notice-parent-app, 5000001, 0",     // self-built parent_app: in the list by default
        "notice-editor, 5000002, 0",         // edit app with parent_app: true
        "notice-edit-only, 5000003, 48002",  // a contacts app without parent_app (read: one editor per school, spec 3.1)
        "notice-none-parent, 5000004, 0",    // parent_app: true whatever school_contacts
        "notice-agency, 5000005, 0",         // agency apps are in the list by default
        "notice-agency-off, 5000006, 48002", // ... unless parent_app: false
        "notice-third, 5000007, 0",          // third-party with a school permission
        "notice-third-none, 5000008, 48002", // third-party without one
    })
    void onlyAppsInTheParentAppListMaySend(String secret, long agentid, int expected) {
        assertThat(sendAs(secret, agentid)).isEqualTo(expected);
    }

    @Test
    void theTokenIsCheckedFirst() {
        String url = h.baseUrl() + NoticeSchool.SEND;
        // a body that would fail the later checks (41011): the token's errcode comes first
        String body = "{\"msgtype\":\"nonsense\"}";
        assertThat(errcode(SchoolContactsHandle.send("POST", url, body).body())).isEqualTo(41001);
        assertThat(errcode(SchoolContactsHandle.send("POST", url + "?access_token=not-a-token", body).body())).isEqualTo(40014);
        String token = h.token(PARENT_APP);
        h.advanceClock(7201);
        try {
            assertThat(errcode(SchoolContactsHandle.send("POST", url + "?access_token=" + token, body).body())).isEqualTo(42001);
        } finally {
            h.resetClock();
        }
        assertThat(h.notices()).isEmpty();
    }

    @Test
    void theSystemSecretMaySendNothing() {
        assertThat(errcode(send(h, "notice-system", text("hi", "\"to_party\":[21]")))).isEqualTo(48002);
    }

    @Test
    void permissionComesBeforeTheAgentid() {
        assertThat(errcode(send(h, "notice-edit-only", "{\"msgtype\":\"text\"}"))).isEqualTo(48002);
    }

    @Test
    void fieldsOfTheWrongJsonTypeAreAbsentWithWeComsWarning() {
        JsonNode agent = send(h, "{\"agentid\":\"abc\",\"msgtype\":\"text\"}");
        assertThat(errcode(agent)).isEqualTo(41011);
        assertThat(agent.path("errmsg").asText()).startsWith("Warning: wrong json format. ");
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"text\",\"text\":{\"content\":42},\"to_party\":[21]}"))).isEqualTo(44004);
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"image\",\"image\":\"M\",\"to_party\":[21]}"))).isEqualTo(40007);
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"news\",\"news\":{\"articles\":{}},\"to_party\":[21]}"))).isEqualTo(45008);
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":7,\"to_party\":[21]}"))).isEqualTo(40008);
        JsonNode ok = send(h, text("x", "\"to_party\":[21],\"toall\":\"yes\""));
        assertThat(errcode(ok)).isZero();
        assertThat(ok.path("errmsg").asText()).isEqualTo("ok. Warning: wrong json format. ");
        assertThat(h.lastNotice().targets().path("toall").asInt()).isZero();
    }

    @Test
    void agentidMissingIs41011AndComesBeforeTheMessage() {
        assertThat(errcode(send(h, "{\"msgtype\":\"nonsense\"," + TO_CLASS + "}"))).isEqualTo(41011);
        assertThat(errcode(send(h, "{\"agentid\":null,\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"))).isEqualTo(41011);
    }

    @Test
    void agentidOfNoAppIs40056AndAnotherAppsIs301002() {
        assertThat(sendAs(PARENT_APP, 5999999)).isEqualTo(40056);
        assertThat(sendAs(PARENT_APP, 6000001)).as("an app of another corp").isEqualTo(40056);
        assertThat(sendAs(PARENT_APP, 5000002)).isEqualTo(301002);
        assertThat(errcode(send(h, "{\"agentid\":\"5000001\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}," + TO_CLASS + "}")))
                .as("agentid as a numeric string").isZero();
    }

    @Test
    void msgtypeMissingOrUnknownIs40008() {
        assertThat(errcode(send(h, "{\"agentid\":5000001," + TO_CLASS + "}"))).isEqualTo(40008);
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"markdown\"," + TO_CLASS + "}"))).isEqualTo(40008);
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"TEXT\",\"text\":{\"content\":\"x\"}," + TO_CLASS + "}"))).isEqualTo(40008);
    }

    @Test
    void textContentEmptyIs44004AndOver2048BytesIs45002() {
        assertThat(errcode(send(h, text("", TO_CLASS)))).isEqualTo(44004);
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"text\"," + TO_CLASS + "}"))).isEqualTo(44004);
        assertThat(errcode(send(h, text("a".repeat(2048), TO_CLASS)))).isZero();
        assertThat(errcode(send(h, text("a".repeat(2049), TO_CLASS)))).isEqualTo(45002);
        // 682 three-byte characters are 2046 bytes; 683 are 2049
        assertThat(errcode(send(h, text("通".repeat(682), TO_CLASS)))).isZero();
        assertThat(errcode(send(h, text("通".repeat(683), TO_CLASS)))).isEqualTo(45002);
    }

    @ParameterizedTest(name = "{0} without media id: 40007")
    @CsvSource({"image", "voice", "file", "video"})
    void mediaWithoutMediaIdIs40007(String type) {
        String base = "{\"agentid\":5000001,\"msgtype\":\"" + type + "\"," + TO_CLASS;
        assertThat(errcode(send(h, base + "}"))).isEqualTo(40007);
        assertThat(errcode(send(h, base + ",\"" + type + "\":{\"media_id\":\"\"}}"))).isEqualTo(40007);
        assertThat(errcode(send(h, base + ",\"" + type + "\":{\"media_id\":\"MEDIA1\"}}"))).isZero();
    }

    private static String articles(String type, int n, String article) {
        StringBuilder b = new StringBuilder("{\"agentid\":5000001,\"msgtype\":\"" + type + "\"," + TO_CLASS + ",\"" + type + "\":{\"articles\":[");
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ",").append(article);
        return b.append("]}}").toString();
    }

    @ParameterizedTest(name = "{0}: 1-8 articles, else 45008")
    @CsvSource({
        "news, '{\"title\":\"T\",\"url\":\"https://school.example/a\"}'",
        "mpnews, '{\"title\":\"T\",\"thumb_media_id\":\"M\",\"content\":\"<p>c</p>\"}'",
    })
    void articleCountIsOneToEight(String type, String article) {
        assertThat(errcode(send(h, articles(type, 0, article)))).isEqualTo(45008);
        assertThat(errcode(send(h, articles(type, 1, article)))).isZero();
        assertThat(errcode(send(h, articles(type, 8, article)))).isZero();
        assertThat(errcode(send(h, articles(type, 9, article)))).isEqualTo(45008);
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"" + type + "\"," + TO_CLASS + "}"))).isEqualTo(45008);
    }

    @Test
    void articleTitleMissingIs41016AndNewsUrlMissingIs41010() {
        assertThat(errcode(send(h, articles("news", 1, "{\"url\":\"https://x\"}")))).isEqualTo(41016);
        assertThat(errcode(send(h, articles("news", 1, "{\"title\":\"T\"}")))).isEqualTo(41010);
        assertThat(errcode(send(h, articles("news", 1, "{}")))).as("title is checked first").isEqualTo(41016);
        assertThat(errcode(send(h, articles("mpnews", 1, "{\"thumb_media_id\":\"M\",\"content\":\"c\"}")))).isEqualTo(41016);
        assertThat(errcode(send(h, articles("mpnews", 1, "{\"title\":\"T\",\"content\":\"c\"}")))).isEqualTo(40007);
        assertThat(errcode(send(h, articles("mpnews", 1, "{\"title\":\"T\",\"thumb_media_id\":\"M\"}")))).isEqualTo(40058);
    }

    @Test
    void miniprogramNeedsAppidThumbAndPage() {
        String base = "{\"agentid\":5000001,\"msgtype\":\"miniprogram\"," + TO_CLASS + ",\"miniprogram\":";
        assertThat(errcode(send(h, base + "{\"appid\":\"wx1\",\"pagepath\":\"pages/a\"}}"))).isEqualTo(40007);
        assertThat(errcode(send(h, base + "{\"thumb_media_id\":\"M\",\"pagepath\":\"pages/a\"}}"))).isEqualTo(40058);
        assertThat(errcode(send(h, base + "{\"appid\":\"wx1\",\"thumb_media_id\":\"M\"}}"))).isEqualTo(40058);
        assertThat(errcode(send(h, base + "{\"appid\":\"wx1\",\"thumb_media_id\":\"M\",\"pagepath\":\"pages/a\"}}"))).isZero();
    }

    @Test
    void theMessageIsCheckedBeforeTheOtherFields() {
        assertThat(errcode(send(h, "{\"agentid\":5000001,\"msgtype\":\"text\",\"recv_scope\":7}"))).isEqualTo(44004);
    }

    @Test
    void recvScopeIsZeroToTwo() {
        assertThat(errcode(send(h, text("x", TO_CLASS + ",\"recv_scope\":-1")))).isEqualTo(40058);
        assertThat(errcode(send(h, text("x", TO_CLASS + ",\"recv_scope\":3")))).isEqualTo(40058);
        assertThat(errcode(send(h, text("x", TO_CLASS + ",\"recv_scope\":2")))).isZero();
        assertThat(errcode(send(h, text("x", TO_CLASS + ",\"recv_scope\":\"1\"")))).isZero();
    }

    @Test
    void listsHoldAtMost1000Users100Parties() {
        assertThat(errcode(send(h, text("x", "\"to_parent_userid\":" + ids("p", 1000))))).isZero();
        assertThat(errcode(send(h, text("x", "\"to_parent_userid\":" + ids("p", 1001))))).isEqualTo(40058);
        assertThat(errcode(send(h, text("x", "\"to_student_userid\":" + ids("s", 1000))))).isZero();
        assertThat(errcode(send(h, text("x", "\"to_student_userid\":" + ids("s", 1001))))).isEqualTo(40058);
        assertThat(errcode(send(h, text("x", "\"to_party\":" + ids("", 100))))).isZero();
        assertThat(errcode(send(h, text("x", "\"to_party\":" + ids("", 101))))).isEqualTo(40058);
        // not an array: a wrong JSON type, read as absent with WeCom's warning (D-90313), so nobody is named
        JsonNode notAnArray = send(h, text("x", "\"to_party\":21"));
        assertThat(errcode(notAnArray)).isEqualTo(82001);
        assertThat(notAnArray.path("errmsg").asText()).startsWith("Warning: wrong json format. ");
    }

    /** p211a followed by n-1 unknown ids (s211 for students; class 21 for parties), so the request is valid. */
    private static String ids(String prefix, int n) {
        StringBuilder b = new StringBuilder("[");
        String first = prefix.equals("p") ? "\"p211a\"" : prefix.equals("s") ? "\"s211\"" : "21";
        b.append(first);
        for (int i = 1; i < n; i++) b.append(",\"").append(prefix).append("nobody").append(i).append("\"");
        return b.append("]").toString();
    }

    @Test
    void duplicateCheckIntervalIsOneSecondToFourHours() {
        assertThat(errcode(send(h, text("x", TO_CLASS + ",\"enable_duplicate_check\":1,\"duplicate_check_interval\":0")))).isEqualTo(40058);
        assertThat(errcode(send(h, text("x", TO_CLASS + ",\"enable_duplicate_check\":1,\"duplicate_check_interval\":1")))).isZero();
        assertThat(errcode(send(h, text("y", TO_CLASS + ",\"enable_duplicate_check\":1,\"duplicate_check_interval\":14400")))).isZero();
        assertThat(errcode(send(h, text("z", TO_CLASS + ",\"enable_duplicate_check\":1,\"duplicate_check_interval\":14401")))).isEqualTo(40058);
    }

    @Test
    void noRecipientNamedIs82001() {
        assertThat(errcode(send(h, text("x", "")))).isEqualTo(82001);
        assertThat(errcode(send(h, text("x", "\"toall\":0,\"to_party\":[],\"to_student_userid\":[]")))).isEqualTo(82001);
        assertThat(errcode(send(h, text("x", "\"recv_scope\":1,\"to_parent_userid\":[\"p211a\"]"))))
                .as("recv_scope 1 ignores the parent list").isEqualTo(82001);
        assertThat(errcode(send(h, text("x", "\"toall\":true")))).isZero();
    }

    @Test
    void recipientsNamedButNoneValidIs81013WithTheInvalidLists() {
        JsonNode a = send(h, text("x", "\"to_parent_userid\":[\"nobody\",\"s211\"],\"to_student_userid\":[\"p211a\"],\"to_party\":[999,\"abc\"]"));
        assertThat(errcode(a)).isEqualTo(81013);
        assertThat(strings(a.path("invalid_parent_userid"))).containsExactly("nobody", "s211");
        assertThat(strings(a.path("invalid_student_userid"))).containsExactly("p211a");
        assertThat(strings(a.path("invalid_party"))).containsExactly("999", "abc");
        assertThat(a.path("invalid_external_user").isArray()).isTrue();
        assertThat(a.path("invalid_tag").isArray()).isTrue();
    }

    @Test
    void everyErrorAnswerCarriesTheFiveArraysAndStoresNothing() {
        for (String body : new String[] {"{}", "{\"agentid\":5000001}", text("", TO_CLASS), text("x", "")}) {
            JsonNode a = send(h, body);
            assertThat(errcode(a)).isNotZero();
            for (String f : new String[] {"invalid_external_user", "invalid_tag", "invalid_parent_userid", "invalid_student_userid", "invalid_party"}) {
                assertThat(a.path(f).isArray()).as(f + " in " + a).isTrue();
            }
        }
        assertThat(errcode(send(h, text("x", "\"to_party\":[999]")))).isEqualTo(81013);
        assertThat(h.notices()).isEmpty();
    }

    @Test
    void aPartlyInvalidRequestStillSendsAndEchoesTheInvalidIdsInRequestOrder() {
        JsonNode a = send(h, text("x", "\"to_parent_userid\":[\"zz\",\"p211a\",\"aa\"],\"to_party\":[\"21\",\"777\"]"));
        assertThat(errcode(a)).isZero();
        assertThat(a.path("errmsg").asText()).isEqualTo("ok");
        assertThat(strings(a.path("invalid_parent_userid"))).containsExactly("zz", "aa");
        assertThat(strings(a.path("invalid_student_userid"))).isEmpty();
        assertThat(strings(a.path("invalid_party"))).containsExactly("777");
        assertThat(a.has("invalid_tag")).as("success carries the three lists only").isFalse();
        assertThat(h.lastNotice().invalidParents()).containsExactly("zz", "aa");
    }
}
