package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.parents.ParentsSchool.USER;
import static org.schoolcontacts.parents.ParentsSchool.child;
import static org.schoolcontacts.parents.ParentsSchool.errcode;
import static org.schoolcontacts.parents.ParentsSchool.parent;
import static org.schoolcontacts.parents.ParentsSchool.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * school/user/get, list and list_parent (spec 6.13-6.15) over HTTP, read with a read-only app: the
 * exact JSON shapes, and the refusals. The school is set up once; these tests only read.
 */
@SchoolContactsServer(seed = ParentsSchool.SEED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchoolReadsHttpTest {
    SchoolContactsHandle handle;

    @BeforeAll
    void school(SchoolContactsHandle handle) {
        ParentsSchool.reset(handle);
        assertThat(errcode(handle.editor().post(USER + "create_parent", parent("Mum", "13900000001", child("s2", "妈妈"), child("S3", "妈妈"))))).isZero();
        assertThat(errcode(handle.editor().post(USER + "create_parent", parent("dad", "13900000002", child("S3", "爸爸"))))).isZero();
        ParentsSchool.subscribe(handle, "dad", "wmDAD");
    }

    JsonNode read(String pathAndQuery) {
        return handle.reader().get(USER + pathAndQuery);
    }

    @Test
    void getAStudentAnswersUserTypeOneWithClassesAndParents() {
        assertThat(read("get?userid=s3").toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"user_type\":1,\"student\":{"
                + "\"student_userid\":\"S3\",\"name\":\"Wang Fang\",\"department\":[12,11],\"parents\":["
                + "{\"parent_userid\":\"Mum\",\"relation\":\"妈妈\",\"mobile\":\"13900000001\",\"is_subscribe\":0},"
                + "{\"parent_userid\":\"dad\",\"relation\":\"爸爸\",\"mobile\":\"13900000002\",\"is_subscribe\":1,\"external_userid\":\"wmDAD\"}]}}");
        assertThat(read("get?userid=s1").path("student").path("parents").isArray()).isTrue();
    }

    @Test
    void getAParentAnswersUserTypeTwoWithChildren() {
        assertThat(read("get?userid=MUM").toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"user_type\":2,\"parent\":{"
                + "\"parent_userid\":\"Mum\",\"mobile\":\"13900000001\",\"is_subscribe\":0,\"children\":["
                + "{\"student_userid\":\"s2\",\"relation\":\"妈妈\"},{\"student_userid\":\"S3\",\"relation\":\"妈妈\"}]}}");
    }

    @Test
    void getRefusesAMissingOrUnknownId() {
        assertThat(errcode(read("get"))).isEqualTo(41009);
        assertThat(errcode(read("get?userid="))).isEqualTo(41009);
        assertThat(phrase(read("get?userid=nobody@x.y"))).isEqualTo("userid not found: nobody@x.y");
    }

    @Test
    void listAnswersTheClassStudentsByCreationEachWithClassesAndParents() {
        JsonNode answer = read("list?department_id=11&fetch_child=0");
        assertThat(answer.path("students")).extracting(s -> s.path("student_userid").asText()).containsExactly("s1", "s2", "S3");
        assertThat(answer.at("/students/0").toString())
                .isEqualTo("{\"student_userid\":\"s1\",\"name\":\"Li Lei\",\"department\":[11],\"parents\":[]}");
        assertThat(answer.at("/students/2/department").toString()).isEqualTo("[12,11]");
        assertThat(answer.at("/students/2/parents")).hasSize(2);
    }

    @Test
    void listRecursesIntoDescendantsOnlyForFetchChildOne() {
        assertThat(read("list?department_id=10&fetch_child=1").path("students")).hasSize(3);
        assertThat(read("list?department_id=1&fetch_child=1").path("students")).hasSize(3);
        assertThat(read("list?department_id=10&fetch_child=null").toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"students\":[]}");
        assertThat(read("list?department_id=10").path("students")).isEmpty();
        assertThat(read("list?department_id=12&fetch_child=1").path("students")).hasSize(1);
    }

    @Test
    void listAndListParentRefuseMissingOrUnknownDepartments() {
        assertThat(phrase(read("list?fetch_child=1"))).isEqualTo("invalid parameter: department_id");
        assertThat(errcode(read("list?department_id=null"))).isEqualTo(40058);
        assertThat(phrase(read("list?department_id=404"))).isEqualTo("invalid department id: 404");
        assertThat(errcode(read("list_parent"))).isEqualTo(40058);
        assertThat(errcode(read("list_parent?department_id=404"))).isEqualTo(60123);
    }

    @Test
    void listParentAnswersParentsOfTheClassWithAllTheirChildrenNamed() {
        assertThat(read("list_parent?department_id=12").toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"parents\":["
                + "{\"parent_userid\":\"Mum\",\"mobile\":\"13900000001\",\"is_subscribe\":0,\"children\":["
                + "{\"student_userid\":\"s2\",\"relation\":\"妈妈\",\"name\":\"Han Meimei\"},"
                + "{\"student_userid\":\"S3\",\"relation\":\"妈妈\",\"name\":\"Wang Fang\"}]},"
                + "{\"parent_userid\":\"dad\",\"mobile\":\"13900000002\",\"is_subscribe\":1,\"external_userid\":\"wmDAD\",\"children\":["
                + "{\"student_userid\":\"S3\",\"relation\":\"爸爸\",\"name\":\"Wang Fang\"}]}]}");
        assertThat(read("list_parent?department_id=10").toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"parents\":[]}");
    }
}
