package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.departments.DepartmentCalls.assertError;
import static org.schoolcontacts.departments.DepartmentCalls.create;
import static org.schoolcontacts.departments.DepartmentCalls.created;
import static org.schoolcontacts.departments.DepartmentCalls.department;
import static org.schoolcontacts.departments.DepartmentCalls.ids;
import static org.schoolcontacts.departments.DepartmentCalls.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /cgi-bin/school/department/create (spec 7.1) on the demo school: grade 10 (小学一年级, standard grade 31) with class 11. */
class DepartmentCreateHttpTest extends DepartmentHttpTestBase {
    @Test
    void createAnswersCreatedWithTheLargestIdPlusOne() {
        JsonNode r = create(editor, "{'parentid':10,'type':1,'name':'Class 2'}");
        assertThat(r.path("errcode").asInt()).isZero();
        assertThat(r.path("errmsg").asText()).isEqualTo("created");
        assertThat(r.path("id").asLong()).isEqualTo(12);
        assertThat(ids(list(editor))).containsExactly(1L, 10L, 11L, 12L);
    }

    @Test
    void aNameOf32CharactersIsAcceptedAnd33Is60001() {
        String latin32 = "n".repeat(32);
        String chinese32 = "班".repeat(32);
        long a = created(editor, "{'parentid':1,'type':3,'name':'" + latin32 + "'}");
        long b = created(editor, "{'parentid':1,'type':3,'name':'" + chinese32 + "'}");
        assertThat(department(editor, a).path("name").asText()).isEqualTo(latin32);
        assertThat(department(editor, b).path("name").asText()).isEqualTo(chinese32);
        assertError(create(editor, "{'parentid':1,'type':3,'name':'" + latin32 + "n'}"), 60001, "invalid department name length");
        assertError(create(editor, "{'parentid':1,'type':3,'name':'" + chinese32 + "班'}"), 60001, "invalid department name length");
        assertError(create(editor, "{'parentid':1,'type':3,'name':''}"), 60001, "invalid department name length");
        assertError(create(editor, "{'parentid':1,'type':3}"), 60001, "invalid department name length");
    }

    @Test
    void everyForbiddenCharacterIs60009() {
        for (String c : List.of("-", ":", "*", "?", "\"", "<", ">", "/", "\\", "|")) {
            JsonNode r = editor.post(DepartmentCalls.CREATE, Map.of("parentid", 1, "type", 3, "name", "A" + c + "B"));
            assertError(r, 60009, "invalid department name");
        }
        assertThat(ids(list(editor))).containsExactly(1L, 10L, 11L);
    }

    @Test
    void aGivenIdMustBeAboveOne() {
        assertError(create(editor, "{'id':1,'parentid':1,'type':3,'name':'S'}"), 40058, "invalid parameter: id");
        assertError(create(editor, "{'id':0,'parentid':1,'type':3,'name':'S'}"), 40058, "invalid parameter: id");
        assertThat(created(editor, "{'id':2,'parentid':1,'type':3,'name':'S'}")).isEqualTo(2);
    }

    @Test
    void anExistingIdIs60008() {
        assertError(create(editor, "{'id':10,'parentid':1,'type':3,'name':'S'}"), 60008, "department existed");
        assertThat(department(editor, 10).path("type").asInt()).isEqualTo(2);
    }

    @Test
    void anUnknownParentIs60004() {
        assertError(create(editor, "{'parentid':99,'type':2,'name':'G'}"), 60004, "parent department not found");
    }

    @Test
    void aClassOnlyUnderAGradeAndNothingUnderAClassElse65015() {
        assertError(create(editor, "{'parentid':11,'type':1,'name':'C'}"), 65015, "parent department type mismatch");
        assertError(create(editor, "{'parentid':11,'type':2,'name':'G'}"), 65015, "parent department type mismatch");
        assertError(create(editor, "{'parentid':1,'type':1,'name':'C'}"), 65015, "parent department type mismatch");
        assertThat(created(editor, "{'parentid':10,'type':1,'name':'C'}")).isPositive();
    }

    @Test
    void aTypeOutsideOneToFourIs65007AndAMissingOne40058() {
        for (String type : List.of("0", "5", "-1", "6")) {
            assertError(create(editor, "{'parentid':1,'type':" + type + ",'name':'D'}"), 65007, "invalid school department type");
        }
        // a mistyped type is read as absent (spec 1.3): missing, with the warning
        JsonNode mistyped = create(editor, "{'parentid':1,'type':'x','name':'D'}");
        assertError(mistyped, 40058, "Warning: wrong json format. invalid parameter: type");
        assertError(create(editor, "{'parentid':1,'name':'D'}"), 40058, "invalid parameter: type");
        assertError(create(editor, "{'type':2,'name':'D'}"), 40058, "invalid parameter: parentid");
    }

