package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.parents.ParentsSchool.USER;
import static org.schoolcontacts.parents.ParentsSchool.child;
import static org.schoolcontacts.parents.ParentsSchool.errcode;
import static org.schoolcontacts.parents.ParentsSchool.parent;
import static org.schoolcontacts.parents.ParentsSchool.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** batch_create_parent, batch_update_parent, batch_delete_parent (spec 6.10-6.12, answers as 6.5.4). */
@SchoolContactsServer(seed = ParentsSchool.SEED)
class BatchParentHttpTest {
    SchoolContactsHandle handle;

    @BeforeEach
    void school() {
        ParentsSchool.reset(handle);
    }

    JsonNode post(String endpoint, Object body) {
        return handle.editor().post(USER + endpoint, body);
    }

    int status(String userid) {
        return errcode(handle.editor().get(USER + "get?userid=" + userid));
    }

    @Test
    void aBatchWithoutFailuresAnswersOkWithAnEmptyResultList() {
        JsonNode answer = post("batch_create_parent", Map.of("parents", List.of(
                parent("b1", "1", child("s1", "x")), parent("b2", "2", child("s2", "y")))));
        assertThat(answer.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"result_list\":[]}");
        assertThat(status("b1")).isZero();
        assertThat(status("b2")).isZero();
    }

    @Test
    void failedItemsAreListedInOrderAndTheFirstOneIsTheTopLevelError() {
        JsonNode answer = post("batch_create_parent", Map.of("parents", List.of(
                parent("b1", "1", child("s1", "x")),
                parent("b2", "2", child("nobody", "x")),
                parent("B1", "3", child("s1", "x")),
                parent("b3", "1", child("s1", "x")),
                parent("b4", "4", child("s2", "x")))));
        assertThat(errcode(answer)).isEqualTo(60111);
        assertThat(phrase(answer)).isEqualTo("student userid not found: nobody");
        assertThat(answer.path("result_list").toString()).isEqualTo("["
                + "{\"parent_userid\":\"b2\",\"errcode\":60111,\"errmsg\":\"student userid not found: nobody\"},"
                + "{\"parent_userid\":\"B1\",\"errcode\":40058,\"errmsg\":\"duplicate userid in request: B1\"},"
                + "{\"parent_userid\":\"b3\",\"errcode\":60137,\"errmsg\":\"parent mobile existed\"}]");
        assertThat(status("b1")).isZero();
        assertThat(status("b4")).isZero();
        assertThat(status("b3")).isEqualTo(60111);
    }

    @Test
    void aHundredItemsAreAcceptedAHundredAndOneRefuseTheWholeRequestWith65011() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) items.add(parent("h" + i, String.valueOf(1000 + i), child("s1", "x")));
        JsonNode refused = post("batch_create_parent", Map.of("parents", items));
        assertThat(errcode(refused)).isEqualTo(65011);
        assertThat(phrase(refused)).isEqualTo("parent userid count exceeds limit");
        assertThat(refused.has("result_list")).isFalse();
        assertThat(status("h0")).isEqualTo(60111);
        assertThat(errcode(post("batch_create_parent", Map.of("parents", items.subList(0, 100))))).isZero();
        assertThat(status("h99")).isZero();
    }

    @Test
    void oneOverLongRelationRefusesTheWholeBatch() {
        JsonNode refused = post("batch_create_parent", Map.of("parents", List.of(
                parent("b1", "1", child("s1", "x")), parent("b2", "2", child("s1", "r".repeat(33))))));
        assertThat(phrase(refused)).isEqualTo("invalid parameter: relation");
        assertThat(status("b1")).isEqualTo(60111);
    }

    @Test
    void batchUpdateAppliesItemsInOrderAndReportsParentUserids() {
        post("batch_create_parent", Map.of("parents", List.of(parent("b1", "1", child("s1", "x")), parent("b2", "2", child("s1", "y")))));
        JsonNode answer = post("batch_update_parent", Map.of("parents", List.of(
                Map.of("parent_userid", "b1", "new_parent_userid", "b1x"),
                Map.of("parent_userid", "b1x", "children", List.of(child("s2", "z"))),
                Map.of("parent_userid", "b2", "new_parent_userid", "B1X"),
                Map.of("parent_userid", "b1x", "new_parent_userid", "b1y"))));
        assertThat(answer.path("result_list").toString()).isEqualTo("["
                + "{\"parent_userid\":\"b2\",\"errcode\":60102,\"errmsg\":\"userid existed: B1X\"},"
                + "{\"parent_userid\":\"b1x\",\"errcode\":40058,\"errmsg\":\"duplicate userid in request: b1x\"}]");
        assertThat(errcode(answer)).isEqualTo(60102);
        JsonNode b1x = handle.editor().get(USER + "get?userid=b1x");
        assertThat(b1x.at("/parent/children/0/student_userid").asText()).isEqualTo("s2");
    }

    @Test
    void batchDeleteReportsUnknownIdsWithoutTheIdAsWeComsExampleAndRepeatedIds() {
        post("batch_create_parent", Map.of("parents", List.of(parent("b1", "1", child("s1", "x")))));
        JsonNode answer = post("batch_delete_parent", Map.of("useridlist", List.of("B1", "b1", "ghost", "-bad")));
        assertThat(answer.path("result_list").toString()).isEqualTo("["
                + "{\"parent_userid\":\"b1\",\"errcode\":40058,\"errmsg\":\"duplicate userid in request: b1\"},"
                + "{\"parent_userid\":\"ghost\",\"errcode\":60111,\"errmsg\":\"userid not found\"},"
                + "{\"parent_userid\":\"-bad\",\"errcode\":40003,\"errmsg\":\"invalid parent_userid: -bad\"}]");
        assertThat(status("b1")).isEqualTo(60111);
    }

    @Test
    void theCreateAndDeleteArraysAreRequiredButBatchUpdateHasNothingToDo() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("parents", List.of()))) {
            JsonNode create = post("batch_create_parent", body);
            assertThat(errcode(create)).as("%s", body).isEqualTo(40058);
            assertThat(phrase(create)).isEqualTo("invalid parameter: parents");
            assertThat(create.has("result_list")).isFalse();
            assertThat(post("batch_update_parent", body).toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"result_list\":[]}");
        }
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("useridlist", List.of()))) {
            assertThat(phrase(post("batch_delete_parent", body))).as("%s", body).isEqualTo("invalid parameter: useridlist");
        }
        // a list of the wrong element types is absent, with the warning
        JsonNode mistyped = post("batch_delete_parent", Map.of("useridlist", List.of(1, Map.of())));
        assertThat(errcode(mistyped)).isEqualTo(40058);
        assertThat(phrase(mistyped)).isEqualTo("Warning: wrong json format. invalid parameter: useridlist");
    }

    @Test
    void moreThanAHundredParentsInAnUpdateOrDeleteBatchIs65011() {
        List<Map<String, Object>> updates = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            updates.add(Map.of("parent_userid", "u" + i));
            ids.add("u" + i);
        }
        assertThat(errcode(post("batch_update_parent", Map.of("parents", updates)))).isEqualTo(65011);
        assertThat(errcode(post("batch_delete_parent", Map.of("useridlist", ids)))).isEqualTo(65011);
    }

    @Test
    void aMissingIdIsReportedAsAnEmptyString() {
        JsonNode answer = post("batch_update_parent", Map.of("parents", List.of(Map.of("mobile", "5"))));
        assertThat(answer.path("result_list").toString())
                .isEqualTo("[{\"parent_userid\":\"\",\"errcode\":41009,\"errmsg\":\"missing userid\"}]");
    }
}
