package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.notices.NoticeApps.App;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/** {@link Notices} over the store: the checks of spec 4.2 in order, then expansion and storage in one transaction. */
final class NoticeService implements Notices {
    private final Database db;
    private final ServerClock clock;

    NoticeService(Database db, ServerClock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Sent send(Caller caller, JsonNode body) {
        String corpId = caller.corpId();
        // 1. the caller must be in 「家长可使用的应用」
        App app = db.read(tx -> NoticeApps.byAppId(tx, corpId, caller.appId())).orElseThrow(WeComError.API_FORBIDDEN::exception);
        if (!app.inParentAppList()) throw WeComError.API_FORBIDDEN.exception();
        // 2. agentid: given, an app of this corp, and the caller's own
        long agentid = NoticeRequest.agentid(body);
        App named = db.read(tx -> NoticeApps.byAgentid(tx, corpId, agentid)).orElseThrow(WeComError.INVALID_AGENTID::exception);
        if (!named.appId().equals(app.appId())) throw WeComError.ANOTHER_AGENT.exception();
        // 3. the message and the other fields
        NoticeRequest request = NoticeRequest.parse(agentid, body);
        // 4. somebody named at all (the validity of each name is decided against the directory below)
        if (request.namesNoRecipient()) throw WeComError.NO_RECIPIENTS.exception();
        return db.write(corpId, tx -> send(tx, corpId, app.appId(), request));
    }

    private Sent send(Tx tx, String corpId, String appId, NoticeRequest r) throws SQLException {
        long now = clock.millis();
        if (r.duplicateCheck()) {
            Optional<NoticeStore.Notice> same = NoticeStore.sameRequestSince(tx, corpId, appId, r.requestHash(),
                    now - r.duplicateInterval() * 1000L);
            if (same.isPresent()) {
                NoticeStore.Notice first = same.get();
                long original = first.noticeId();
                long id = NoticeStore.nextId(tx);
                NoticeStore.insert(tx, id, newNotice(corpId, appId, now, r, first.invalid(), original), List.of());
                NoticeStore.copyRecipientsUndelivered(tx, corpId, first.noticeId(), id);
                return new Sent(null, invalid(first.invalid()), "n" + id);
            }
        }
        Expansion.Result x = Expansion.run(tx, corpId, AllowScope.of(tx, corpId, appId), r);
        Invalid invalid = new Invalid(x.invalidParents(), x.invalidStudents(), x.invalidParties());
        if (!x.anyValid()) return new Sent(WeComError.ALL_RECIPIENTS_INVALID, invalid, null);
        long id = NoticeStore.nextId(tx);
        NoticeStore.insert(tx, id, newNotice(corpId, appId, now, r, invalidJson(invalid), null), x.recipients());
        return new Sent(null, invalid, "n" + id);
    }

    private static NoticeStore.NewNotice newNotice(String corpId, String appId, long now, NoticeRequest r, JsonNode invalid, Long duplicateOf) {
        return new NoticeStore.NewNotice(corpId, appId, r.agentid(), now, r.msgtype(), r.message(), r.recvScope(), r.targetsJson(), invalid,
                r.enableIdTrans(), duplicateOf, r.requestHash());
    }

    static ObjectNode invalidJson(Invalid i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        i.parents().forEach(o.putArray("parent_userid")::add);
        i.students().forEach(o.putArray("student_userid")::add);
        i.parties().forEach(o.putArray("party")::add);
        return o;
    }

    private static Invalid invalid(JsonNode j) {
        return new Invalid(strings(j.path("parent_userid")), strings(j.path("student_userid")), strings(j.path("party")));
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    @Override
    public Optional<Notice> notice(String id) {
        Long n = parseId(id);
        if (n == null) return Optional.empty();
        return db.read(tx -> {
            Optional<NoticeStore.Notice> found = NoticeStore.byId(tx, n);
            if (found.isEmpty()) return Optional.<Notice>empty();
            return Optional.of(view(found.get(), recipients(tx, found.get())));
        });
    }

    @Override
    public List<Notice> find(String corpId, Long agentid, Long sinceMillis, int limit, boolean withRecipients) {
        return db.read(tx -> {
            List<Notice> out = new ArrayList<>();
            for (NoticeStore.Notice n : NoticeStore.find(tx, corpId, agentid, sinceMillis, limit)) {
                out.add(view(n, withRecipients ? recipients(tx, n) : null));
            }
            return out;
        });
    }

    @Override
    public List<InboxEntry> inbox(String corpId, String userid, Long sinceMillis, boolean deliveredOnly, int limit) {
        return db.read(tx -> {
            List<InboxEntry> out = new ArrayList<>();
            for (NoticeStore.InboxEntry e : NoticeStore.inbox(tx, corpId, Limits.userKey(userid), sinceMillis, deliveredOnly, limit)) {
                out.add(new InboxEntry(view(e.notice(), null), e.via(), e.delivered()));
            }
            return out;
        });
    }

    @Override
    public int forget(String corpId) {
        return db.writeServer(tx -> NoticeStore.forget(tx, corpId));
    }

    @Override
    public Optional<AllowScope> allowScope(String corpId, long agentid) {
        return db.read(tx -> {
            Optional<App> app = NoticeApps.byAgentid(tx, corpId, agentid);
            if (app.isEmpty()) return Optional.<AllowScope>empty();
            return Optional.of(AllowScope.of(tx, corpId, app.get().appId()));
        });
    }

    @Override
    public boolean setAllowScope(String corpId, long agentid, AllowScope scope) {
        return db.write(corpId, tx -> {
            Optional<App> app = NoticeApps.byAgentid(tx, corpId, agentid);
            if (app.isEmpty()) return false;
            AllowScope.store(tx, corpId, app.get().appId(), scope);
            return true;
        });
    }

    @Override
    public void seedApp(Tx tx, JsonNode appItem) throws SQLException {
        NoticeApps.seed(tx, appItem);
    }

    private static List<Recipient> recipients(Tx tx, NoticeStore.Notice n) throws SQLException {
        List<Recipient> out = new ArrayList<>();
        for (Expansion.Recipient r : NoticeStore.recipients(tx, n.corpId(), n.noticeId())) {
            out.add(new Recipient(r.userType() == NoticeDirectory.PARENT ? "parent" : "student", r.userid(), r.via(), r.isSubscribe(), r.delivered()));
        }
        return out;
    }

    private static Notice view(NoticeStore.Notice n, List<Recipient> recipients) {
        return new Notice("n" + n.noticeId(), n.corpId(), n.agentid(), n.sentAt(), n.msgtype(), n.message(), n.recvScope(), n.targets(),
                invalid(n.invalid()), n.enableIdTrans(), n.duplicateOf() == null ? null : "n" + n.duplicateOf(), n.recipientCount(), recipients);
    }

    private static Long parseId(String id) {
        if (id == null || !id.matches("n[0-9]{1,18}")) return null;
        return Long.parseLong(id.substring(1));
    }
}
