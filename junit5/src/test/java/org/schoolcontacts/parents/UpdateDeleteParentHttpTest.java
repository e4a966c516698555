package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.parents.ParentsSchool.USER;
import static org.schoolcontacts.parents.ParentsSchool.child;
import static org.schoolcontacts.parents.ParentsSchool.errcode;
import static org.schoolcontacts.parents.ParentsSchool.parent;
import static org.schoolcontacts.parents.ParentsSchool.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** update_parent and delete_parent (spec 6.8, 6.9) over HTTP. */
@SchoolContactsServer(seed = ParentsSchool.SEED)
class UpdateDeleteParentHttpTest {
    SchoolContactsHandle handle;

    @BeforeEach
    void school() {
        ParentsSchool.reset(handle);
        assertThat(errcode(handle.editor().post(USER + "create_parent", parent("p1", "1001", child("s1", "mother"), child("s2", "mother"))))).isZero();
        assertThat(errcode(handle.editor().post(USER + "create_parent", parent("p2", "1002", child("s1", "father"))))).isZero();
    }

    JsonNode update(Object body) {
        return handle.editor().post(USER + "update_parent", body);
    }

    JsonNode get(String userid) {
        return handle.editor().get(USER + "get?userid=" + userid);
    }

    @Test
    void aParentIsRenamedOnceTheSecondAttemptGets301036() {
        JsonNode first = update(Map.of("parent_userid", "P1", "new_parent_userid", "p1-new"));
        assertThat(first.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"updated\"}");
        assertThat(get("p1-new").at("/parent/parent_userid").asText()).isEqualTo("p1-new");
        assertThat(errcode(get("p1"))).isEqualTo(60111);
        // its child still lists it under the new id
        assertThat(get("s2").at("/student/parents/0/parent_userid").asText()).isEqualTo("p1-new");
        JsonNode second = update(Map.of("parent_userid", "p1-new", "new_parent_userid", "p1-newer"));
        assertThat(errcode(second)).isEqualTo(301036);
        assertThat(phrase(second)).isEqualTo("userid can not be updated: p1-new");
    }

    @Test
    void aCaseOnlyRenameCountsAsTheOneRename() {
        assertThat(errcode(update(Map.of("parent_userid", "p2", "new_parent_userid", "P2")))).isZero();
        assertThat(get("p2").at("/parent/parent_userid").asText()).isEqualTo("P2");
        assertThat(errcode(update(Map.of("parent_userid", "p2", "new_parent_userid", "p3")))).isEqualTo(301036);
    }

    @Test
    void renamingOntoAnExistingStudentOrParentGets60102() {
        assertThat(phrase(update(Map.of("parent_userid", "p1", "new_parent_userid", "S1")))).isEqualTo("userid existed: S1");
        assertThat(errcode(update(Map.of("parent_userid", "p1", "new_parent_userid", "P2")))).isEqualTo(60102);
        assertThat(errcode(update(Map.of("parent_userid", "p1", "new_parent_userid", "p1!")))).isEqualTo(40003);
        assertThat(errcode(update(Map.of("parent_userid", "p1", "new_parent_userid", "")))).isEqualTo(40058);
        assertThat(errcode(update(Map.of("parent_userid", "p1", "new_parent_userid", "p1-free")))).isZero();
    }

    @Test
    void nonEmptyChildrenReplaceTheListEmptyOnesLeaveIt() {
        assertThat(errcode(update(Map.of("parent_userid", "p1", "children", List.of())))).isZero();
        assertThat(get("p1").at("/parent/children")).hasSize(2);
        assertThat(errcode(update(Map.of("parent_userid", "p1", "children", List.of(child("S3", "aunt")))))).isZero();
        assertThat(get("p1").at("/parent/children").toString()).isEqualTo("[{\"student_userid\":\"S3\",\"relation\":\"aunt\"}]");
        assertThat(get("s2").at("/student/parents")).isEmpty();
    }

    @Test
    void updateChecksTheMobileAndFindsOnlyParents() {
        assertThat(errcode(update(Map.of("parent_userid", "p1", "mobile", "1002")))).isEqualTo(60137);
        assertThat(errcode(update(Map.of("parent_userid", "p1", "mobile", "10O1")))).isEqualTo(60103);
        assertThat(errcode(update(Map.of("parent_userid", "p1", "mobile", "1001")))).isZero();
        assertThat(errcode(update(Map.of("parent_userid", "p1", "mobile", "1003")))).isZero();
        assertThat(get("p1").at("/parent/mobile").asText()).isEqualTo("1003");
        assertThat(phrase(update(Map.of("parent_userid", "s1", "mobile", "1004")))).isEqualTo("userid not found: s1");
        assertThat(errcode(update(Map.of("mobile", "1004")))).isEqualTo(41009);
    }

    @Test
    void deleteRemovesTheParentAndKeepsItsChildren() {
        JsonNode deleted = handle.editor().get(USER + "delete_parent?userid=P1");
        assertThat(deleted.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"deleted\"}");
        assertThat(errcode(get("p1"))).isEqualTo(60111);
        assertThat(get("s1").at("/student/parents").toString()).contains("\"p2\"").doesNotContain("\"p1\"");
        assertThat(get("s2").at("/student/parents")).isEmpty();
        assertThat(phrase(handle.editor().get(USER + "delete_parent?userid=p1"))).isEqualTo("userid not found: p1");
        assertThat(errcode(handle.editor().get(USER + "delete_parent?userid=s1"))).isEqualTo(60111);
        assertThat(errcode(handle.editor().get(USER + "delete_parent"))).isEqualTo(41009);
    }
}
