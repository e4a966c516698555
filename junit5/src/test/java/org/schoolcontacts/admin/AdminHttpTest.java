package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** The /__admin surface of running.md. */
@SchoolContactsServer
class AdminHttpTest {
    private static final String LIST = "/cgi-bin/school/department/list";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
        handle.resetClock();
        handle.admin("DELETE", "/__admin/faults", null);
        handle.admin("DELETE", "/__admin/requests", null);
        handle.admin("POST", "/__admin/rate-limits", "{\"enabled\":false}");
    }

    @Test
    void healthAnswersOk() {
        assertThat(handle.admin("GET", "/__admin/health", null).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void resetDeletesChangesAndAppliesTheSeedAgain() {
        JsonNode created = handle.editor().post("/cgi-bin/school/department/create", "{\"parentid\":1,\"type\":2,\"name\":\"Temp\",\"id\":77}");
        assertThat(created.get("errcode").asInt()).isZero();
        handle.reset();
        assertThat(handle.editor().get(LIST + "?id=77").get("errcode").asInt()).isEqualTo(60003);
        assertThat(handle.editor().get(LIST + "?id=11").get("errcode").asInt()).isZero();
    }

    @Test
    void clockAdvanceMovesTokenExpiryAndResetReturnsToRealTime() {
        String t = handle.token(handle.editSecret());
        handle.advanceClock(7200);
        JsonNode expired = SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + t, null).body();
        assertThat(expired.get("errcode").asInt()).isEqualTo(42001);
        handle.resetClock();
        JsonNode again = SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + t, null).body();
        assertThat(again.get("errcode").asInt()).isZero();
    }

    @Test
    void aFaultRuleAnswersItsErrcodeForTheNextCallsThenStops() {
        JsonNode id = handle.admin("POST", "/__admin/faults", "{\"path\":\"" + LIST + "\",\"errcode\":-1,\"times\":2}");
        assertThat(id.get("id").asText()).isNotEmpty();
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isEqualTo(-1);
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isEqualTo(-1);
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isZero();
        JsonNode faults = handle.admin("GET", "/__admin/faults", null).get("faults");
        assertThat(faults.get(0).get("fired").asInt()).isEqualTo(2);
    }

    @Test
    void aFaultedWriteChangesNothing() {
        handle.admin("POST", "/__admin/faults", "{\"path\":\"/cgi-bin/school/department/*\",\"errcode\":45009,\"times\":1}");
        JsonNode r = handle.editor().post("/cgi-bin/school/department/create", "{\"parentid\":1,\"type\":2,\"name\":\"F\",\"id\":88}");
        assertThat(r.get("errcode").asInt()).isEqualTo(45009);
        assertThat(handle.editor().get(LIST + "?id=88").get("errcode").asInt()).isEqualTo(60003);
    }

    @Test
    void aFaultMayBeLimitedToOneApp() {
        handle.admin("POST", "/__admin/faults", "{\"path\":\"" + LIST + "\",\"agentid\":1000002,\"errcode\":-1}");
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isZero();
        assertThat(handle.reader().get(LIST).get("errcode").asInt()).isEqualTo(-1);
    }

    @Test
    void aDroppedConnectionReachesTheClientAsAnIoFailure() {
        handle.admin("POST", "/__admin/faults", "{\"path\":\"" + LIST + "\",\"drop_connection\":true,\"times\":1}");
        // POST: java.net.http silently retries an idempotent GET once on a dropped connection
        assertThatThrownBy(() -> handle.editor().post(LIST, "{}")).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isZero();
    }

    @Test
    void faultRulesCanBeDeletedOneByOne() {
        String id = handle.admin("POST", "/__admin/faults", "{\"path\":\"" + LIST + "\",\"errcode\":-1}").get("id").asText();
        handle.admin("DELETE", "/__admin/faults/" + id, null);
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isZero();
        assertThat(handle.admin("GET", "/__admin/faults", null).get("faults").size()).isZero();
    }

    @Test
    void theRequestJournalListsCallsNewestFirstWithTokensMasked() {
        handle.gettoken(handle.editSecret());
        handle.editor().get(LIST + "?id=11");
        handle.editor().get(LIST + "?id=424242");
        JsonNode requests = handle.admin("GET", "/__admin/requests?limit=10", null).get("requests");
        assertThat(requests.size()).isGreaterThanOrEqualTo(3);
        assertThat(requests.get(0).get("errcode").asInt()).isEqualTo(60003);
        assertThat(requests.get(0).get("path").asText()).contains("id=424242").contains("access_token=***");
        assertThat(requests.toString()).doesNotContain(handle.token(handle.editSecret())).doesNotContain("edit-secret-0001");
        JsonNode failures = handle.admin("GET", "/__admin/requests?errcode=60003", null).get("requests");
        assertThat(failures.size()).isEqualTo(1);
        assertThat(failures.get(0).get("corpid").asText()).isEqualTo(handle.corpId());
    }

    @Test
    void rateLimitsWhenSwitchedOnAnswer45009PastTheLimit() {
        handle.admin("POST", "/__admin/rate-limits", "{\"enabled\":true,\"corp_per_minute\":3}");
        for (int i = 0; i < 3; i++) assertThat(handle.editor().get(LIST).get("errcode").asInt()).isZero();
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isEqualTo(45009);
        // a minute-level block lasts 60 s of server time
        handle.advanceClock(61);
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isZero();
        handle.admin("POST", "/__admin/rate-limits", "{\"enabled\":false}");
    }

    @Test
    void revokingTokensMakesThemAnswer40014() {
        String t = handle.token(handle.editSecret());
        handle.admin("POST", "/__admin/tokens/revoke", "{\"corpid\":\"" + handle.corpId() + "\"}");
        JsonNode r = SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + t, null).body();
        assertThat(r.get("errcode").asInt()).isEqualTo(40014);
    }

    @Test
    void aParentsSubscriptionSetByAdminShowsInGet() {
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + handle.corpId()
                + "\",\"parent_userid\":\"P0001\",\"is_subscribe\":1,\"external_userid\":\"wmEXT01\"}");
        JsonNode parent = handle.editor().get("/cgi-bin/school/user/get?userid=p0001").get("parent");
        assertThat(parent.get("is_subscribe").asInt()).isEqualTo(1);
        assertThat(parent.get("external_userid").asText()).isEqualTo("wmEXT01");
    }

    @Test
    void aClassGroupChatSetByAdminShowsInTheDepartmentList() {
        handle.admin("POST", "/__admin/classes/group-chat", "{\"corpid\":\"" + handle.corpId()
                + "\",\"id\":11,\"open_group_chat\":1,\"group_chat_id\":\"wrCHAT\"}");
        JsonNode cls = handle.editor().get(LIST + "?id=11").get("departments").get(0);
        assertThat(cls.get("open_group_chat").asInt()).isEqualTo(1);
        assertThat(cls.get("group_chat_id").asText()).isEqualTo("wrCHAT");
        var notAClass = SchoolContactsHandle.send("POST", handle.baseUrl() + "/__admin/classes/group-chat",
                "{\"corpid\":\"" + handle.corpId() + "\",\"id\":10,\"open_group_chat\":1}");
        assertThat(notAClass.status()).isEqualTo(404);
    }

    private int rename(String from, String to) {
        return handle.editor().post("/cgi-bin/school/user/update_student",
                "{\"student_userid\":\"" + from + "\",\"new_student_userid\":\"" + to + "\"}").get("errcode").asInt();
    }

    @Test
    void byDefaultAStudentMayChangeItsUseridOnce() {
        assertThat(rename("s0001", "first")).isZero();
        assertThat(rename("first", "second")).isEqualTo(301036);
    }

    @Test
    void aRenameLimitOfZeroLiftsTheOnceOnlyRuleForStudentsAndParents() {
        handle.admin("POST", "/__admin/rename-limit", "{\"corpid\":\"" + handle.corpId() + "\",\"rename_limit\":0}");
        assertThat(rename("s0001", "first")).isZero();
        assertThat(rename("first", "second")).isZero();
        assertThat(rename("second", "third")).isZero();
        JsonNode parent = handle.editor().post("/cgi-bin/school/user/update_parent", "{\"parent_userid\":\"p0001\",\"new_parent_userid\":\"pa\"}");
        assertThat(parent.get("errcode").asInt()).isZero();
        parent = handle.editor().post("/cgi-bin/school/user/update_parent", "{\"parent_userid\":\"pa\",\"new_parent_userid\":\"pb\"}");
        assertThat(parent.get("errcode").asInt()).isZero();
        // the links followed every rename
        JsonNode student = handle.editor().get("/cgi-bin/school/user/get?userid=third").get("student");
        assertThat(student.get("parents").get(0).get("parent_userid").asText()).isEqualTo("pb");
    }

    @Test
    void aRenameLimitOfTwoAllowsExactlyTwoChanges() {
        handle.admin("POST", "/__admin/rename-limit", "{\"corpid\":\"" + handle.corpId() + "\",\"rename_limit\":2}");
        assertThat(rename("s0001", "first")).isZero();
        assertThat(rename("first", "second")).isZero();
        assertThat(rename("second", "third")).isEqualTo(301036);
    }

    @Test
    void resetRestoresTheDefaultRenameLimit() {
        handle.admin("POST", "/__admin/rename-limit", "{\"corpid\":\"" + handle.corpId() + "\",\"rename_limit\":0}");
        handle.reset();
        assertThat(rename("s0001", "first")).isZero();
        assertThat(rename("first", "second")).isEqualTo(301036);
    }

    @Test
    void theJournalKeepsOnlyTheStartOfALargeBody() {
        String big = "{\"students\":[],\"pad\":\"" + "x".repeat(100_000) + "\"}";
        handle.editor().post("/cgi-bin/school/user/batch_update_student", big);
        JsonNode entry = handle.admin("GET", "/__admin/requests?path=/cgi-bin/school/user/batch_update_student&limit=1", null)
                .get("requests").get(0);
        assertThat(entry.get("body").asText()).startsWith("{\"students\":[]").contains("more characters)");
        assertThat(entry.get("body").asText().length()).isLessThan(20_000);
    }
}
