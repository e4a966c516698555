package org.schoolcontacts.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.notices.NoticeSchool.send;
import static org.schoolcontacts.notices.NoticeSchool.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** The console's notices pages read the same inbox as /__admin/notices. */
@SchoolContactsServer(seed = NoticeSchool.SEED)
class NoticeConsolePagesHttpTest {
    SchoolContactsHandle h;

    private String page(String path) {
        return SchoolContactsHandle.send("GET", h.baseUrl() + path, null).raw();
    }

    @Test
    void aSentNoticeShowsInTheListWithItsContentAndRecipientsAndInTheirInboxes() {
        JsonNode sent = send(h, text("明天<b>停课</b>", "\"to_party\":[21]"));
        assertThat(sent.path("errcode").asInt()).isZero();
        JsonNode stored = h.admin("GET", "/__admin/notices?recipients=1", null).path("notices").get(0);
        String id = stored.path("id").asText();
        String recipient = stored.path("recipients").get(0).path("userid").asText();

        assertThat(page("/__console/notices")).contains(">" + id + "<").contains("text");
        String one = page("/__console/notices/" + id);
        assertThat(one).contains("明天&lt;b&gt;停课&lt;/b&gt;").doesNotContain("<b>停课");
        assertThat(one).contains(">" + recipient + "<");
        assertThat(page("/__console/schools/" + NoticeSchool.CORP + "/users/" + recipient + "/inbox")).contains(">" + id + "<");
        assertThat(page("/__console")).contains("href=\"/__console/notices\"");
    }
}
