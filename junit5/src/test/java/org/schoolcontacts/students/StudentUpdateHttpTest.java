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
class StudentUpdateHttpTest {
    SchoolContactsHandle handle;
    StudentsOverHttp school;

    @BeforeEach
    void freshSchool() {
        school = new StudentsOverHttp(handle).freshSchool();
        // students' mobiles are unique among the school's students (60149)
        for (String id : List.of("zhangsan", "lisi")) {
            String mobile = id.equals("zhangsan") ? "13800000000" : "13800000001";
            JsonNode created = school.post("create_student", Map.of("student_userid", id, "name", id, "department", List.of(11, 12), "mobile", mobile));
            assertThat(created.path("errcode").asInt()).as("create %s: %s", id, created).isZero();
        }
    }

    private JsonNode update(String json) {
        return school.postText("update_student", json);
    }

    @Test
    void updateAnswersUpdatedAndReplacesTheClassList() {
        JsonNode r = update("{\"student_userid\":\"ZhangSan\",\"name\":\"张三\",\"department\":[13,11,13]}");
        assertThat(r.path("errmsg").asText()).isEqualTo("updated");
        StudentsOverHttp.Student s = school.student("zhangsan").orElseThrow();
        assertThat(s.name()).isEqualTo("张三");
        assertThat(s.department()).as("duplicates collapsed, order kept").containsExactly(13L, 11L);
        assertThat(List.of(school.studentCount(11), school.studentCount(12), school.studentCount(13))).containsExactly(2L, 1L, 1L);
    }

    @Test
    void anEmptyOrAbsentDepartmentListLeavesTheClassesAndAnEmptyMobileClearsIt() {
        assertThat(update("{\"student_userid\":\"zhangsan\",\"department\":[],\"mobile\":\"\"}").path("errcode").asInt()).isZero();
        StudentsOverHttp.Student s = school.student("zhangsan").orElseThrow();
        assertThat(s.department()).containsExactly(11L, 12L);
        assertThat(s.mobile()).isNull();
        assertThat(update("{\"student_userid\":\"zhangsan\"}").path("errmsg").asText()).as("a bare id is a no-op").isEqualTo("updated");
    }

