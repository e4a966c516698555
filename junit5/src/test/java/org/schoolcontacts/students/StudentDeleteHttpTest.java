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
class StudentDeleteHttpTest {
    SchoolContactsHandle handle;
    StudentsOverHttp school;

    @BeforeEach
    void freshSchool() {
        school = new StudentsOverHttp(handle).freshSchool();
        List<Map<String, Object>> students = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_BATCH_ITEMS; i++) students.add(Map.of("student_userid", "s" + i, "name", "n", "department", List.of(11, 12)));
        students.add(Map.of("student_userid", "li.lei@class-1", "name", "李雷", "department", List.of(11)));
        students.remove(0);
        school.post("batch_create_student", Map.of("students", students));
    }

    @Test
    void deleteTakesTheIdRawAndGivesBackTheSeats() {
        // WxJava appends the id without URL-encoding it
        JsonNode r = school.get("delete_student?userid=Li.Lei@Class-1");
        assertThat(r.path("errmsg").asText()).isEqualTo("deleted");
        assertThat(school.student("li.lei@class-1")).isEmpty();
        assertThat(school.studentCount(11)).isEqualTo(99);
    }

    @Test
    void deleteRefusalsAre65013WithParents65010ForAParent60111ForNobody() {
        school.parentOf("mother", "s1");
        JsonNode withParent = school.get("delete_student?userid=S1");
        assertThat(withParent.path("errcode").asInt()).isEqualTo(65013);
        assertThat(phrase(withParent)).isEqualTo("student has parents: S1");
        JsonNode parent = school.get("delete_student?userid=mother");
        assertThat(parent.path("errcode").asInt()).as("a parent is no student").isEqualTo(65010);
        assertThat(phrase(parent)).isEqualTo("userid is not a student: mother");
        assertThat(phrase(school.get("delete_student?userid=bad%21id"))).isEqualTo("invalid student_userid: bad!id");
        assertThat(phrase(school.get("delete_student?userid=ghost"))).isEqualTo("userid not found: ghost");
        assertThat(school.get("delete_student").path("errcode").asInt()).isEqualTo(41009);
        assertThat(school.get("delete_student?userid=").path("errcode").asInt()).isEqualTo(41009);
        assertThat(school.get("delete_student?userid=bad%21id").path("errcode").asInt()).isEqualTo(40003);
        assertThat(phrase(school.get("delete_student?userid=" + "x".repeat(65)))).isEqualTo("invalid parameter: userid");
        assertThat(school.student("s1")).isPresent();
    }

    @Test
    void batchDeleteOfAHundredIdsEmptiesTheClasses() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < Limits.MAX_BATCH_ITEMS; i++) ids.add("S" + i);
        ids.add("LI.LEI@CLASS-1");
        JsonNode r = school.post("batch_delete_student", Map.of("useridlist", ids));
        assertThat(r.path("errmsg").asText()).isEqualTo("ok");
        assertThat(r.path("result_list")).isEmpty();
        assertThat(school.students()).isZero();
        assertThat(school.studentCount(11)).isZero();
        assertThat(school.studentCount(12)).isZero();
    }

    @Test
    void aHundredAndOneIdsRefuseTheWholeRequest() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= Limits.MAX_BATCH_ITEMS; i++) ids.add("s" + i);
        JsonNode r = school.post("batch_delete_student", Map.of("useridlist", ids));
        assertThat(phrase(r)).isEqualTo("invalid parameter: useridlist");
        assertThat(r.has("result_list")).isFalse();
        assertThat(school.students()).isEqualTo(100);
    }

    @Test
    void batchDeleteListsEachFailureWithWeComsItemPhrasesAndDeletesTheRest() {
        school.parentOf("father", "s2");
        JsonNode r = school.post("batch_delete_student", Map.of("useridlist", List.of("s1", "ghost", "S1", "s2", "bad/id", "s3", "FATHER")));
        assertThat(r.path("errcode").asInt()).isEqualTo(60111);
        assertThat(r.path("errmsg").asText()).startsWith("userid not found, hint: [");
        List<String> entries = new ArrayList<>();
        r.path("result_list").forEach(e -> entries.add(e.path("student_userid").asText() + " " + e.path("errcode").asInt() + " " + e.path("errmsg").asText()));
        assertThat(entries).containsExactly(
                "ghost 60111 userid not found",
                "S1 40058 duplicate userid in request: S1",
                "s2 65013 student has parents: s2",
                "bad/id 40003 invalid student_userid: bad/id",
                "FATHER 65010 userid is not a student: FATHER");
        assertThat(school.student("s1")).isEmpty();
        assertThat(school.student("s3")).isEmpty();
        assertThat(school.student("s2")).isPresent();
    }

    @Test
    void useridlistIsRequiredAbsentNullOrEmptyIs40058AndAMistypedOneIsAbsentWithTheWarning() {
        for (String body : List.of("{}", "{\"useridlist\":null}", "{\"useridlist\":[]}")) {
            JsonNode r = school.postText("batch_delete_student", body);
            assertThat(r.path("errcode").asInt()).as(body).isEqualTo(40058);
            assertThat(phrase(r)).as(body).isEqualTo("invalid parameter: useridlist");
            assertThat(r.has("result_list")).isFalse();
        }
        assertThat(phrase(school.postText("batch_delete_student", "{\"useridlist\":\"s1\"}")))
                .isEqualTo("Warning: wrong json format. invalid parameter: useridlist");
        assertThat(phrase(school.postText("batch_delete_student", "{\"useridlist\":[\"s1\",\"\"]}"))).isEqualTo("invalid parameter: useridlist");
        assertThat(phrase(school.postText("batch_delete_student", "{\"useridlist\":[\"s1\",null]}")))
                .isEqualTo("Warning: wrong json format. invalid parameter: useridlist");
        assertThat(school.student("s1")).isPresent();
    }
}
