package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.students.StudentsOverHttp.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.wecom.Limits;

@SchoolContactsServer(seed = StudentsOverHttp.SEED)
class StudentCreateHttpTest {
    SchoolContactsHandle handle;
    StudentsOverHttp school;

    @BeforeEach
    void freshSchool() {
        school = new StudentsOverHttp(handle).freshSchool();
    }

    private JsonNode create(String id, String name, List<Long> classes) {
        return school.post("create_student", Map.of("student_userid", id, "name", name, "department", classes));
    }

    @Test
    void createdStudentIsAnsweredCreatedAndKeepsItsCaseAndClassOrder() {
        JsonNode r = create("Zhang.San@school-1", "张三", List.of(12L, 11L));
        assertThat(r.path("errcode").asInt()).isZero();
        assertThat(r.path("errmsg").asText()).isEqualTo("created");
        StudentsOverHttp.Student s = school.student("zhang.san@SCHOOL-1").orElseThrow();
        assertThat(s.userid()).isEqualTo("Zhang.San@school-1");
        assertThat(s.department()).containsExactly(12L, 11L);
        assertThat(school.studentCount(11)).isEqualTo(1);
    }

    @Test
    void anIdOf64BytesIsAcceptedAnd65RefusesTheRequest() {
        String id64 = "a".repeat(Limits.USERID_MAX_BYTES);
        assertThat(create(id64, "n", List.of(11L)).path("errcode").asInt()).isZero();
        JsonNode r = create(id64 + "b", "n", List.of(11L));
        assertThat(r.path("errcode").asInt()).isEqualTo(40058);
        assertThat(phrase(r)).isEqualTo("invalid parameter: student_userid");
        assertThat(school.students()).isEqualTo(1);
    }

    @Test
    void aChineseNameOf32CharactersIsAcceptedAnd33RefusesTheRequest() {
        assertThat(create("s32", "张".repeat(32), List.of(11L)).path("errcode").asInt()).isZero();
        assertThat(school.student("s32").orElseThrow().name()).hasSize(32);
        JsonNode r = create("s33", "张".repeat(33), List.of(11L));
        assertThat(phrase(r)).isEqualTo("invalid parameter: name");
        // code points, not UTF-16 units: 32 emoji are 64 chars in Java and still a valid name
        assertThat(create("emoji", "😀".repeat(32), List.of(11L)).path("errcode").asInt()).isZero();
        assertThat(school.student("s33")).isEmpty();
    }

    @Test
    void twentyClassesAreAcceptedAndTwentyOneRefuseTheRequest() {
        assertThat(create("s20", "n", StudentsOverHttp.classes(20)).path("errcode").asInt()).isZero();
        assertThat(school.student("s20").orElseThrow().department()).hasSize(20);
        JsonNode r = create("s21", "n", StudentsOverHttp.classes(21));
        assertThat(r.path("errcode").asInt()).isEqualTo(40058);
        assertThat(phrase(r)).isEqualTo("invalid parameter: department");
    }

    @Test
    void anIdTakenInAnotherCaseByAStudentOrParentIs60102() {
        create("zhangsan", "张三", List.of(11L));
        school.parentOf("MaMa1", "zhangsan");
        JsonNode r = create("ZHANGSAN", "x", List.of(11L));
        assertThat(r.path("errcode").asInt()).isEqualTo(60102);
        assertThat(phrase(r)).isEqualTo("userid existed: ZHANGSAN");
        assertThat(create("mama1", "x", List.of(11L)).path("errcode").asInt()).isEqualTo(60102);
        assertThat(school.studentCount(11)).isEqualTo(1);
    }

    @Test
    void badIdCharactersInAnyPositionAre40003() {
        for (String bad : List.of("_first", ".first", "mid dle", "end!", "中文", "tab\t")) {
            JsonNode r = create(bad, "n", List.of(11L));
            assertThat(r.path("errcode").asInt()).as(bad).isEqualTo(40003);
            assertThat(phrase(r)).isEqualTo("invalid student_userid: " + bad);
        }
        assertThat(school.students()).isZero();
    }

