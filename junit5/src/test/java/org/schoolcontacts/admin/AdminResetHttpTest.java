package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** One {@code POST /__admin/reset} returns everything to how the server started; a body keeps parts. */
@SchoolContactsServer
class AdminResetHttpTest {
    private static final String LIST = "/cgi-bin/school/department/list";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    private SchoolContactsHandle.Answer post(String path, String body) {
        return SchoolContactsHandle.send("POST", handle.baseUrl() + path, body);
    }

    private void dirtyEverything() {
        assertThat(handle.editor().post("/cgi-bin/school/department/create", "{\"parentid\":1,\"type\":2,\"name\":\"Temp\",\"id\":77}")
                .get("errcode").asInt()).isZero();
        handle.advanceClock(3600);
        handle.admin("POST", "/__admin/faults", "{\"path\":\"/cgi-bin/nowhere\",\"errcode\":-1}");
        handle.admin("POST", "/__admin/rate-limits", "{\"enabled\":true,\"corp_per_minute\":5000}");
    }

    @Test
    void oneResetCallOverHttpResetsDataTokensClockFaultsJournalAndRateLimits() {
        String token = handle.token(handle.editSecret());
        dirtyEverything();

        JsonNode answer = post("/__admin/reset", "").body();

        assertThat(answer.get("status").asText()).isEqualTo("ok");
        assertThat(answer.get("reset").toString()).contains("data", "tokens", "clock", "faults", "journal", "rate_limits");
        assertThat(handle.admin("GET", "/__admin/requests", null).get("requests")).isEmpty();
        assertThat(SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?access_token=" + token, null).body()
                .get("errcode").asInt()).isEqualTo(40014);
        assertThat(handle.admin("GET", "/__admin/clock", null).get("offset_seconds").asLong()).isZero();
        assertThat(handle.admin("GET", "/__admin/faults", null).get("faults")).isEmpty();
        JsonNode limits = handle.admin("GET", "/__admin/rate-limits", null);
        assertThat(limits.get("enabled").asBoolean()).isFalse();
        assertThat(limits.get("corp_per_minute").asInt()).isEqualTo(10_000);
        assertThat(handle.editor().get(LIST + "?id=77").get("errcode").asInt()).isEqualTo(60003);
    }

    @Test
    void aBodyMayKeepParts() {
        dirtyEverything();
        JsonNode answer = handle.admin("POST", "/__admin/reset", "{\"keep\":[\"journal\",\"faults\",\"clock\"]}");
        assertThat(answer.get("kept").toString()).contains("journal", "faults", "clock");
        assertThat(handle.admin("GET", "/__admin/faults", null).get("faults")).hasSize(1);
        assertThat(handle.admin("GET", "/__admin/clock", null).get("offset_seconds").asLong()).isGreaterThanOrEqualTo(3600);
        assertThat(handle.admin("GET", "/__admin/requests", null).get("requests")).isNotEmpty();
        assertThat(handle.admin("GET", "/__admin/rate-limits", null).get("enabled").asBoolean()).isFalse();
        assertThat(handle.editor().get(LIST + "?id=77").get("errcode").asInt()).isEqualTo(60003);
    }

    @Test
    void keepingDataKeepsTheSchoolsAndTheirTokensWhenAsked() {
        String token = handle.token(handle.editSecret());
        dirtyEverything();
        handle.resetKeeping("data", "tokens");
        JsonNode list = SchoolContactsHandle.send("GET", handle.baseUrl() + LIST + "?id=77&access_token=" + token, null).body();
        assertThat(list.get("errcode").asInt()).isZero();
        assertThat(handle.admin("GET", "/__admin/clock", null).get("offset_seconds").asLong()).isZero();
    }

    @Test
    void anUnknownPartOrFieldIsRefusedWith400AndChangesNothing() {
        dirtyEverything();
        SchoolContactsHandle.Answer unknown = post("/__admin/reset", "{\"keep\":[\"journal\",\"jornal\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("field").asText()).isEqualTo("keep[1]");
        assertThat(unknown.body().get("error").asText()).contains("jornal").contains("journal");
        SchoolContactsHandle.Answer field = post("/__admin/reset", "{\"keeep\":[]}");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.body().get("field").asText()).isEqualTo("keeep");
        SchoolContactsHandle.Answer tokensAlone = post("/__admin/reset", "{\"keep\":[\"tokens\"]}");
        assertThat(tokensAlone.status()).isEqualTo(400);
        assertThat(handle.admin("GET", "/__admin/faults", null).get("faults")).hasSize(1);
        assertThat(handle.editor().get(LIST + "?id=77").get("errcode").asInt()).isZero();
    }

    @Test
    void thePartsOfTheResetAreListed() {
        assertThat(handle.admin("GET", "/__admin/reset", null).get("parts").toString())
                .contains("tokens", "clock", "faults", "journal", "rate_limits", "data");
    }

    @Test
    void aFeatureJoinsTheResetByRegisteringItsPart() {
        java.util.concurrent.atomic.AtomicInteger cleared = new java.util.concurrent.atomic.AtomicInteger();
        handle.server().reset().register("test-part-" + System.nanoTime(), cleared::incrementAndGet);
        handle.reset();
        assertThat(cleared.get()).isEqualTo(1);
    }
}
