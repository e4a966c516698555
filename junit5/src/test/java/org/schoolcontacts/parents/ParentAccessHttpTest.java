package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.parents.ParentsSchool.USER;
import static org.schoolcontacts.parents.ParentsSchool.child;
import static org.schoolcontacts.parents.ParentsSchool.errcode;
import static org.schoolcontacts.parents.ParentsSchool.parent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.WeComClient;

/**
 * Who may call the parent endpoints (spec 3.2) and who may see parents' mobiles (spec 3.3): never a
 * third-party app, an agency app only with mobile_authorized, every other app that may read.
 */
@SchoolContactsServer(seed = ParentsSchool.SEED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParentAccessHttpTest {
    static final String MOBILE = "13900000001";
    SchoolContactsHandle handle;

    @BeforeAll
    void school(SchoolContactsHandle handle) {
        ParentsSchool.reset(handle);
        assertThat(errcode(handle.editor().post(USER + "create_parent", parent("p1", MOBILE, child("s1", "x"))))).isZero();
    }

    WeComClient app(String secret) {
        return handle.client(secret);
    }

    /** Every place a parent's mobile can appear, as this app sees them. */
    List<JsonNode> mobilesSeenBy(WeComClient app) {
        return List.of(
                app.get(USER + "get?userid=p1").at("/parent/mobile"),
                app.get(USER + "get?userid=s1").at("/student/parents/0/mobile"),
                app.get(USER + "list?department_id=11").at("/students/0/parents/0/mobile"),
                app.get(USER + "list_parent?department_id=11").at("/parents/0/mobile"));
    }

    @Test
    void selfBuiltAppsSeeParentsMobiles() {
        for (String secret : List.of("parents-edit-0001", "parents-read-0001", "parents-parent-app")) {
            assertThat(mobilesSeenBy(app(secret))).as(secret).extracting(JsonNode::asText).containsOnly(MOBILE);
        }
    }

    @Test
    void anAgencyAppSeesMobilesOnlyWhenAuthorised() {
        assertThat(mobilesSeenBy(app("parents-agency-mobile"))).extracting(JsonNode::asText).containsOnly(MOBILE);
        assertThat(mobilesSeenBy(app("parents-agency-plain"))).allMatch(JsonNode::isMissingNode);
        // the rest of the answer is there all the same
        assertThat(app("parents-agency-plain").get(USER + "get?userid=p1").at("/parent/children/0/student_userid").asText()).isEqualTo("s1");
    }

    @Test
    void aThirdPartyAppNeverSeesMobiles() {
        assertThat(mobilesSeenBy(app("parents-third-party"))).allMatch(JsonNode::isMissingNode);
        assertThat(app("parents-third-party").get(USER + "list_parent?department_id=11").at("/parents/0/parent_userid").asText()).isEqualTo("p1");
    }

    @Test
    void readOnlyAppsMayNotWriteParentsAndAppsWithoutPermissionMayNotRead() {
        for (String secret : List.of("parents-read-0001", "parents-parent-app", "parents-agency-mobile")) {
            WeComClient app = app(secret);
            assertThat(errcode(app.post(USER + "create_parent", parent("p9", "9", child("s1", "x"))))).as(secret).isEqualTo(48002);
            assertThat(errcode(app.post(USER + "update_parent", Map.of("parent_userid", "p1", "mobile", "8")))).isEqualTo(48002);
            assertThat(errcode(app.get(USER + "delete_parent?userid=p1"))).isEqualTo(48002);
            assertThat(errcode(app.post(USER + "batch_create_parent", Map.of()))).isEqualTo(48002);
            assertThat(errcode(app.post(USER + "batch_update_parent", Map.of()))).isEqualTo(48002);
            assertThat(errcode(app.post(USER + "batch_delete_parent", Map.of()))).isEqualTo(48002);
        }
        WeComClient none = app("parents-none-0001");
        assertThat(errcode(none.get(USER + "get?userid=p1"))).isEqualTo(48002);
        assertThat(errcode(none.get(USER + "list?department_id=11"))).isEqualTo(48002);
        assertThat(errcode(none.get(USER + "list_parent?department_id=11"))).isEqualTo(48002);
        assertThat(errcode(handle.editor().get(USER + "get?userid=p1"))).isZero();
    }

    @Test
    void editAppsOfEveryKindMayWriteParents() {
        assertThat(errcode(app("parents-agency-plain").post(USER + "batch_update_parent",
                Map.of("parents", List.of(Map.of("parent_userid", "p1", "mobile", MOBILE)))))).isZero();
        assertThat(errcode(app("parents-third-party").post(USER + "batch_delete_parent", Map.of("useridlist", List.of("nobody")))))
                .isEqualTo(60111);
    }
}