    @Test
    void missingFieldsAreNamed() {
        assertThat(school.post("create_student", Map.of("name", "n", "department", List.of(11))).path("errcode").asInt()).isEqualTo(41009);
        assertThat(phrase(school.post("create_student", Map.of("student_userid", "s1", "department", List.of(11)))))
                .isEqualTo("invalid parameter: name");
        assertThat(phrase(school.post("create_student", Map.of("student_userid", "s1", "name", "n"))))
                .isEqualTo("invalid parameter: department");
        assertThat(phrase(create("s1", "", List.of(11L)))).isEqualTo("invalid parameter: name");
        assertThat(phrase(create("", "n", List.of(11L)))).isEqualTo("invalid parameter: student_userid");
    }

    @Test
    void departmentsMustExistAndBeClassesElse40066() {
        JsonNode unknown = create("s1", "n", List.of(11L, 999L));
        assertThat(unknown.path("errcode").asInt()).isEqualTo(40066);
        assertThat(phrase(unknown)).isEqualTo("invalid department list: 999");
        JsonNode grade = create("s1", "n", List.of(StudentsOverHttp.GRADE));
        assertThat(grade.path("errcode").asInt()).isEqualTo(40066);
        assertThat(phrase(create("s1", "n", List.of(1L)))).isEqualTo("department is not a class: 1");
        assertThat(school.students()).isZero();
    }

    @Test
    void aFullClassRefusesTheStudentWith81001() {
        handle.server().database().write(handle.corpId(), tx -> tx.update(
                "UPDATE departments SET student_count = ? WHERE corp_id = ? AND dept_id = 12", Limits.CLASS_CAPACITY - 1, handle.corpId()));
        assertThat(create("last", "n", List.of(12L)).path("errcode").asInt()).isZero();
        JsonNode r = create("one_too_many", "n", List.of(11L, 12L));
        assertThat(r.path("errcode").asInt()).isEqualTo(81001);
        assertThat(phrase(r)).isEqualTo("department member count exceeds limit: 12");
        assertThat(school.studentCount(11)).isZero();
    }

    @Test
    void mobileIsCheckedAndNeverReturned() {
        JsonNode bad = school.post("create_student", Map.of("student_userid", "s1", "name", "n", "department", List.of(11), "mobile", "138-abc"));
        assertThat(bad.path("errcode").asInt()).isEqualTo(60103);
        JsonNode ok = school.postText("create_student",
                "{\"student_userid\":\"s1\",\"name\":\"n\",\"department\":[\"11\"],\"mobile\":\"+86-13800000000\",\"to_invite\":false}");
        assertThat(ok.path("errcode").asInt()).isZero();
        assertThat(school.student("s1").orElseThrow().mobile()).isEqualTo("+86-13800000000");
    }

    @Test
    void aMobileAnotherStudentHoldsIs60149ButAParentMayShareIt() {
        assertThat(school.post("create_student", Map.of("student_userid", "s1", "name", "n", "department", List.of(11),
                "mobile", "13800000009")).path("errcode").asInt()).isZero();
        JsonNode dup = school.post("create_student", Map.of("student_userid", "s2", "name", "n", "department", List.of(11),
                "mobile", "13800000009"));
        assertThat(dup.path("errcode").asInt()).isEqualTo(60149);
        assertThat(phrase(dup)).isEqualTo("student mobile existed");
        assertThat(school.student("s2")).isEmpty();
        school.parentOf("mum", "s1");
        JsonNode parent = school.post("create_parent", Map.of("parent_userid", "dad", "mobile", "13800000009",
                "children", List.of(Map.of("student_userid", "s1", "relation", "父亲"))));
        assertThat(parent.path("errcode").asInt()).isZero();
    }
}
