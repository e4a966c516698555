package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventControls;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * A third-party suite installed in the school receives the notice shape (spec events §1.3) at its
 * instruction URL, encrypted with the suite id as receiveid, and must answer {@code success}.
 */
class SuiteNoticesHttpTest {
    static final String CORP = "wwschool00000001";
    static final String SUITE = "wwsuite000000001";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @TempDir
    Path dir;
    EventReceiver suite;
    SchoolContactsHandle handle;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo info) throws Exception {
        boolean batch = info.getTestMethod().orElseThrow().getName().contains("Batch");
        suite = EventReceiver.start("SuiteToken01", KEY, SUITE);
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"providers\":[{\"corpid\":\"wwprovider000001\",\"name\":\"Vendor\",\"provider_secret\":\"provider-secret-0001\","
                + "\"suites\":[{\"suite_id\":\"" + SUITE + "\",\"kind\":\"third_party\",\"name\":\"Homework\",\"suite_secret\":\"suite-secret-0001\","
                + "\"token\":\"SuiteToken01\",\"encoding_aes_key\":\"" + KEY + "\",\"callback_url\":\"" + suite.url() + "\","
                + "\"school_permission\":\"read\",\"batch_events\":" + batch + "}],"
                + "\"installs\":[{\"suite_id\":\"" + SUITE + "\",\"corpid\":\"" + CORP + "\",\"agentid\":1000010}]}],"
                + "\"corps\":[{\"corpid\":\"" + CORP + "\",\"name\":\"School\",\"apps\":[{\"agentid\":1000001,\"kind\":\"self_built\","
                + "\"school_contacts\":\"edit\",\"secret\":\"edit-secret-0001\"}],"
                + "\"departments\":[{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"C\",\"type\":1}]}]}");
        handle = SchoolContactsHandle.start(seed.toString());
    }

    @AfterEach
    void stop() {
        if (handle != null) handle.close();
        suite.close();
    }

    private List<EventReceiver.ReceivedEvent> changeNotices() {
        handle.events().drain("suite:" + SUITE + ":" + CORP, java.time.Duration.ofSeconds(30));
        return suite.events().stream().filter(e -> "change_school_contact".equals(e.infoType())).toList();
    }

    @Test
    void anInstalledSuiteGetsTheThirdPartyNoticeShape() {
        JsonNode r = handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"s1\",\"name\":\"S\",\"department\":[11]}");
        assertThat(r.path("errcode").asInt()).isZero();
        List<EventReceiver.ReceivedEvent> notices = changeNotices();
        assertThat(notices).singleElement().satisfies(e -> {
            assertThat(e.plaintext()).matches("<xml><SuiteId><!\\[CDATA\\[" + SUITE + "]]></SuiteId><AuthCorpId><!\\[CDATA\\[" + CORP
                    + "]]></AuthCorpId><InfoType><!\\[CDATA\\[change_school_contact]]></InfoType><TimeStamp>[0-9]{10}</TimeStamp>"
                    + "<ChangeType><!\\[CDATA\\[create_student]]></ChangeType><Id><!\\[CDATA\\[s1]]></Id></xml>");
            assertThat(e.body()).startsWith("<xml><ToUserName><![CDATA[" + SUITE + "]]></ToUserName><AgentID><![CDATA[]]></AgentID>");
        });
        EventControls.Delivery d = handle.events().deliveries("receiver=suite:" + SUITE + ":" + CORP).get(0);
        assertThat(d.status()).isEqualTo("delivered");
        assertThat(d.kind()).isEqualTo("suite");
    }

    @Test
    void aSuiteAnsweringAnythingButSuccessIsAReceiverError() {
        suite.answerWith(200, "ok");
        handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"s1\",\"name\":\"S\",\"department\":[11]}");
        changeNotices();
        EventControls.Delivery d = handle.events().deliveries("receiver=suite:" + SUITE + ":" + CORP).get(0);
        assertThat(d.status()).isEqualTo("receiver_error");
        assertThat(d.attempts()).singleElement().satisfies(a -> assertThat(a.body()).isEqualTo("ok"));
    }

    @Test
    void aSuiteWithBatchEventsGetsOneBatchNoticeListingEachChange() {
        handle.editor().post("/cgi-bin/school/user/batch_create_student", "{\"students\":[{\"student_userid\":\"s1\",\"name\":\"S\",\"department\":[11]},"
                + "{\"student_userid\":\"s2\",\"name\":\"S\",\"department\":[11]}]}");
        handle.events().drain("suite:" + SUITE + ":" + CORP, java.time.Duration.ofSeconds(30));
        List<EventReceiver.ReceivedEvent> batches = suite.events().stream().filter(e -> "change_school_contact_batch".equals(e.infoType())).toList();
        assertThat(batches).singleElement().satisfies(e -> {
            assertThat(e.fields()).containsEntry("ChangeList[0].ChangeType", "create_student").containsEntry("ChangeList[0].Id", "s1")
                    .containsEntry("ChangeList[1].Id", "s2").doesNotContainKey("ChangeList[2].Id");
        });
        EventControls.Delivery d = handle.events().deliveries("receiver=suite:" + SUITE + ":" + CORP).get(0);
        assertThat(d.json().get("event_ids")).hasSize(2);
        assertThat(d.status()).isEqualTo("delivered");
    }

    @Test
    void aRenameCarriesNewIdInTheNotice() {
        handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"s1\",\"name\":\"S\",\"department\":[11]}");
        handle.editor().post("/cgi-bin/school/user/update_student", "{\"student_userid\":\"s1\",\"new_student_userid\":\"s1b\"}");
        assertThat(changeNotices()).extracting(EventReceiver.ReceivedEvent::summary).containsExactly("create_student s1", "update_student s1->s1b");
    }
}