    @Test
    void aStandardGradeGetsWeComsTableNameAndTheEnrolmentYearOfItsPlaceInItsStage() {
        int year = handle.server().clock().year();
        long id = created(editor, "{'parentid':1,'type':2,'name':'My name','standard_grade':91}");
        JsonNode g = department(editor, id);
        assertThat(g.path("name").asText()).isEqualTo("高中一年级");
        assertThat(g.path("standard_grade").asInt()).isEqualTo(91);
        assertThat(g.path("register_year").asInt()).isEqualTo(year);
        JsonNode third = department(editor, created(editor, "{'parentid':1,'type':2,'standard_grade':33}"));
        assertThat(third.path("name").asText()).isEqualTo("小学三年级");
        assertThat(third.path("register_year").asInt()).isEqualTo(year - 2);
    }

    @Test
    void aStandardGradeCodeOutsideWeComsTableIs65009() {
        for (int code : new int[] {6, 13, 30, 40, 133}) {
            assertError(create(editor, "{'parentid':1,'type':2,'standard_grade':" + code + "}"), 65009, "invalid standard_grade");
        }
    }

    @Test
    void registerYearOutside1970To2100Is65008() {
        assertError(create(editor, "{'parentid':1,'type':2,'standard_grade':1,'register_year':1969}"), 65008, "invalid register_year");
        assertError(create(editor, "{'parentid':1,'type':2,'standard_grade':1,'register_year':2101}"), 65008, "invalid register_year");
        long a = created(editor, "{'parentid':1,'type':2,'standard_grade':1,'register_year':1970}");
        long b = created(editor, "{'parentid':1,'type':2,'standard_grade':1,'register_year':2100}");
        assertThat(department(editor, a).path("register_year").asInt()).isEqualTo(1970);
        assertThat(department(editor, b).path("register_year").asInt()).isEqualTo(2100);
    }

    @Test
    void orderIsAnUnsigned32BitNumber() {
        assertError(create(editor, "{'parentid':1,'type':3,'name':'S','order':-1}"), 40058, "invalid parameter: order");
        assertError(create(editor, "{'parentid':1,'type':3,'name':'S','order':4294967296}"), 40058, "invalid parameter: order");
        long top = created(editor, "{'parentid':1,'type':3,'name':'S','order':4294967295}");
        long zero = created(editor, "{'parentid':1,'type':3,'name':'S','order':0}");
        assertThat(department(editor, top).path("order").asLong()).isEqualTo(4294967295L);
        assertThat(department(editor, zero).path("order").asLong()).isZero();
    }

    @Test
    void adminsMustFitTheDepartmentElse65006AndOnlyTeachersHaveASubjectOfAtMost15Characters() {
        String klass = "{'parentid':10,'type':1,'name':'C','department_admins':";
        long id = created(editor, klass + "[{'userid':'teacher1','type':3,'subject':'" + "语".repeat(15) + "'}]}");
        JsonNode admin = department(editor, id).path("department_admins").get(0);
        assertThat(admin.path("userid").asText()).isEqualTo("teacher1");
        assertThat(admin.path("type").asInt()).isEqualTo(3);
        assertThat(admin.path("subject").asText()).isEqualTo("语".repeat(15));
        assertError(create(editor, klass + "[{'userid':'t','type':3,'subject':'" + "语".repeat(16) + "'}]}"), 40058, "invalid parameter");
        assertError(create(editor, klass + "[{'userid':'t','type':1}]}"), 65006, "invalid department admin type");
        assertError(create(editor, klass + "[{'userid':'t','type':7}]}"), 65006, "invalid department admin type");
        assertError(create(editor, klass + "[{'userid':'t!','type':3}]}"), 40058, "invalid parameter");
        assertError(create(editor, "{'parentid':1,'type':2,'name':'G','department_admins':[{'userid':'t','type':2,'subject':'x'}]}"),
                40058, "invalid parameter");
    }

    @Test
    void aBodyThatIsNotJsonIsTreatedAsEmptyAndNamedInTheErrmsg() {
        JsonNode r = editor.post(DepartmentCalls.CREATE, "{parentid:1");
        assertThat(r.path("errcode").asInt()).isEqualTo(40058);
        assertThat(r.path("errmsg").asText()).startsWith("Warning: wrong json format. ");
    }
}
