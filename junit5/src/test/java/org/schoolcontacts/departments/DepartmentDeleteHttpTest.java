package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.departments.DepartmentCalls.addStudent;
import static org.schoolcontacts.departments.DepartmentCalls.assertError;
import static org.schoolcontacts.departments.DepartmentCalls.assertOk;
import static org.schoolcontacts.departments.DepartmentCalls.created;
import static org.schoolcontacts.departments.DepartmentCalls.delete;
import static org.schoolcontacts.departments.DepartmentCalls.ids;
import static org.schoolcontacts.departments.DepartmentCalls.list;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** GET /cgi-bin/school/department/delete?id= (spec 7.3). */
class DepartmentDeleteHttpTest extends DepartmentHttpTestBase {
    @Test
    void deletingAnEmptyClassAnswersDeleted() {
        long grade = created(editor, "{'parentid':1,'type':2,'name':'G'}");
        long klass = created(editor, "{'parentid':" + grade + ",'type':1,'name':'C'}");
        JsonNode r = delete(editor, klass);
        assertOk(r);
        assertThat(r.path("errmsg").asText()).isEqualTo("deleted");
        assertOk(delete(editor, grade));
        assertThat(ids(list(editor))).doesNotContain(grade, klass);
    }

    @Test
    void theRootIs60007() {
        assertError(delete(editor, 1), 60007, "can not delete root department");
    }

    @Test
    void aDepartmentWithChildrenIs60006() {
        assertError(delete(editor, 10), 60006, "department has children");
        assertThat(ids(list(editor))).contains(10L, 11L);
    }

    @Test
    void aClassWithStudentsIs60005UntilItIsEmpty() {
        long grade = created(editor, "{'parentid':1,'type':2,'name':'G'}");
        long klass = created(editor, "{'parentid':" + grade + ",'type':1,'name':'C'}");
        addStudent(handle, "stu-del", klass);
        assertError(delete(editor, klass), 60005, "department has members");
        handle.server().database().write(handle.corpId(), tx ->
                tx.update("DELETE FROM users WHERE corp_id = ? AND user_key = 'stu-del'", handle.corpId()));
        assertOk(delete(editor, klass));
    }

    @Test
    void anUnknownIdIs60003() {
        assertError(delete(editor, 999), 60003, "department not found");
    }

    @Test
    void aMissingOrNonNumericIdIs40058() {
        assertError(editor.get(DepartmentCalls.DELETE), 40058, "invalid parameter: id");
        assertError(delete(editor, "null"), 40058, "invalid parameter: id");
        assertError(delete(editor, "abc"), 40058, "invalid parameter: id");
        assertError(delete(editor, ""), 40058, "invalid parameter: id");
    }
}
