package org.schoolcontacts.notices;

import static org.assertj.core.api.Assertions.assertThat;

import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.message.WxCpSchoolContactMessage;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.InboxNotice;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.SchoolNotice;

/** The example of README and docs/notices.md, on the demo school: its editor app may send notices. */
@SchoolContactsServer
class DemoSchoolNoticeTest {
    @Test
    void theParentsOfClass11GetTheTextAndOnlyThey(WxCpService wx, SchoolContactsHandle school) throws Exception {
        school.reset();
        WxCpSchoolContactMessage m = new WxCpSchoolContactMessage();
        m.setMsgType("text");
        m.setContent("School closes at noon");
        m.setToParty(new String[] {"11"});
        wx.getMessageService().sendSchoolContactMessage(m);

        SchoolNotice n = school.lastNotice();
        assertThat(n.text()).isEqualTo("School closes at noon");
        assertThat(n.recipientIds()).containsExactly("p0001");
        assertThat(n.deliveredTo()).as("p0001 has not subscribed").isEmpty();
        assertThat(school.inbox("p0001")).extracting(InboxNotice::via).containsExactly("to_party:11");
        assertThat(school.inbox("s0001")).isEmpty();
    }
}
