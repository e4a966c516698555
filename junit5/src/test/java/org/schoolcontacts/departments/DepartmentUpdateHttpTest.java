package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.departments.DepartmentCalls.addStudent;
import static org.schoolcontacts.departments.DepartmentCalls.assertError;
import static org.schoolcontacts.departments.DepartmentCalls.assertOk;
import static org.schoolcontacts.departments.DepartmentCalls.classesOf;
import static org.schoolcontacts.departments.DepartmentCalls.created;
import static org.schoolcontacts.departments.DepartmentCalls.department;
import static org.schoolcontacts.departments.DepartmentCalls.ids;
import static org.schoolcontacts.departments.DepartmentCalls.list;
import static org.schoolcontacts.departments.DepartmentCalls.update;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** POST /cgi-bin/school/department/update (spec 7.2) on the demo school: grade 10 (小学一年级, standard grade 31) with class 11. */
class DepartmentUpdateHttpTest extends DepartmentHttpTestBase {
    @Test
    void updateAnswersUpdatedAndChangesNameParentAndOrderButNotType() {
        long other = created(editor, "{'parentid':1,'type':2,'name':'Other grade'}");
        JsonNode r = update(editor, "{'id':11,'name':'Class A','parentid':" + other + ",'order':3,'type':2}");
        assertOk(r);
        assertThat(r.path("errmsg").asText()).isEqualTo("updated");
        JsonNode c = department(editor, 11);
        assertThat(c.path("name").asText()).isEqualTo("Class A");
        assertThat(c.path("parentid").asLong()).isEqualTo(other);
        assertThat(c.path("order").asLong()).isEqualTo(3);
        assertThat(c.path("type").asInt()).isEqualTo(1);
    }

    @Test
    void newIdTakesStudentsAndChildrenAlong() {
        long grade = created(editor, "{'parentid':1,'type':2,'name':'G'}");
        long klass = created(editor, "{'parentid':" + grade + ",'type':1,'name':'C'}");
        addStudent(handle, "stu-move", klass);
        assertOk(update(editor, "{'id':" + grade + ",'new_id':300}"));
        assertOk(update(editor, "{'id':" + klass + ",'new_id':301}"));
        assertThat(department(editor, 301).path("parentid").asLong()).isEqualTo(300);
        assertThat(ids(list(editor))).doesNotContain(grade, klass);
        assertThat(classesOf(handle, "stu-move")).containsExactly(301L);
    }

    @Test
    void newIdOfAnExistingDepartmentIs60008() {
        assertError(update(editor, "{'id':11,'new_id':10}"), 60008, "department existed");
        assertThat(ids(list(editor))).containsExactly(1L, 10L, 11L);
    }

    @Test
    void theRootKeepsItsIdAndParent() {
        assertError(update(editor, "{'id':1,'new_id':5}"), 40058, "invalid parameter: new_id");
        assertError(update(editor, "{'id':1,'parentid':10}"), 40058, "invalid parameter: parentid");
        assertOk(update(editor, "{'id':1,'name':'Renamed School'}"));
        assertThat(department(editor, 1).path("name").asText()).isEqualTo("Renamed School");
    }

    @Test
    void movingUnderItselfOrADescendantIs60010() {
        long sub = created(editor, "{'parentid':10,'type':3,'name':'Sub'}");
        assertError(update(editor, "{'id':10,'parentid':" + sub + "}"), 60010, "department loop");
        assertError(update(editor, "{'id':10,'parentid':10}"), 60010, "department loop");
        assertThat(department(editor, 10).path("parentid").asLong()).isEqualTo(1);
    }

    @Test
    void unknownIdIs60003AndUnknownParentIs60004() {
        assertError(update(editor, "{'id':999,'name':'x'}"), 60003, "department not found");
        assertError(update(editor, "{'id':11,'parentid':999}"), 60004, "parent department not found");
        assertError(update(editor, "{'name':'x'}"), 40058, "invalid parameter: id");
    }

    @Test
    void aClassMovesOnlyUnderAGradeElse65015() {
        long stage = created(editor, "{'parentid':1,'type':3,'name':'Stage'}");
        assertError(update(editor, "{'id':11,'parentid':" + stage + "}"), 65015, "parent department type mismatch");
        assertError(update(editor, "{'id':" + stage + ",'parentid':11}"), 65015, "parent department type mismatch");
    }

    @Test
    void nameRulesApplyOnUpdate() {
        assertError(update(editor, "{'id':11,'name':'" + "班".repeat(33) + "'}"), 60001, "invalid department name length");
        assertError(update(editor, "{'id':11,'name':'A/B'}"), 60009, "invalid department name");
        assertOk(update(editor, "{'id':11,'name':'" + "班".repeat(32) + "'}"));
    }

    @Test
    void standardGradeZeroMakesAPlainGradeAndItsNameIsThenTaken() {
        // grade 10 is standard grade 31: a name sent for it is ignored
        assertOk(update(editor, "{'id':10,'name':'Ignored'}"));
        assertThat(department(editor, 10).path("name").asText()).isEqualTo("小学一年级");
        assertError(update(editor, "{'id':10,'standard_grade':7}"), 65009, "invalid standard_grade");
        assertError(update(editor, "{'id':10,'register_year':2101}"), 65008, "invalid register_year");
        assertOk(update(editor, "{'id':10,'standard_grade':0,'name':'Plain'}"));
        JsonNode g = department(editor, 10);
        assertThat(g.path("name").asText()).isEqualTo("Plain");
        assertThat(g.has("standard_grade")).isFalse();
        assertThat(g.has("register_year")).isFalse();
        assertThat(g.path("is_graduated").asInt()).isZero();
    }

    @Test
    void adminsAreAddedUpdatedAndRemovedByOp() {
        assertOk(update(editor, "{'id':11,'department_admins':[{'op':0,'userid':'t1','type':3,'subject':'语文'},"
                + "{'op':0,'userid':'t2','type':4,'subject':'数学'}]}"));
        assertOk(update(editor, "{'id':11,'department_admins':[{'op':1,'userid':'T1'},{'op':0,'userid':'t2','subject':'英语'}]}"));
        JsonNode admins = department(editor, 11).path("department_admins");
        assertThat(admins).hasSize(1);
        assertThat(admins.get(0).path("userid").asText()).isEqualTo("t2");
        assertThat(admins.get(0).path("type").asInt()).isEqualTo(4);
        assertThat(admins.get(0).path("subject").asText()).isEqualTo("英语");
        assertError(update(editor, "{'id':11,'department_admins':[{'userid':'t3','type':3}]}"), 40058, "invalid parameter: department_admins.op");
        assertError(update(editor, "{'id':11,'department_admins':[{'op':0,'userid':'t3','type':2}]}"), 65006, "invalid department admin type");
        assertError(update(editor, "{'id':10,'department_admins':[{'op':0,'userid':'t3','type':2,'subject':'x'}]}"), 40058, "invalid parameter");
    }
}
