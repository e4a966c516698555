package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.parents.ParentsSchool.USER;
import static org.schoolcontacts.parents.ParentsSchool.child;
import static org.schoolcontacts.parents.ParentsSchool.errcode;
import static org.schoolcontacts.parents.ParentsSchool.parent;
import static org.schoolcontacts.parents.ParentsSchool.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** POST /cgi-bin/school/user/create_parent (spec 6.7) over HTTP, each rule at its edge. */
@SchoolContactsServer(seed = ParentsSchool.SEED)
class CreateParentHttpTest {
    SchoolContactsHandle handle;

    @BeforeEach
    void school() {
        ParentsSchool.reset(handle);
    }

    JsonNode create(Object body) {
        return handle.editor().post(USER + "create_parent", body);
    }

    JsonNode get(String userid) {
        return handle.editor().get(USER + "get?userid=" + userid);
    }

    @Test
    void aCreatedParentAnswersCreatedAndIsReadableWithItsChildren() {
        JsonNode answer = create(parent("p1", "13900000001", child("s1", "爸爸"), child("s3", "爸爸")));
        assertThat(answer.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"created\"}");
        assertThat(get("P1").path("parent").toString()).isEqualTo("{\"parent_userid\":\"p1\",\"mobile\":\"13900000001\","
                + "\"is_subscribe\":0,\"children\":[{\"student_userid\":\"s1\",\"relation\":\"爸爸\"},"
                + "{\"student_userid\":\"S3\",\"relation\":\"爸爸\"}]}");
    }

    @Test
    void tenChildrenAreAcceptedElevenRefuseTheWholeRequest() {
        List<Map<String, String>> children = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "k" + i;
            ParentsSchool.student(handle, id, 12L);
            children.add(child(id, "r" + i));
        }
        assertThat(errcode(create(Map.of("parent_userid", "p10", "mobile", "10", "children", children)))).isZero();
        assertThat(get("p10").path("parent").path("children")).hasSize(10);
        children.add(child("s1", "r10"));
        JsonNode eleven = create(Map.of("parent_userid", "p11", "mobile", "11", "children", children));
        assertThat(errcode(eleven)).isEqualTo(40058);
        assertThat(phrase(eleven)).isEqualTo("invalid parameter: children");
        assertThat(errcode(get("p11"))).isEqualTo(60111);
    }

    @Test
    void relationOfThirtyTwoBytesIsAcceptedThirtyThreeIsRefused() {
        String thirtyTwo = "伯".repeat(10) + "xy";
        String thirtyThree = "伯".repeat(11);
        assertThat(errcode(create(parent("p1", "1", child("s1", thirtyTwo))))).isZero();
        assertThat(get("p1").at("/parent/children/0/relation").asText()).isEqualTo(thirtyTwo);
        JsonNode refused = create(parent("p2", "2", child("s1", thirtyThree)));
        assertThat(phrase(refused)).isEqualTo("invalid parameter: relation");
        assertThat(errcode(create(parent("p2", "2", child("s1", ""))))).isEqualTo(40058);
    }

    @Test
    void mobileIsRequiredWellFormedAndUnique() {
        JsonNode missing = create(Map.of("parent_userid", "p1", "children", List.of(child("s1", "x"))));
        assertThat(errcode(missing)).isEqualTo(40058);
        assertThat(phrase(missing)).isEqualTo("invalid parameter: mobile");
        assertThat(phrase(create(parent("p1", "139 0000 0001", child("s1", "x"))))).isEqualTo("invalid mobile");
        assertThat(errcode(create(parent("p1", "1".repeat(33), child("s1", "x"))))).isEqualTo(60103);
        assertThat(errcode(create(parent("p1", "+86-" + "1".repeat(28), child("s1", "x"))))).isZero();
        JsonNode duplicate = create(parent("p2", "+86-" + "1".repeat(28), child("s2", "x")));
        assertThat(errcode(duplicate)).isEqualTo(60137);
        assertThat(phrase(duplicate)).isEqualTo("parent mobile existed");
    }

    @Test
    void theIdIsRequiredWellFormedAndFreeAmongStudentsAndParents() {
        assertThat(errcode(create(Map.of("mobile", "1", "children", List.of(child("s1", "x")))))).isEqualTo(41009);
        assertThat(phrase(create(parent("-p", "1", child("s1", "x"))))).isEqualTo("invalid parent_userid: -p");
        assertThat(phrase(create(parent("p9", "9", child("-s", "x"))))).isEqualTo("invalid student_userid: -s");
        assertThat(errcode(create(parent("p".repeat(65), "1", child("s1", "x"))))).isEqualTo(40058);
        assertThat(errcode(create(parent("p".repeat(64), "1", child("s1", "x"))))).isZero();
        assertThat(phrase(create(parent("s3", "2", child("s1", "x"))))).isEqualTo("userid existed: s3");
        assertThat(errcode(create(parent("P".repeat(64), "3", child("s1", "x"))))).isEqualTo(60102);
        assertThat(errcode(create(parent("p.a@b_c-d", "4", child("s1", "x"))))).isZero();
    }

    @Test
    void everyChildMustBeAStudentOfTheSchoolAndAParentsIdIs65010() {
        create(parent("p1", "1", child("s1", "x")));
        assertThat(phrase(create(parent("p2", "2", child("s1", "x"), child("ghost", "y"))))).isEqualTo("student userid not found: ghost");
        assertThat(errcode(create(parent("p2", "2", child("p1", "x"))))).isEqualTo(65010);
        assertThat(phrase(create(parent("p2", "2", child("p1", "x"))))).isEqualTo("userid is not a student: p1");
        assertThat(phrase(create(Map.of("parent_userid", "p2", "mobile", "2", "children", List.of())))).isEqualTo("invalid parameter: children");
        assertThat(errcode(get("p2"))).isEqualTo(60111);
    }

    @Test
    void toInviteIsAcceptedAsBooleanOrOneZeroAndIgnoredAndAnyOtherValueIsReadAsAbsentWithTheWarning() {
        int n = 0;
        for (Object v : List.of(true, false, 1, 0)) {
            Map<String, Object> body = new HashMap<>(parent("p" + n, String.valueOf(n), child("s1", "x")));
            body.put("to_invite", v);
            assertThat(errcode(create(body))).as("to_invite %s", v).isZero();
            n++;
        }
        Map<String, Object> body = new HashMap<>(parent("p9", "9", child("s1", "x")));
        body.put("to_invite", "maybe");
        JsonNode answer = create(body);
        assertThat(errcode(answer)).isZero();
        assertThat(answer.path("errmsg").asText()).isEqualTo("created. Warning: wrong json format. ");
    }

    @Test
    void aBodyThatIsNotJsonIsValidatedAsEmptyWithAWarning() {
        JsonNode answer = handle.editor().post(USER + "create_parent", "{parent_userid:");
        assertThat(errcode(answer)).isEqualTo(41009);
        assertThat(answer.path("errmsg").asText()).startsWith("Warning: wrong json format. ");
    }
}
