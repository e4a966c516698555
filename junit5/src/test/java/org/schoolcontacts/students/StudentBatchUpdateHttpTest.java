package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.students.StudentsOverHttp.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.wecom.Limits;

@SchoolContactsServer(seed = StudentsOverHttp.SEED)
class StudentBatchUpdateHttpTest {
    SchoolContactsHandle handle;
    StudentsOverHttp school;

    @BeforeEach
    void freshSchool() {
        school = new StudentsOverHttp(handle).freshSchool();
        List<Map<String, Object>> students = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_BATCH_ITEMS; i++) students.add(Map.of("student_userid", "s" + i, "name", "n" + i, "department", List.of(11)));
        assertThat(school.post("batch_create_student", Map.of("students", students)).path("errcode").asInt()).isZero();
    }

    private JsonNode batch(String studentsJson) {
        return school.postText("batch_update_student", "{\"students\":" + studentsJson + "}");
    }

    private static List<Map<String, Object>> renames(int n) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(Map.of("student_userid", "s" + i, "new_student_userid", "t" + i, "department", List.of(12, 11)));
        return items;
    }

    @Test
    void aHundredItemsAreAppliedAndAnsweredOkWithAnEmptyResultList() {
        JsonNode r = school.post("batch_update_student", Map.of("students", renames(Limits.MAX_BATCH_ITEMS)));
        assertThat(r.path("errcode").asInt()).isZero();
        assertThat(r.path("errmsg").asText()).isEqualTo("ok");
        assertThat(r.path("result_list").isArray()).isTrue();
        assertThat(r.path("result_list")).isEmpty();
        assertThat(school.student("t99").orElseThrow().department()).containsExactly(12L, 11L);
        assertThat(school.studentCount(12)).isEqualTo(100);
    }

    @Test
    void aHundredAndOneItemsRefuseTheWholeRequestWithoutResultList() {
        JsonNode r = school.post("batch_update_student", Map.of("students", renames(Limits.MAX_BATCH_ITEMS + 1)));
        assertThat(r.path("errcode").asInt()).isEqualTo(40058);
        assertThat(phrase(r)).isEqualTo("invalid parameter: students");
        assertThat(r.has("result_list")).isFalse();
        assertThat(school.student("t0")).isEmpty();
    }

    @Test
    void oneOverLongFieldRefusesTheWholeRequest() {
        JsonNode r = batch("[{\"student_userid\":\"s0\",\"name\":\"ok\"},{\"student_userid\":\"s1\",\"name\":\"" + "名".repeat(33) + "\"}]");
        assertThat(phrase(r)).isEqualTo("invalid parameter: name");
        assertThat(r.has("result_list")).isFalse();
        assertThat(school.student("s0").orElseThrow().name()).isEqualTo("n0");
        assertThat(phrase(batch("[{\"student_userid\":\"s0\",\"department\":" + StudentsOverHttp.classes(21) + "}]")))
                .isEqualTo("invalid parameter: department");
        assertThat(school.post("batch_update_student", Map.of("students", List.of(Map.of("student_userid", "s0",
                "department", StudentsOverHttp.classes(20))))).path("errcode").asInt()).isZero();
    }

    @Test
    void mistypedFieldsAreReadAsAbsentWithTheWarningAndNothingElseChanges() {
        // students that is not an array, or holds a non-object, is absent: nothing to do (spec 6.5.2)
        for (String students : List.of("[{\"student_userid\":\"s0\",\"name\":\"x\"}, 5]", "{\"student_userid\":\"s0\"}")) {
            JsonNode r = batch(students);
            assertThat(r.path("errcode").asInt()).as(students).isZero();
            assertThat(r.path("errmsg").asText()).as(students).isEqualTo("ok. Warning: wrong json format. ");
        }
        assertThat(school.student("s0").orElseThrow().name()).isEqualTo("n0");
        // a class list with a non-integer entry is absent as a whole: the classes stay
        JsonNode r = batch("[{\"student_userid\":\"s0\",\"name\":\"renamed\",\"department\":[12,\"eleven\"]}]");
        assertThat(r.path("errmsg").asText()).isEqualTo("ok. Warning: wrong json format. ");
        assertThat(school.student("s0").orElseThrow().name()).isEqualTo("renamed");
        assertThat(school.student("s0").orElseThrow().department()).containsExactly(11L);
        // a mistyped required id fails its item as missing
        JsonNode missing = batch("[{\"student_userid\":[\"s0\"]}]");
        assertThat(missing.path("errcode").asInt()).isEqualTo(41009);
        assertThat(missing.path("result_list").get(0).path("errmsg").asText()).isEqualTo("missing userid");
        assertThat(missing.path("errmsg").asText()).startsWith("Warning: wrong json format. missing userid, hint: [");
    }

    @Test
    void failedItemsAreListedInOrderWithTheIdAsSentAndTheFirstFailureOnTop() {
        school.parentOf("parent1", "s5");
        JsonNode r = batch("""
                [{"student_userid":"s0","name":"fine"},
                 {"student_userid":"ghost","name":"x"},
                 {"student_userid":"S1","new_student_userid":"PARENT1"},
                 {"student_userid":"s2","new_student_userid":"S3"},
                 {"name":"no id"},
                 {"student_userid":"s 4"},
                 {"student_userid":"S0","name":"again"},
                 {"student_userid":"s6","department":[999]},
                 {"student_userid":"s7","department":[10]},
                 {"student_userid":"s8","mobile":"not a phone"}]""");
        assertThat(r.path("errcode").asInt()).isEqualTo(60111);
        assertThat(r.path("errmsg").asText()).startsWith("userid not found: ghost, hint: [");
        List<String> entries = new ArrayList<>();
        r.path("result_list").forEach(e -> entries.add(e.path("student_userid").asText() + " " + e.path("errcode").asInt() + " " + e.path("errmsg").asText()));
        assertThat(entries).containsExactly(
                "ghost 60111 userid not found: ghost",
                "S1 60102 userid existed: PARENT1",
                "s2 60102 userid existed: S3",
                " 41009 missing userid",
                "s 4 40003 invalid student_userid: s 4",
                "S0 40058 duplicate userid in request: S0",
                "s6 40066 invalid department list: 999",
                "s7 40066 department is not a class: 10",
                "s8 60103 invalid mobile");
        assertThat(school.student("s0").orElseThrow().name()).as("the first occurrence is applied").isEqualTo("fine");
    }

    @Test
    void laterItemsSeeEarlierItemsRenames() {
        JsonNode r = batch("""
                [{"student_userid":"s0","new_student_userid":"moved"},
                 {"student_userid":"MOVED","name":"found by its new id"},
                 {"student_userid":"s1","new_student_userid":"s0"},
                 {"student_userid":"s2","new_student_userid":"Moved"}]""");
        assertThat(r.path("result_list")).hasSize(1);
        assertThat(r.path("result_list").get(0).path("student_userid").asText()).isEqualTo("s2");
        assertThat(r.path("result_list").get(0).path("errcode").asInt()).isEqualTo(60102);
        assertThat(school.student("moved").orElseThrow().name()).isEqualTo("found by its new id");
        assertThat(school.student("s0").orElseThrow().renamed()).as("s1 took the freed id").isTrue();
    }

    @Test
    void aSecondRenameInTheSameBatchIs301036() {
        JsonNode r = batch("""
                [{"student_userid":"s0","new_student_userid":"first"},
                 {"student_userid":"first","new_student_userid":"second"}]""");
        assertThat(r.path("errcode").asInt()).isEqualTo(301036);
        assertThat(r.path("result_list").get(0).path("errmsg").asText()).isEqualTo("userid can not be updated: first");
        assertThat(school.student("second")).isEmpty();
    }

    @Test
    void absentNullOrEmptyStudentsIsOkWithNothingDone() {
        for (String body : List.of("{}", "{\"students\":null}", "{\"students\":[]}")) {
            JsonNode r = school.postText("batch_update_student", body);
            assertThat(r.path("errmsg").asText()).as(body).isEqualTo("ok");
            assertThat(r.path("result_list")).isEmpty();
        }
    }

    @Test
    void malformedJsonIsAnEmptyBodyWithAWarning() {
        JsonNode r = school.postText("batch_update_student", "{\"students\":[{\"student_userid\":\"s0\",");
        assertThat(r.path("errcode").asInt()).isZero();
        assertThat(r.path("errmsg").asText()).isEqualTo("ok. Warning: wrong json format. ");
        assertThat(r.path("result_list")).isEmpty();
        JsonNode single = school.postText("update_student", "not json");
        assertThat(single.path("errcode").asInt()).isEqualTo(41009);
        assertThat(single.path("errmsg").asText()).startsWith("Warning: wrong json format. missing userid");
    }
}
