package org.schoolcontacts.departments;

import org.junit.jupiter.api.BeforeEach;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.WeComClient;

/** The department HTTP tests' common ground: the demo school, reset before each test, and its editing app. */
@SchoolContactsServer
abstract class DepartmentHttpTestBase {
    SchoolContactsHandle handle;
    WeComClient editor;

    @BeforeEach
    void freshSchool() {
        handle.reset();
        editor = handle.editor();
    }
}
