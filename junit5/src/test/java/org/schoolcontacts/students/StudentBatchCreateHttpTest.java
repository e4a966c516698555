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
class StudentBatchCreateHttpTest {
    SchoolContactsHandle handle;
    StudentsOverHttp school;

    @BeforeEach
    void freshSchool() {
        school = new StudentsOverHttp(handle).freshSchool();
    }

    private static List<Map<String, Object>> students(int n) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) items.add(Map.of("student_userid", "s" + i, "name", "学生" + i, "department", List.of(11)));
        return items;
    }

    @Test
    void aHundredStudentsAreCreatedInOneCall() {
        JsonNode r = school.post("batch_create_student", Map.of("students", students(Limits.MAX_BATCH_ITEMS)));
        assertThat(r.path("errmsg").asText()).isEqualTo("ok");
        assertThat(r.path("result_list")).isEmpty();
        assertThat(school.students()).isEqualTo(100);
        assertThat(school.studentCount(11)).isEqualTo(100);
        assertThat(school.student("s99").orElseThrow().name()).isEqualTo("学生99");
    }

    @Test
    void aHundredAndOneStudentsRefuseTheWholeRequest() {
        JsonNode r = school.post("batch_create_student", Map.of("students", students(Limits.MAX_BATCH_ITEMS + 1)));
        assertThat(phrase(r)).isEqualTo("invalid parameter: students");
        assertThat(r.has("result_list")).isFalse();
        assertThat(school.students()).isZero();
    }

    @Test
    void goodItemsAreCommittedAndFailedOnesListed() {
        school.post("create_student", Map.of("student_userid", "exists", "name", "n", "department", List.of(11)));
        JsonNode r = school.postText("batch_create_student", """
                {"students":[
                  {"student_userid":"a1","name":"甲","department":[11,12]},
                  {"student_userid":"EXISTS","name":"x","department":[11]},
                  {"student_userid":"A1","name":"dup","department":[11]},
                  {"student_userid":"b1","department":[11]},
                  {"student_userid":"c1","name":"丙"},
                  {"student_userid":"d1","name":"丁","department":[11],"mobile":"1380000000x"},
                  {"student_userid":"e1","name":"戊","department":[12]}]}""");
        assertThat(r.path("errcode").asInt()).isEqualTo(60102);
        assertThat(r.path("errmsg").asText()).startsWith("userid existed: EXISTS, hint: [");
        List<String> entries = new ArrayList<>();
        r.path("result_list").forEach(e -> entries.add(e.path("student_userid").asText() + " " + e.path("errcode").asInt() + " " + e.path("errmsg").asText()));
        assertThat(entries).containsExactly(
                "EXISTS 60102 userid existed: EXISTS",
                "A1 40058 duplicate userid in request: A1",
                "b1 40058 invalid parameter: name",
                "c1 40058 invalid parameter: department",
                "d1 60103 invalid mobile");
        assertThat(school.student("a1").orElseThrow().department()).containsExactly(11L, 12L);
        assertThat(school.student("e1")).isPresent();
        assertThat(school.students()).isEqualTo(3);
        assertThat(school.studentCount(11)).isEqualTo(2);
    }

    @Test
    void aFieldOfTheWrongTypeIsReadAsAbsentAndTheAnswerCarriesTheWarning() {
        JsonNode r = school.postText("batch_create_student", "{\"students\":["
                + "{\"student_userid\":\"ok\",\"name\":\"n\",\"department\":[11]},"
                + "{\"student_userid\":\"a\",\"name\":\"n\",\"department\":11},"
                + "{\"student_userid\":\"b\",\"name\":{\"x\":1},\"department\":[11]},"
                + "{\"student_userid\":\"c\",\"name\":\"n\",\"department\":[11],\"to_invite\":\"maybe\"},"
                + "{\"student_userid\":true,\"name\":\"n\",\"department\":[11]},"
                + "{\"student_userid\":\"d\",\"name\":\"n\",\"department\":[11,null]}]}");
        List<String> entries = new ArrayList<>();
        r.path("result_list").forEach(e -> entries.add(e.path("student_userid").asText() + " " + e.path("errcode").asInt() + " " + e.path("errmsg").asText()));
        // the items' errmsg carry no warning; the top level does, before the first failure's phrase (spec 1.2, 1.3)
        assertThat(entries).containsExactly(
                "a 40058 invalid parameter: department",
                "b 40058 invalid parameter: name",
                " 41009 missing userid",
                "d 40058 invalid parameter: department");
        assertThat(r.path("errmsg").asText()).startsWith("Warning: wrong json format. invalid parameter: department, hint: [");
        assertThat(school.student("ok")).isPresent();
        assertThat(school.student("c")).as("a mistyped optional field leaves the item valid").isPresent();
        assertThat(school.students()).isEqualTo(2);
    }

    @Test
    void departmentStringsAreToleratedButANumericIdIsAWrongTypeReadAsAbsent() {
        JsonNode r = school.postText("batch_create_student",
                "{\"students\":[{\"student_userid\":\"s1\",\"name\":\"n\",\"department\":[\"11\",11],\"to_invite\":1}]}");
        assertThat(r.path("errcode").asInt()).isZero();
        assertThat(r.path("errmsg").asText()).isEqualTo("ok");
        assertThat(school.student("s1").orElseThrow().department()).containsExactly(11L);
        JsonNode numeric = school.postText("batch_create_student",
                "{\"students\":[{\"student_userid\":20240001,\"name\":\"n\",\"department\":[11]}]}");
        assertThat(numeric.path("errcode").asInt()).isEqualTo(41009);
        assertThat(numeric.path("errmsg").asText()).startsWith("Warning: wrong json format. missing userid");
        assertThat(school.student("20240001")).isEmpty();
    }

    @Test
    void studentsIsRequiredAbsentNullOrEmptyIs40058() {
        for (String body : List.of("{}", "{\"students\":null}", "{\"students\":[]}")) {
            JsonNode r = school.postText("batch_create_student", body);
            assertThat(r.path("errcode").asInt()).as(body).isEqualTo(40058);
            assertThat(phrase(r)).as(body).isEqualTo("invalid parameter: students");
            assertThat(r.has("result_list")).isFalse();
        }
        // a mistyped array is absent too, with the warning
        JsonNode r = school.postText("batch_create_student", "{\"students\":{}}");
        assertThat(r.path("errmsg").asText()).startsWith("Warning: wrong json format. invalid parameter: students");
    }
}
