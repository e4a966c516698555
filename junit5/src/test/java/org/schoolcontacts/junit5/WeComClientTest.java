package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain-HTTP client of the handle: tokens appended, cached and renewed the way WxJava does it. */
@SchoolContactsServer
class WeComClientTest {
    private static final String LIST = "/cgi-bin/school/department/list";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    @Test
    void theEditorReadsAndWritesWithItsTokenAppended() {
        JsonNode created = handle.editor().post("/cgi-bin/school/department/create",
                Map.of("parentid", 1, "name", "Grade 2", "id", 20, "type", 2));
        assertThat(created.path("errcode").asInt()).isZero();
        assertThat(created.path("id").asInt()).isEqualTo(20);
        JsonNode list = handle.reader().get(LIST + "?id=20");
        assertThat(list.path("departments").findValuesAsText("name")).containsExactly("Grade 2");
    }

    @Test
    void theTokenIsFetchedOnceAndReused() {
        WeComClient editor = handle.editor();
        editor.get(LIST);
        editor.get(LIST);
        handle.editor().get(LIST);
        assertThat(handle.admin("GET", "/__admin/requests?path=/cgi-bin/gettoken", null).path("requests")).hasSize(1);
    }

    @Test
    void afterTheClockPassesExpiryTheClientFetchesANewTokenBehindTheScenes() {
        WeComClient editor = handle.editor();
        String before = editor.token();
        handle.advanceClock(7200);
        assertThat(editor.get(LIST).path("errcode").asInt()).isZero();
        assertThat(editor.token()).isNotEqualTo(before);
        // the expired token itself is still answered 42001
        assertThat(SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + before, null).body()
                .path("errcode").asInt()).isEqualTo(42001);
    }

    @Test
    void afterResetOldTokensAre40014AndClientsCarryOn() {
        String before = handle.editor().token();
        handle.reset();
        assertThat(SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + before, null).body()
                .path("errcode").asInt()).isEqualTo(40014);
        assertThat(handle.editor().get(LIST).path("errcode").asInt()).isZero();
    }

    @Test
    void resetPutsTheClockFaultsAndDataBackAsTheyStarted() {
        handle.editor().post("/cgi-bin/school/department/create", Map.of("parentid", 1, "name", "Temporary", "id", 30, "type", 2));
        handle.advanceClock(86_400);
        handle.admin("POST", "/__admin/faults", "{\"path\":\"" + LIST + "\",\"errcode\":45009}");
        handle.reset();
        assertThat(handle.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isZero();
        assertThat(handle.admin("GET", "/__admin/faults", null).path("faults")).isEmpty();
        JsonNode list = handle.reader().get(LIST);
        assertThat(list.path("errcode").asInt()).isZero();
        assertThat(list.path("departments").findValuesAsText("id")).doesNotContain("30");
    }

    @Test
    void resetClockReturnsToRealTime() {
        handle.advanceClock(100);
        handle.resetClock();
        assertThat(handle.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isZero();
    }

    @Test
    void aReadOnlyAppIsRefusedWritesWith48002() {
        JsonNode r = handle.reader().post("/cgi-bin/school/department/create", "{\"parentid\":1,\"name\":\"No\",\"type\":2}");
        assertThat(r.path("errcode").asInt()).isEqualTo(48002);
        assertThat(handle.client("none-secret-0001").get(LIST).path("errcode").asInt()).isEqualTo(48002);
    }

    @Test
    void theDemoSchoolIsSeeded() {
        List<String> ids = handle.reader().get(LIST).path("departments").findValuesAsText("id");
        assertThat(ids).contains("1", "10", "11");
        assertThat(handle.reader().get("/cgi-bin/school/user/get?userid=s0001").path("student").path("name").asText())
                .isEqualTo("Li Lei");
    }
}
