package org.schoolcontacts.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * An agency template's two callbacks (spec 2.10, 1.1): auth notices at the template's instruction URL
 * (receiveid = template id), the school's change events at its {@code app_callback} as app events
 * (receiveid = corpid), the latter only while the authorisation is active.
 */
class AgencyEventsHttpTest {
    static final String CORP = "wwschool00000001";
    static final String TEMPLATE = "dktemplate000001";
    static final String KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut";

    @TempDir
    Path dir;
    EventReceiver template;
    EventReceiver app;
    SchoolContactsHandle handle;

    @BeforeEach
    void start() throws Exception {
        template = EventReceiver.start("TplToken01", KEY, TEMPLATE);
        app = EventReceiver.start("AppToken01", KEY, CORP);
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"providers\":[{\"corpid\":\"wwprovider000001\",\"name\":\"Vendor\",\"provider_secret\":\"provider-secret-0001\","
                + "\"suites\":[{\"suite_id\":\"" + TEMPLATE + "\",\"kind\":\"agency\",\"name\":\"CRM\",\"suite_secret\":\"tpl-secret-0001\","
                + "\"token\":\"TplToken01\",\"encoding_aes_key\":\"" + KEY + "\",\"callback_url\":\"" + template.url() + "\","
                + "\"school_permission\":\"read\",\"app_callback\":{\"url\":\"" + app.url() + "\",\"token\":\"AppToken01\","
                + "\"encoding_aes_key\":\"" + KEY + "\"}}]}],"
                + "\"corps\":[{\"corpid\":\"" + CORP + "\",\"name\":\"School\",\"apps\":[{\"agentid\":1000001,\"kind\":\"self_built\","
                + "\"school_contacts\":\"edit\",\"secret\":\"edit-secret-0001\"}],"
                + "\"departments\":[{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"C\",\"type\":1}]}]}");
        handle = SchoolContactsHandle.start(seed.toString());
    }

    @AfterEach
    void stop() {
        if (handle != null) handle.close();
        template.close();
        app.close();
    }

    private void student(String id) {
        JsonNode r = handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"" + id + "\",\"name\":\"S\",\"department\":[11]}");
        assertThat(r.path("errcode").asInt()).isZero();
    }

    private void install() {
        handle.admin("POST", "/__admin/suites/" + TEMPLATE + "/install", "{\"corpid\":\"" + CORP + "\"}");
    }

    @Test
    void changeEventsReachTheAppCallbackOnlyWhileTheAuthorisationIsActive() {
        install();
        student("s1");
        handle.admin("POST", "/__admin/suites/" + TEMPLATE + "/cancel-auth", "{\"corpid\":\"" + CORP + "\"}");
        student("s2");
        // re-enabling the corp-side app does not make a cancelled authorisation a receiver again
        handle.admin("PATCH", "/__admin/corps/" + CORP + "/apps/1000002", "{\"enabled\":true}");
        student("s3");
        install();
        student("s4");
        handle.events().drain();

        assertThat(app.events()).extracting(EventReceiver.ReceivedEvent::summary).containsExactly("create_student s1", "create_student s4");
        assertThat(app.events()).allSatisfy(e -> {
            assertThat(e.event()).isEqualTo("change_school_contact");
            assertThat(e.body()).contains("<AgentID><![CDATA[1000002]]></AgentID>");
        });
        assertThat(template.events()).extracting(EventReceiver.ReceivedEvent::infoType)
                .filteredOn(t -> !"suite_ticket".equals(t)).containsExactly("create_auth", "cancel_auth", "create_auth");
        assertThat(handle.events().deliveries("receiver=suite:" + TEMPLATE + ":" + CORP)).hasSize(3);
    }
}
