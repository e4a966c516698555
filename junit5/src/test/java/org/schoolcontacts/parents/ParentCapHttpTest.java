package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.wecom.Limits;

/** The school's parent cap (spec 5.4, D-90313 65018): 20,000 parents when verified, 2,000 when not. */
@SchoolContactsServer
class ParentCapHttpTest {
    SchoolContactsHandle handle;

    @BeforeEach
    void fresh() {
        handle.reset();
    }

    /** Pretends the school already holds {@code n} parents: the counter the cap's conditional increment reads. */
    private void parentsAlreadyHeld(int n) {
        handle.server().database().writeServer(tx -> tx.update("UPDATE corps SET parent_count = ? WHERE corp_id = ?", n, handle.corpId()));
    }

    private JsonNode create(String id, String mobile) {
        return handle.editor().post("/cgi-bin/school/user/create_parent", Map.of("parent_userid", id, "mobile", mobile,
                "children", List.of(Map.of("student_userid", "s0001", "relation", "妈妈"))));
    }

    @Test
    void anUnverifiedSchoolTakesTwoThousandParentsAndRefusesTheNextWith65018() {
        SchoolContactsHandle.send("PATCH", handle.baseUrl() + "/__admin/corps/" + handle.corpId() + "/settings", "{\"verified\":false}");
        // the demo school holds one parent
        parentsAlreadyHeld(Limits.PARENT_CAP_UNVERIFIED - 1);
        assertThat(create("last", "13700000001").path("errcode").asInt()).isZero();
        JsonNode full = create("one_too_many", "13700000002");
        assertThat(full.path("errcode").asInt()).isEqualTo(65018);
        assertThat(full.path("errmsg").asText()).startsWith("parent count exceeds limit, hint: [");
        assertThat(handle.editor().get("/cgi-bin/school/user/get?userid=one_too_many").path("errcode").asInt()).isEqualTo(60111);
        // verified again, the cap is 20,000
        SchoolContactsHandle.send("PATCH", handle.baseUrl() + "/__admin/corps/" + handle.corpId() + "/settings", "{\"verified\":true}");
        assertThat(create("one_too_many", "13700000002").path("errcode").asInt()).isZero();
    }

    @Test
    void aBatchAtTheCapFailsOnlyTheItemsPastIt() {
        parentsAlreadyHeld(Limits.PARENT_CAP_VERIFIED - 1);
        JsonNode r = handle.editor().post("/cgi-bin/school/user/batch_create_parent", Map.of("parents", List.of(
                Map.of("parent_userid", "b1", "mobile", "1", "children", List.of(Map.of("student_userid", "s0001", "relation", "x"))),
                Map.of("parent_userid", "b2", "mobile", "2", "children", List.of(Map.of("student_userid", "s0001", "relation", "x"))))));
        assertThat(r.path("errcode").asInt()).isEqualTo(65018);
        assertThat(r.path("result_list").toString())
                .isEqualTo("[{\"parent_userid\":\"b2\",\"errcode\":65018,\"errmsg\":\"parent count exceeds limit\"}]");
    }
}
