package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.EventControls;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.WeComClient;

/**
 * Every row of "what fires what" (spec events §1.2), over HTTP, with a real receiver on a free port
 * behind the edit app's callback. The demo school: class 11 holds s0001, whose parent is p0001.
 */
@SchoolContactsServer
class ChangeEventsHttpTest {
    static final String CORP = "wwschool00000001";
    static final long EDIT_APP = 1000001;
    static final String TOKEN = "Token01";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    SchoolContactsHandle handle;
    EventControls events;
    EventReceiver receiver;
    WeComClient editor;

    @BeforeEach
    void configure() {
        handle.reset();
        events = handle.events();
        receiver = EventReceiver.start(TOKEN, KEY, CORP);
        events.configureCallback(CORP, EDIT_APP, receiver);
        editor = handle.editor();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private List<String> received() {
        events.drain();
        return receiver.summaries();
    }

    private JsonNode school(String endpoint, String json) {
        JsonNode r = editor.post("/cgi-bin/school/" + endpoint, json);
        assertThat(r.path("errcode").asInt()).as(endpoint + " " + r).isZero();
        return r;
    }

    @Test
    void departmentCreateUpdateAndDeleteFireTheirEventsWithRenumberAsNewId() {
        school("department/create", "{\"name\":\"Class 2\",\"parentid\":10,\"type\":1,\"id\":12}");
        school("department/update", "{\"id\":12,\"name\":\"Class 2b\"}");
        school("department/update", "{\"id\":12,\"new_id\":13}");
        school("department/delete?id=13", "{}");
        assertThat(received()).containsExactly("create_department 12", "update_department 12", "update_department 12->13",
                "delete_department 13");
    }

    @Test
    void aDepartmentUpdateThatChangesNothingFiresNothing() {
        school("department/update", "{\"id\":11,\"name\":\"Class 1\"}");
        school("department/create", "{\"name\":\"Marker\",\"parentid\":10,\"type\":1,\"id\":14}");
        assertThat(received()).containsExactly("create_department 14");
    }

    @Test
    void studentWritesFireOneEventEachAndRenamesCarryNewId() {
        school("user/create_student", "{\"student_userid\":\"s0002\",\"name\":\"Han Meimei\",\"department\":[11]}");
        school("user/update_student", "{\"student_userid\":\"s0002\",\"name\":\"Han Meimei 2\"}");
        school("user/update_student", "{\"student_userid\":\"s0002\",\"new_student_userid\":\"s0002b\"}");
        school("user/delete_student?userid=s0002b", "{}");
        assertThat(received()).containsExactly("create_student s0002", "update_student s0002", "update_student s0002->s0002b",
                "delete_student s0002b");
    }

    @Test
    void aBatchFiresOneEventPerAppliedItemAndNoneForFailedOnes() {
        JsonNode r = editor.post("/cgi-bin/school/user/batch_create_student", "{\"students\":["
                + "{\"student_userid\":\"b1\",\"name\":\"B1\",\"department\":[11]},"
                + "{\"student_userid\":\"s0001\",\"name\":\"Taken\",\"department\":[11]},"
                + "{\"student_userid\":\"b2\",\"name\":\"B2\",\"department\":[11]}]}");
        assertThat(r.path("result_list")).hasSize(1);
        editor.post("/cgi-bin/school/user/batch_update_student", "{\"students\":["
                + "{\"student_userid\":\"b1\",\"name\":\"B1\"},"
                + "{\"student_userid\":\"b2\",\"name\":\"B2 new\"},"
                + "{\"student_userid\":\"nobody\",\"name\":\"X\"}]}");
        editor.post("/cgi-bin/school/user/batch_delete_student", "{\"useridlist\":[\"b1\",\"s0001\",\"b2\"]}");
        assertThat(received()).containsExactly("create_student b1", "create_student b2", "update_student b2",
                "delete_student b1", "delete_student b2");
    }

    @Test
    void parentCreateIsFollowedByUpdateStudentPerChildInChildrenOrder() {
        school("user/create_student", "{\"student_userid\":\"s0002\",\"name\":\"Two\",\"department\":[11]}");
        events.drain();
        receiver.clear();
        school("user/create_parent", "{\"parent_userid\":\"p0002\",\"mobile\":\"13900000002\",\"children\":["
                + "{\"student_userid\":\"s0002\",\"relation\":\"母亲\"},{\"student_userid\":\"s0001\",\"relation\":\"母亲\"}]}");
        assertThat(received()).containsExactly("create_parent p0002", "update_student s0002", "update_student s0001");
    }

    @Test
    void parentUpdateCascadesToCurrentChildrenThenRemovedOnes() {
        school("user/create_student", "{\"student_userid\":\"s0002\",\"name\":\"Two\",\"department\":[11]}");
        school("user/create_student", "{\"student_userid\":\"s0003\",\"name\":\"Three\",\"department\":[11]}");
        school("user/create_parent", "{\"parent_userid\":\"p0002\",\"mobile\":\"13900000002\",\"children\":["
                + "{\"student_userid\":\"s0001\",\"relation\":\"母亲\"},{\"student_userid\":\"s0002\",\"relation\":\"母亲\"}]}");
        events.drain();
        receiver.clear();
        // s0001 keeps her relation (unchanged), s0003 is new, s0002 is removed
        school("user/update_parent", "{\"parent_userid\":\"p0002\",\"children\":["
                + "{\"student_userid\":\"s0003\",\"relation\":\"母亲\"},{\"student_userid\":\"s0001\",\"relation\":\"母亲\"}]}");
        assertThat(received()).containsExactly("update_parent p0002", "update_student s0003", "update_student s0002");
    }

    @Test
    void parentRenameChangesEveryChildsParentList() {
        school("user/update_parent", "{\"parent_userid\":\"p0001\",\"new_parent_userid\":\"p0001b\"}");
        assertThat(received()).containsExactly("update_parent p0001->p0001b", "update_student s0001");
    }

    @Test
    void parentUpdateThatChangesNothingFiresNothing() {
        school("user/update_parent", "{\"parent_userid\":\"p0001\",\"mobile\":\"13900000001\"}");
        school("department/create", "{\"name\":\"Marker\",\"parentid\":10,\"type\":1,\"id\":14}");
        assertThat(received()).containsExactly("create_department 14");
    }

    @Test
    void parentDeleteIsFollowedByUpdateStudentPerFormerChild() {
        school("user/delete_parent?userid=p0001", "{}");
        assertThat(received()).containsExactly("delete_parent p0001", "update_student s0001");
    }

    @Test
    void batchParentWritesFireOnlyForAppliedItems() {
        editor.post("/cgi-bin/school/user/batch_create_parent", "{\"parents\":["
                + "{\"parent_userid\":\"p0002\",\"mobile\":\"13900000002\",\"children\":[{\"student_userid\":\"s0001\",\"relation\":\"母亲\"}]},"
                + "{\"parent_userid\":\"p0003\",\"mobile\":\"13900000002\",\"children\":[{\"student_userid\":\"s0001\",\"relation\":\"爷爷\"}]}]}");
        editor.post("/cgi-bin/school/user/batch_delete_parent", "{\"useridlist\":[\"nobody\",\"p0002\"]}");
        assertThat(received()).containsExactly("create_parent p0002", "update_student s0001", "delete_parent p0002", "update_student s0001");
    }

    @Test
    void batchParentUpdatesFireForItemsThatChangedSomethingOnly() {
        school("user/create_parent", "{\"parent_userid\":\"p0002\",\"mobile\":\"13900000002\",\"children\":["
                + "{\"student_userid\":\"s0001\",\"relation\":\"母亲\"}]}");
        events.drain();
        receiver.clear();
        // p0001 gets a new mobile (s0001's parent list changes), p0002 is sent unchanged, nobody fails
        JsonNode r = editor.post("/cgi-bin/school/user/batch_update_parent", "{\"parents\":["
                + "{\"parent_userid\":\"p0001\",\"mobile\":\"13900000009\"},"
                + "{\"parent_userid\":\"p0002\",\"mobile\":\"13900000002\"},"
                + "{\"parent_userid\":\"nobody\",\"mobile\":\"13900000008\"}]}");
        assertThat(r.path("result_list")).as(r.toString()).hasSize(1);
        editor.post("/cgi-bin/school/user/batch_update_parent", "{\"parents\":["
                + "{\"parent_userid\":\"p0002\",\"new_parent_userid\":\"p0002b\"}]}");
        assertThat(received()).containsExactly("update_parent p0001", "update_student s0001", "update_parent p0002->p0002b",
                "update_student s0001");
    }

    @Test
    void theOlderAdminSubscriptionControlFiresTheSameEvents() {
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + CORP + "\",\"parent_userid\":\"p0001\",\"is_subscribe\":1}");
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + CORP + "\",\"parent_userid\":\"p0001\",\"is_subscribe\":1}");
        handle.admin("POST", "/__admin/parents/subscription", "{\"corpid\":\"" + CORP + "\",\"parent_userid\":\"p0001\",\"is_subscribe\":0}");
        assertThat(received()).containsExactly("subscribe p0001", "update_student s0001", "unsubscribe p0001", "update_student s0001");
    }

    @Test
    void adminSubscribeAndUnsubscribeFireTheirEventsThenUpdateStudent() {
        JsonNode s = events.subscribe(CORP, "p0001");
        assertThat(s.path("is_subscribe").asInt()).isEqualTo(1);
        assertThat(s.path("external_userid").asText()).startsWith("wm").hasSize(32);
        // already subscribed: same answer, no event
        assertThat(events.subscribe(CORP, "p0001")).isEqualTo(s);
        events.unsubscribe(CORP, "p0001");
        assertThat(received()).containsExactly("subscribe p0001", "update_student s0001", "unsubscribe p0001", "update_student s0001");
    }

    @Test
    void adminGroupChatChangeOfAClassFiresUpdateDepartment() {
        handle.admin("POST", "/__admin/classes/group-chat", "{\"corpid\":\"" + CORP + "\",\"id\":11,\"open_group_chat\":1,\"group_chat_id\":\"wrOg\"}");
        assertThat(received()).containsExactly("update_department 11");
    }

    @Test
    void refusedRequestsFireNothing() {
        // a read app may not write (48002), a request-level refusal (40058), a fault rule
        handle.reader().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"r1\",\"name\":\"R\",\"department\":[11]}");
        editor.post("/cgi-bin/school/user/batch_create_student", "{\"students\":\"not a list\"}");
        handle.admin("POST", "/__admin/faults", "{\"path\":\"/cgi-bin/school/user/create_student\",\"errcode\":-1}");
        editor.post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"f1\",\"name\":\"F\",\"department\":[11]}");
        handle.admin("DELETE", "/__admin/faults", null);
        school("department/create", "{\"name\":\"Marker\",\"parentid\":10,\"type\":1,\"id\":14}");
        assertThat(received()).containsExactly("create_department 14");
    }

    @Test
    void theAppEventPlaintextHasWeComsShape() {
        school("user/create_student", "{\"student_userid\":\"s0002\",\"name\":\"Two\",\"department\":[11]}");
        events.drain();
        EventReceiver.ReceivedEvent e = receiver.events().get(0);
        assertThat(e.plaintext()).matches("<xml><ToUserName><!\\[CDATA\\[" + CORP + "]]></ToUserName><FromUserName><!\\[CDATA\\[sys]]></FromUserName>"
                + "<CreateTime>[0-9]{10}</CreateTime><MsgType><!\\[CDATA\\[event]]></MsgType><Event><!\\[CDATA\\[change_school_contact]]></Event>"
                + "<ChangeType><!\\[CDATA\\[create_student]]></ChangeType><Id><!\\[CDATA\\[s0002]]></Id></xml>");
        assertThat(e.body()).startsWith("<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><AgentID><![CDATA[1000001]]></AgentID><Encrypt><![CDATA[");
        EventControls.Delivery d = events.deliveries("receiver=app:" + CORP + ":" + EDIT_APP).get(0);
        assertThat(d.status()).isEqualTo("delivered");
        assertThat(d.plaintext()).isEqualTo(e.plaintext());
        assertThat(d.attempts()).extracting(EventControls.Attempt::httpStatus).containsExactly(200);
        assertThat(d.json().path("origin").path("path").asText()).isEqualTo("/cgi-bin/school/user/create_student");
        assertThat(d.json().path("origin").path("agentid").asLong()).isEqualTo(EDIT_APP);
    }

    @Test
    void everyEligibleAppReceivesTheChangeIncludingTheOneThatMadeIt() {
        try (EventReceiver reader = EventReceiver.start("Token02", KEY, CORP); EventReceiver none = EventReceiver.start("Token03", KEY, CORP)) {
            events.configureCallback(CORP, 1000002, reader);
            events.configureCallback(CORP, 1000003, none);
            school("user/create_student", "{\"student_userid\":\"s0002\",\"name\":\"Two\",\"department\":[11]}");
            events.drain();
            assertThat(receiver.summaries()).containsExactly("create_student s0002");
            assertThat(reader.summaries()).containsExactly("create_student s0002");
            // an app without school permission gets no directory events
            assertThat(none.summaries()).isEmpty();
        }
    }

    @Test
    void seedingAndResetFireNothing() {
        handle.reset();
        events.configureCallback(CORP, EDIT_APP, receiver);
        school("department/create", "{\"name\":\"Marker\",\"parentid\":10,\"type\":1,\"id\":14}");
        assertThat(received()).containsExactly("create_department 14");
        assertThat(events.deliveries()).hasSize(1);
    }
}
