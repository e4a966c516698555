package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** Every admin endpoint checks its body and answers 400 naming the field; a refused call changes nothing. */
@SchoolContactsServer
class AdminValidationHttpTest {
    private static final String LIST = "/cgi-bin/school/department/list";

    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    private SchoolContactsHandle.Answer send(String method, String path, String body) {
        return SchoolContactsHandle.send(method, handle.baseUrl() + path, body);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> field {3}")
    @CsvSource(delimiter = '|', value = {
        "POST | /__admin/faults | {\"path\":\"/cgi-bin/school/department/list\",\"errcode\":\"abc\"} | errcode",
        "POST | /__admin/faults | {\"path\":\"/cgi-bin/school/department/list\",\"errcode\":-1,\"probability\":2} | probability",
        "POST | /__admin/faults | {\"path\":\"/cgi-bin/school/department/list\",\"errcode\":-1,\"times\":-3} | times",
        "POST | /__admin/faults | {\"path\":\"/cgi-bin/school/department/list\"} | errcode",
        "POST | /__admin/faults | {\"path\":\"/cgi-bin/school/department/list\",\"errcode\":0} | errcode",
        "POST | /__admin/faults | {\"path\":\"/cgi-bin/school/department/list\",\"delay_ms\":-5} | delay_ms",
        "POST | /__admin/faults | {\"path\":\"/cgi-bin/school/department/list\",\"errcode\":-1,\"tims\":1} | tims",
        "POST | /__admin/faults | {\"errcode\":-1} | path",
        "POST | /__admin/faults | {\"path\":\"cgi-bin\",\"errcode\":-1} | path",
        "POST | /__admin/faults | {\"path\":\"/x\",\"errmsg\":\"boom\",\"delay_ms\":5} | errmsg",
        "POST | /__admin/faults | [1,2] | ''",
        "POST | /__admin/clock | {\"advance_seconds\":-1} | advance_seconds",
        "POST | /__admin/clock | {\"advance_seconds\":\"60\"} | advance_seconds",
        "POST | /__admin/clock | {} | advance_seconds",
        "POST | /__admin/clock | {\"reset\":true,\"advance_seconds\":5} | reset",
        "POST | /__admin/rate-limits | {\"enabled\":\"yes\"} | enabled",
        "POST | /__admin/rate-limits | {\"enabled\":true,\"corp_per_minute\":0} | corp_per_minute",
        "POST | /__admin/rate-limits | {\"enabled\":true,\"per_minute\":5} | per_minute",
        "POST | /__admin/tokens/revoke | {} | corpid",
        "POST | /__admin/parents/subscription | {\"corpid\":\"wwschool00000001\",\"parent_userid\":\"p0001\",\"is_subscribe\":2} | is_subscribe",
        "POST | /__admin/classes/group-chat | {\"corpid\":\"wwschool00000001\",\"id\":\"x\",\"open_group_chat\":1} | id",
        "POST | /__admin/rename-limit | {\"corpid\":\"wwschool00000001\",\"rename_limit\":-1} | rename_limit",
        "POST | /__admin/reset | {\"keep\":\"journal\"} | keep",
        "DELETE | /__admin/faults | {\"id\":\"f1\"} | id",
        "GET | /__admin/requests?limit=abc | | limit",
        "GET | /__admin/requests?errcode=x | | errcode",
    })
    void aBadBodyIsAnswered400NamingTheField(String method, String path, String body, String field) {
        SchoolContactsHandle.Answer a = send(method, path, body == null ? null : body);
        assertThat(a.status()).as(a.raw()).isEqualTo(400);
        assertThat(a.body().get("field").asText()).as(a.raw()).isEqualTo(field);
        assertThat(a.body().get("error").asText()).isNotBlank();
    }

    @Test
    void aRefusedFaultAddsNoRule() {
        send("POST", "/__admin/faults", "{\"path\":\"" + LIST + "\",\"errcode\":\"abc\"}");
        assertThat(handle.admin("GET", "/__admin/faults", null).get("faults")).isEmpty();
        assertThat(handle.editor().get(LIST).get("errcode").asInt()).isZero();
    }

    @Test
    void oneFaultRuleCanBeReadByItsId() {
        String id = handle.admin("POST", "/__admin/faults", "{\"path\":\"" + LIST + "\",\"errcode\":60003,\"times\":1}").get("id").asText();
        handle.editor().get(LIST);
        JsonNode rule = handle.admin("GET", "/__admin/faults/" + id, null);
        assertThat(rule.get("id").asText()).isEqualTo(id);
        assertThat(rule.get("errcode").asInt()).isEqualTo(60003);
        assertThat(rule.get("fired").asInt()).isEqualTo(1);
        assertThat(send("GET", "/__admin/faults/nope", null).status()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNotJsonIsNamedAsTheBody() {
        SchoolContactsHandle.Answer a = send("POST", "/__admin/faults", "{not json");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().get("field").asText()).isEmpty();
    }
}
