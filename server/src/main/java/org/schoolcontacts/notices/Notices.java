package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.WeComError;

/**
 * School notices (学校通知, events-and-apps spec 4): sending through
 * {@code externalcontact/message/send}, recipient expansion, and the inbox every accepted notice is
 * kept in. The endpoint, the admin routes, the seed and the tests all use this interface only.
 */
public interface Notices {

    static Notices over(Database db, ServerClock clock) { return new NoticeService(db, clock); }

    /**
     * Spec 4.2 and 4.4: refusals of steps 1-3 and 82001 throw; a request whose recipients are all
     * invalid is answered 81013 with the lists filled and stores nothing; otherwise the notice is stored.
     */
    Sent send(Caller caller, JsonNode body);

    /** One notice with its recipients; {@code id} as {@code n<number>}. */
    Optional<Notice> notice(String id);

    /** Newest first; null filters match everything. Recipients only when asked (they may be 30,000). */
    List<Notice> find(String corpId, Long agentid, Long sinceMillis, int limit, boolean withRecipients);

    /** Every notice this student or parent is a recipient of, newest first (spec 5.2). */
    List<InboxEntry> inbox(String corpId, String userid, Long sinceMillis, boolean deliveredOnly, int limit);

    /** Forgets all notices (corpId null) or one school's; how many went. */
    int forget(String corpId);

    /** The app's allow scope (the whole school unless set); empty when the corp has no such app. */
    Optional<AllowScope> allowScope(String corpId, long agentid);

    /** Sets the app's allow scope; false when the corp has no such app; unknown ids refuse with 40058. */
    boolean setAllowScope(String corpId, long agentid, AllowScope scope);

    /** Seed: one app item's {@code parent_app}, {@code allow_scope}, {@code allow_scope_format}. */
    void seedApp(Tx tx, JsonNode appItem) throws SQLException;

    /** The answer of message/send: {@code error} null for success, else 81013. */
    record Sent(WeComError error, Invalid invalid, String noticeId) {}

    record Invalid(List<String> parents, List<String> students, List<String> parties) {
        public static final Invalid NONE = new Invalid(List.of(), List.of(), List.of());
    }

    /** A stored notice (spec 4.5); {@code recipients} is null when not read. */
    record Notice(String id, String corpId, long agentid, long sentAtMillis, String msgtype, JsonNode message, int recvScope,
                  JsonNode targets, Invalid invalid, boolean enableIdTrans, String duplicateOf, int recipientCount,
                  List<Recipient> recipients) {}

    /** One recipient as snapshotted at send time; {@code userType} is "parent" or "student". */
    record Recipient(String userType, String userid, String via, int isSubscribe, boolean delivered) {}

    record InboxEntry(Notice notice, String via, boolean delivered) {}
}
