package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.WeComClient;

@SchoolContactsServer(seed = StudentsOverHttp.SEED)
class StudentPermissionHttpTest {
    SchoolContactsHandle handle;
    StudentsOverHttp school;

    @BeforeEach
    void freshSchool() {
        school = new StudentsOverHttp(handle).freshSchool();
        school.postText("create_student", "{\"student_userid\":\"s1\",\"name\":\"n\",\"department\":[11]}");
    }

    private static final List<String> POSTS = List.of(
            "create_student|{\"student_userid\":\"s2\",\"name\":\"n\",\"department\":[11]}",
            "update_student|{\"student_userid\":\"s1\",\"name\":\"changed\"}",
            "batch_create_student|{\"students\":[{\"student_userid\":\"s3\",\"name\":\"n\",\"department\":[11]}]}",
            "batch_update_student|{\"students\":[{\"student_userid\":\"s1\",\"name\":\"changed\"}]}",
            "batch_delete_student|{\"useridlist\":[\"s1\"]}");

    private void assertEveryWriteForbidden(WeComClient app) {
        for (String p : POSTS) {
            String[] parts = p.split("\\|", 2);
            JsonNode r = app.post(StudentsOverHttp.BASE + parts[0], parts[1]);
            assertThat(r.path("errcode").asInt()).as(parts[0]).isEqualTo(48002);
            assertThat(r.has("result_list")).as(parts[0]).isFalse();
        }
        assertThat(app.get(StudentsOverHttp.BASE + "delete_student?userid=s1").path("errcode").asInt()).isEqualTo(48002);
        StudentsOverHttp.Student s1 = school.student("s1").orElseThrow();
        assertThat(s1.name()).isEqualTo("n");
        assertThat(school.students()).isEqualTo(1);
    }

    @Test
    void aReadOnlyAppGets48002OnEveryStudentWriteAndChangesNothing() {
        assertEveryWriteForbidden(handle.reader());
    }

    @Test
    void anAppWithoutSchoolPermissionGets48002() {
        assertEveryWriteForbidden(handle.client("students-none-01"));
    }

    @Test
    void theEditAppMayWrite() {
        assertThat(school.postText("update_student", "{\"student_userid\":\"s1\",\"name\":\"changed\"}").path("errmsg").asText())
                .isEqualTo("updated");
        assertThat(school.student("s1").orElseThrow().name()).isEqualTo("changed");
    }
}