    @Test
    void renameFollowsTheStudentAndAllowsNoSecondOne() {
        school.parentOf("papa", "zhangsan");
        assertThat(update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"zhang.san@new\"}").path("errcode").asInt()).isZero();
        assertThat(school.student("zhangsan")).isEmpty();
        assertThat(school.student("zhang.san@new").orElseThrow().department()).containsExactly(11L, 12L);
        JsonNode parent = handle.reader().get(StudentsOverHttp.BASE + "get?userid=papa");
        assertThat(parent.path("parent").path("children").get(0).path("student_userid").asText())
                .as("the parent's link follows the rename").isEqualTo("zhang.san@new");
        JsonNode second = update("{\"student_userid\":\"zhang.san@new\",\"new_student_userid\":\"zs3\"}");
        assertThat(second.path("errcode").asInt()).isEqualTo(301036);
        assertThat(phrase(second)).isEqualTo("userid can not be updated: zhang.san@new");
        // the exact current id is not a rename
        assertThat(update("{\"student_userid\":\"ZHANG.SAN@NEW\",\"new_student_userid\":\"zhang.san@new\"}").path("errcode").asInt()).isZero();
    }

    @Test
    void aCaseOnlyChangeIsARename() {
        assertThat(update("{\"student_userid\":\"lisi\",\"new_student_userid\":\"LiSi\"}").path("errcode").asInt()).isZero();
        StudentsOverHttp.Student s = school.student("lisi").orElseThrow();
        assertThat(s.userid()).isEqualTo("LiSi");
        assertThat(s.renamed()).isTrue();
        assertThat(update("{\"student_userid\":\"lisi\",\"new_student_userid\":\"lisi\"}").path("errcode").asInt()).isEqualTo(301036);
    }

    @Test
    void renamingOntoAnotherStudentOrParentInAnotherCaseIs60102() {
        school.parentOf("Mama", "lisi");
        JsonNode r = update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"LISI\"}");
        assertThat(r.path("errcode").asInt()).isEqualTo(60102);
        assertThat(phrase(r)).isEqualTo("userid existed: LISI");
        assertThat(update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"mAMA\"}").path("errcode").asInt()).isEqualTo(60102);
        assertThat(school.student("zhangsan").orElseThrow().renamed()).isFalse();
    }

    @Test
    void theNewIdFollowsTheIdRules() {
        String ok64 = "n".repeat(Limits.USERID_MAX_BYTES);
        JsonNode tooLong = update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"" + ok64 + "x\"}");
        assertThat(phrase(tooLong)).isEqualTo("invalid parameter: new_student_userid");
        JsonNode badChars = update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"-dash-first\"}");
        assertThat(badChars.path("errcode").asInt()).isEqualTo(40003);
        assertThat(phrase(badChars)).isEqualTo("invalid student_userid: -dash-first");
        assertThat(phrase(update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"\"}")))
                .isEqualTo("invalid parameter: new_student_userid");
        assertThat(update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"" + ok64 + "\"}").path("errcode").asInt()).isZero();
        assertThat(school.student(ok64)).isPresent();
    }

    @Test
    void aMobileAnotherStudentHoldsIs60149AndChangesNothingElse() {
        JsonNode r = update("{\"student_userid\":\"lisi\",\"name\":\"new\",\"mobile\":\"13800000000\"}");
        assertThat(r.path("errcode").asInt()).isEqualTo(60149);
        assertThat(phrase(r)).isEqualTo("student mobile existed");
        assertThat(school.student("lisi").orElseThrow().name()).isEqualTo("lisi");
        assertThat(school.student("lisi").orElseThrow().mobile()).isEqualTo("13800000001");
        assertThat(update("{\"student_userid\":\"zhangsan\",\"mobile\":\"13800000000\"}").path("errcode").asInt())
                .as("its own mobile is no conflict").isZero();
    }

    @Test
    void aParentsIdWhereAStudentIsRequiredIs65010() {
        school.parentOf("papa", "zhangsan");
        JsonNode r = update("{\"student_userid\":\"PAPA\",\"name\":\"x\"}");
        assertThat(r.path("errcode").asInt()).isEqualTo(65010);
        assertThat(phrase(r)).isEqualTo("userid is not a student: PAPA");
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        JsonNode r = update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":\"zs\",\"name\":\"new\",\"department\":[13,999]}");
        assertThat(r.path("errcode").asInt()).isEqualTo(40066);
        StudentsOverHttp.Student s = school.student("zhangsan").orElseThrow();
        assertThat(s.name()).isEqualTo("zhangsan");
        assertThat(s.renamed()).isFalse();
        assertThat(school.studentCount(13)).isZero();
        assertThat(update("{\"student_userid\":\"zhangsan\",\"mobile\":\"phone\"}").path("errcode").asInt()).isEqualTo(60103);
        assertThat(update("{\"student_userid\":\"ghost\",\"name\":\"x\"}").path("errcode").asInt()).isEqualTo(60111);
        assertThat(update("{\"name\":\"x\"}").path("errcode").asInt()).isEqualTo(41009);
    }

    @Test
    void nullsAreAbsentFieldsAndNumbersMayBeStrings() {
        JsonNode r = update("{\"student_userid\":\"zhangsan\",\"new_student_userid\":null,\"name\":null,\"mobile\":null,"
                + "\"department\":[\"13\"],\"unknown\":{\"x\":1}}");
        assertThat(r.path("errcode").asInt()).isZero();
        StudentsOverHttp.Student s = school.student("zhangsan").orElseThrow();
        assertThat(s.department()).containsExactly(13L);
        assertThat(s.name()).isEqualTo("zhangsan");
        assertThat(s.mobile()).isEqualTo("13800000000");
    }
}
