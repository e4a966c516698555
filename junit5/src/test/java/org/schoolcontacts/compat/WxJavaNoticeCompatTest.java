package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import me.chanjar.weixin.common.api.WxConsts.SchoolContactMsgType;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.article.MpnewsArticle;
import me.chanjar.weixin.cp.bean.article.NewArticle;
import me.chanjar.weixin.cp.bean.message.WxCpSchoolContactMessage;
import me.chanjar.weixin.cp.bean.message.WxCpSchoolContactMessageSendResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.junit5.SchoolNotice;

/**
 * WxJava's {@code WxCpMessageService.sendSchoolContactMessage}, unmodified, against message/send: every
 * message type, the invalid lists of its answer, and the errcodes it throws (spec 4, 7 no. 8). The
 * school is the notices test school: class 21 holds s211 (parents p211a, subscribed, and p211b) and
 * s212 (p212).
 */
@SchoolContactsServer(seed = "notices-seed.json")
class WxJavaNoticeCompatTest {
    SchoolContactsHandle h;
    WxCpService parents;

    @BeforeEach
    void fresh(SchoolContactsHandle handle) {
        h = handle;
        h.reset();
        parents = h.wxCpService("notice-parent-app");
    }

    private static WxCpSchoolContactMessage toClass21(String type) {
        WxCpSchoolContactMessage m = new WxCpSchoolContactMessage();
        m.setMsgType(type);
        m.setToParty(new String[] {"21"});
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SchoolContactMsgType.TEXT, SchoolContactMsgType.IMAGE, SchoolContactMsgType.VOICE, SchoolContactMsgType.FILE,
        SchoolContactMsgType.VIDEO, SchoolContactMsgType.NEWS, SchoolContactMsgType.MPNEWS, SchoolContactMsgType.MINIPROGRAM})
    void everyMessageTypeIsSentToTheClassesParents(String type) throws Exception {
        WxCpSchoolContactMessage m = toClass21(type);
        switch (type) {
            case SchoolContactMsgType.TEXT -> m.setContent("Parents' evening on Friday");
            case SchoolContactMsgType.IMAGE, SchoolContactMsgType.VOICE, SchoolContactMsgType.FILE -> m.setMediaId("MEDIA_ID_1");
            case SchoolContactMsgType.VIDEO -> m.setMediaId("MEDIA_ID_2").setTitle("Concert");  // description left null
            case SchoolContactMsgType.NEWS -> {
                NewArticle a = new NewArticle();
                a.setTitle("Menu");
                a.setUrl("https://school.example/menu");
                m.setArticles(List.of(a));
            }
            case SchoolContactMsgType.MPNEWS -> {
                MpnewsArticle a = new MpnewsArticle();
                a.setTitle("Newsletter");
                a.setThumbMediaId("THUMB");
                a.setContent("<p>All well</p>");
                m.setMpNewsArticles(List.of(a));
            }
            case SchoolContactMsgType.MINIPROGRAM -> m.setAppId("wx00000000000001").setPagePath("pages/index").setThumbMediaId("THUMB")
                    .setTitle("Homework");
            default -> throw new IllegalArgumentException(type);
        }
        WxCpSchoolContactMessageSendResult r = parents.getMessageService().sendSchoolContactMessage(m);
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getInvalidParentUserId()).isEmpty();
        assertThat(r.getInvalidStudentUserId()).isEmpty();
        assertThat(r.getInvalidParty()).isEmpty();
        SchoolNotice n = h.lastNotice();
        assertThat(n.msgtype()).isEqualTo(type);
        assertThat(n.agentid()).as("WxJava filled agentid from its config").isEqualTo(5000001);
        assertThat(n.recipientIds()).containsExactly("p211a", "p211b", "p212");
        assertThat(n.deliveredTo()).containsExactly("p211a", "p212");
    }

    @Test
    void theAnswerReadsTheInvalidLists() throws Exception {
        WxCpSchoolContactMessage m = toClass21(SchoolContactMsgType.TEXT).setContent("x").setRecvScope(2)
                .setToParentUserId(new String[] {"p221", "ghost"}).setToStudentUserId(new String[] {"s221", "p211a"})
                .setToParty(new String[] {"21", "999"});
        WxCpSchoolContactMessageSendResult r = parents.getMessageService().sendSchoolContactMessage(m);
        assertThat(r.getInvalidParentUserId()).containsExactly("ghost");
        assertThat(r.getInvalidStudentUserId()).containsExactly("p211a");
        assertThat(r.getInvalidParty()).containsExactly("999");
    }

    @Test
    void toallAndDuplicateCheckGoThrough() throws Exception {
        WxCpSchoolContactMessage m = new WxCpSchoolContactMessage();
        m.setMsgType(SchoolContactMsgType.TEXT);
        m.setContent("Snow day").setToAll(true).setRecvScope(1).setEnableDuplicateCheck(true).setDuplicateCheckInterval(60);
        parents.getMessageService().sendSchoolContactMessage(m);
        parents.getMessageService().sendSchoolContactMessage(m);
        List<SchoolNotice> sent = h.notices();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).students()).containsExactly("s211", "s212", "s221", "s311", "s312", "s321");
        assertThat(sent.get(0).duplicateOf()).isEqualTo(sent.get(1).id());
    }

    @Test
    void allInvalidIs81013AndNoRecipientIs82001() {
        assertThat(Compat.errcode(() -> parents.getMessageService().sendSchoolContactMessage(
                toClass21(SchoolContactMsgType.TEXT).setContent("x").setToParty(new String[] {"999"})))).isEqualTo(81013);
        assertThat(Compat.errcode(() -> parents.getMessageService().sendSchoolContactMessage(
                toClass21(SchoolContactMsgType.TEXT).setContent("x").setToParty(null)))).isEqualTo(82001);
    }

    @Test
    void anotherAppsAgentidIs301002AndANonParentAppIs48002() {
        WxCpSchoolContactMessage m = toClass21(SchoolContactMsgType.TEXT).setContent("x").setAgentId(5000002);
        assertThat(Compat.errcode(() -> parents.getMessageService().sendSchoolContactMessage(m))).isEqualTo(301002);
        WxCpService editOnly = h.wxCpService("notice-edit-only");
        assertThat(Compat.errcode(() -> editOnly.getMessageService().sendSchoolContactMessage(
                toClass21(SchoolContactMsgType.TEXT).setContent("x")))).isEqualTo(48002);
        assertThat(h.notices()).isEmpty();
    }
}
