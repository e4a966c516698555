package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.departments.DepartmentCalls.assertError;
import static org.schoolcontacts.departments.DepartmentCalls.create;
import static org.schoolcontacts.departments.DepartmentCalls.delete;
import static org.schoolcontacts.departments.DepartmentCalls.ids;
import static org.schoolcontacts.departments.DepartmentCalls.list;
import static org.schoolcontacts.departments.DepartmentCalls.update;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.WeComClient;

/** Spec 3: department writes need edit permission, list needs any school permission; refusals are 48002. */
@SchoolContactsServer
class DepartmentPermissionHttpTest {
    SchoolContactsHandle handle;

    @BeforeEach
    void freshSchool() {
        handle.reset();
    }

    @Test
    void aReadOnlyAppListsButCannotWrite() {
        WeComClient reader = handle.reader();
        assertThat(ids(list(reader))).containsExactly(1L, 10L, 11L);
        assertError(create(reader, "{'parentid':1,'type':3,'name':'S'}"), 48002, "api forbidden");
        assertError(update(reader, "{'id':11,'name':'X'}"), 48002, "api forbidden");
        assertError(delete(reader, 11), 48002, "api forbidden");
        assertThat(ids(list(reader))).containsExactly(1L, 10L, 11L);
    }

    @Test
    void anAppWithoutSchoolPermissionCannotEvenList() {
        WeComClient none = handle.client("none-secret-0001");
        assertError(list(none), 48002, "api forbidden");
        assertError(create(none, "{'parentid':1,'type':3,'name':'S'}"), 48002, "api forbidden");
    }

    @Test
    void anAgencyAppWithEditPermissionMayCreate() {
        WeComClient agency = handle.client("agency-secret-01");
        assertThat(create(agency, "{'parentid':1,'type':3,'name':'S'}").path("errcode").asInt()).isZero();
    }

    @Test
    void permissionIsCheckedBeforeTheBody() {
        // an invalid body from a read-only app is refused for permission, not for the body
        assertError(create(handle.reader(), "{}"), 48002, "api forbidden");
    }
}
