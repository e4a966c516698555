package org.schoolcontacts.notices;

import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.EndpointFamily;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.http.Routes;
import org.schoolcontacts.wecom.WeComException;

/**
 * {@code POST /cgi-bin/externalcontact/message/send} (发送「学校通知」, D-91609). Every answer from the
 * parent-app check on carries the invalid-recipient arrays, as WeCom's do.
 */
public final class NoticeEndpoints implements EndpointFamily {
    public static final String SEND = "/cgi-bin/externalcontact/message/send";

    private final Notices notices;

    public NoticeEndpoints(Notices notices) { this.notices = notices; }

    @Override
    public void register(Routes routes) {
        routes.post(SEND, Access.PARENT_APP, call -> {
            try {
                Notices.Sent sent = notices.send(call.caller(), call.body());
                if (sent.error() == null) return Reply.ok(NoticeJson.answerFields(sent.invalid(), false));
                return new Reply(sent.error().code(), sent.error().phrase(), NoticeJson.answerFields(sent.invalid(), true));
            } catch (WeComException e) {
                return new Reply(e.errcode(), e.errmsg(), NoticeJson.answerFields(Notices.Invalid.NONE, true));
            }
        });
    }
}
