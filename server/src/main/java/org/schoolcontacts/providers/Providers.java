package org.schoolcontacts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.admin.ServerSettings;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.events.SuiteNotice;
import org.schoolcontacts.events.SuiteNoticeRecorder;
import org.schoolcontacts.providers.ProviderStore.Authorisation;
import org.schoolcontacts.providers.ProviderStore.SuiteRow;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.tokens.Tokens;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * The provider chain (spec 2): suite tickets, suite and provider tokens, pre-auth codes, installs,
 * permanent codes, auth info and corp tokens. Everything lives in the store and follows the server
 * clock, so every process sharing the database agrees. HTTP handlers and admin routes call this.
 */
public final class Providers {
    static final long PRE_AUTH_CODE_SECONDS = 1200;
    static final long AUTH_CODE_SECONDS = 600;
    static final long TICKET_MAX_AGE_MILLIS = 30 * 60_000L;
    static final int ACCEPTED_TICKETS = 3;
    static final long TICKET_SLOT_MILLIS = 10 * 60_000L;
    static final int STATE_MAX_BYTES = 128;

    private final Database db;
    private final ServerClock clock;
    private final Tokens tokens;
    private final SuiteNoticeRecorder notices;

    /** Tickets and auth codes are only issued, never pushed (store contracts). */
    public Providers(Database db, ServerClock clock, Tokens tokens) {
        this(db, clock, tokens, SuiteNoticeRecorder.NONE);
    }

    /**
     * @param notices where suite_ticket and auth notices are recorded (the events outbox), in the
     *                transaction that issues the ticket or changes the authorisation (spec 1.7)
     */
    public Providers(Database db, ServerClock clock, Tokens tokens, SuiteNoticeRecorder notices) {
        this.db = db;
        this.clock = clock;
        this.tokens = tokens;
        this.notices = notices;
    }

    ServerClock clock() { return clock; }

    Database db() { return db; }

    /** Adopts the clock offset any process sharing the store set through {@code /__admin/clock}. */
    void followClock(Tx tx) throws SQLException {
        String stored = tx.one("SELECT " + ServerSettings.CLOCK_OFFSET_SUBQUERY, rs -> rs.getString(1)).orElse(null);
        clock.setOffsetMillis(stored == null ? 0 : Long.parseLong(stored));
    }

    // --- 2.3 get_suite_token

    public Tokens.Issued suiteToken(String suiteId, String suiteSecret, String ticket) {
        if (blank(suiteId)) throw WeComError.SUITE_ID_MISSING.exception();
        SuiteRow suite = db.read(tx -> {
            followClock(tx);
            SuiteRow s = ProviderStore.suite(tx, suiteId).orElseThrow(WeComError.INVALID_SUITE_ID::exception);
            if (blank(suiteSecret)) throw WeComError.SECRET_MISSING.exception();
            if (!s.suite().suiteSecret().equals(suiteSecret)) throw WeComError.INVALID_SUITE_SECRET.exception();
            if (blank(ticket)) throw WeComError.SUITE_TICKET_MISSING.exception();
            long now = clock.millis();
            boolean accepted = ProviderStore.tickets(tx, suiteId, ACCEPTED_TICKETS).stream()
                    .anyMatch(t -> t.ticket().equals(ticket) && now - t.issuedAt() < TICKET_MAX_AGE_MILLIS);
            if (!accepted) throw WeComError.INVALID_SUITE_TICKET.exception();
            return s;
        });
        return serviceToken("suite", suite.id());
    }

    /** Reuse rule of spec 0.2 for suite and provider tokens. */
    private Tokens.Issued serviceToken(String kind, String owner) {
        return db.writeServer(tx -> {
            followClock(tx);
            long now = clock.millis();
            Optional<ProviderStore.ServiceToken> live = ProviderStore.liveServiceToken(tx, kind, owner,
                    now + Limits.TOKEN_REUSE_MIN_SECONDS * 1000);
            if (live.isPresent()) {
                return new Tokens.Issued(live.get().token(), Math.min(Limits.TOKEN_TTL_SECONDS, (live.get().expiresAt() - now) / 1000));
            }
            String token = Derived.token();
            ProviderStore.insertServiceToken(tx, token, kind, owner, now, now + Limits.TOKEN_TTL_SECONDS * 1000,
                    now - Limits.EXPIRED_TOKEN_MEMORY_SECONDS * 1000);
            return new Tokens.Issued(token, Limits.TOKEN_TTL_SECONDS);
        });
    }

    /** The suite behind a suite_access_token: 41022 absent, 40082 unknown or not a suite token, 42009 expired. */
    public String authenticateSuite(String token) {
        if (blank(token)) throw WeComError.SUITE_TOKEN_MISSING.exception();
        if (token.length() > 128) throw WeComError.INVALID_SUITE_TOKEN.exception();
        return db.read(tx -> {
            followClock(tx);
            ProviderStore.ServiceToken t = ProviderStore.serviceToken(tx, token)
                    .filter(x -> x.kind().equals("suite"))
                    .orElseThrow(WeComError.INVALID_SUITE_TOKEN::exception);
            if (clock.millis() >= t.expiresAt()) throw WeComError.SUITE_TOKEN_EXPIRED.exception();
            return t.ownerId();
        });
    }

    // --- 2.9 get_provider_token

    public Tokens.Issued providerToken(String corpId, String secret) {
        if (blank(corpId)) throw WeComError.CORPID_MISSING.exception();
        String stored = db.read(tx -> {
            followClock(tx);
            return ProviderStore.providerSecret(tx, corpId).orElseThrow(WeComError.INVALID_CORPID::exception);
        });
        if (blank(secret)) throw WeComError.SECRET_MISSING.exception();
        if (!stored.equals(secret)) throw WeComError.INVALID_CREDENTIAL.exception();
        return serviceToken("provider", corpId);
    }

    // --- 2.4 pre-auth codes

    public Tokens.Issued preAuthCode(String suiteToken) {
        String suiteId = authenticateSuite(suiteToken);
        String code = Derived.code(64);
        db.writeServer(tx -> {
            long now = clock.millis();
            ProviderStore.insertPreAuthCode(tx, code, suiteId, now, now + PRE_AUTH_CODE_SECONDS * 1000);
            return null;
        });
        return new Tokens.Issued(code, PRE_AUTH_CODE_SECONDS);
    }

    public void setSessionInfo(String suiteToken, JsonNode body) {
        String suiteId = authenticateSuite(suiteToken);
        String code = JsonFields.string(body, "pre_auth_code").filter(s -> !s.isEmpty())
                .orElseThrow(() -> WeComError.invalidParameter("pre_auth_code"));
        JsonNode session = body.get("session_info");
        if (session == null || session.isNull() || !session.isObject()) throw WeComError.invalidParameter("session_info");
        long authType = JsonFields.integer(session, "auth_type").orElse(0L);
        if (authType != 0 && authType != 1) throw WeComError.invalidParameter("auth_type");
        List<Long> appids = JsonFields.integers(session, "appid").orElse(List.of());
        db.writeServer(tx -> {
            followClock(tx);
            ProviderStore.PreAuthCode p = livePreAuthCode(tx, code, suiteId);
            // single-app suites: the only app of a suite is appid 1 (spec 2.4)
            for (Long a : appids) if (a != 1) throw WeComError.INVALID_APPID.with(a);
            ProviderStore.setAuthType(tx, p.code(), (int) authType);
            return null;
        });
    }

    private ProviderStore.PreAuthCode livePreAuthCode(Tx tx, String code, String suiteId) throws SQLException {
        ProviderStore.PreAuthCode p = ProviderStore.preAuthCode(tx, code)
                .filter(x -> x.suiteId().equals(suiteId) && !x.used())
                .orElseThrow(WeComError.INVALID_PRE_AUTH_CODE::exception);
        if (clock.millis() >= p.expiresAt()) throw WeComError.PRE_AUTH_CODE_EXPIRED.exception();
        return p;
    }

    // --- 2.5 installs

    /** What an install asks for; {@code permission} null means the suite's own. */
    public record InstallRequest(String corpId, String state, Integer authType, String adminUserid, SchoolPermission permission) {}

    /** An install's result: the auth code to exchange and the corp-side app's agentid. */
    public record Installed(String authCode, long expiresIn, long agentid, String corpId, String suiteId, String state) {}

    /** The admin install (an admin in the app market): pushes {@code create_auth}. */
    public Installed install(String suiteId, InstallRequest r) {
        return installNow(suiteOrNotFound(suiteId), r, null);
    }

    /** The install page's confirm: consumes the pre-auth code in the same transaction; pushes nothing (spec 2.5). */
    public Installed installWithPreAuthCode(String suiteId, String preAuthCode, InstallRequest r) {
        SuiteRow suite = db.read(tx -> {
            followClock(tx);
            return ProviderStore.suite(tx, suiteId).orElseThrow(WeComError.INVALID_SUITE_ID::exception);
        });
        return installNow(suite, r, preAuthCode);
    }

    /** A school the install page offers, and whether the suite is active there already. */
    record InstallTarget(String corpId, String name, boolean installed) {}

    /** The install page's first checks (spec 2.5): unknown suite 40083; pre-auth code unknown or used 40077, expired 42007. */
    SuiteRow installPageSuite(String suiteId, String preAuthCode) {
        if (blank(suiteId)) throw WeComError.INVALID_SUITE_ID.exception();
        return db.read(tx -> {
            followClock(tx);
            SuiteRow s = ProviderStore.suite(tx, suiteId).orElseThrow(WeComError.INVALID_SUITE_ID::exception);
            if (blank(preAuthCode)) throw WeComError.INVALID_PRE_AUTH_CODE.exception();
            livePreAuthCode(tx, preAuthCode, suiteId);
            return s;
        });
    }

    /** Every school of the store, for the install page; no secret or code among them. */
    List<InstallTarget> installTargets(String suiteId) {
        return db.read(tx -> tx.query("SELECT c.corp_id, c.name, (SELECT COUNT(*) FROM authorisations a WHERE a.corp_id = c.corp_id "
                        + "AND a.suite_id = ? AND a.status = 'active') FROM corps c ORDER BY c.corp_id",
                rs -> new InstallTarget(rs.getString(1), rs.getString(2), rs.getLong(3) > 0), suiteId));
    }

    SuiteRow suiteOrNotFound(String suiteId) {
        return db.read(tx -> {
            followClock(tx);
            return ProviderStore.suite(tx, suiteId).orElseThrow(() -> new ProviderAdminException(404, "no such suite: " + suiteId));
        });
    }

    private Installed installNow(SuiteRow suite, InstallRequest r, String preAuthCode) {
        if (blank(r.corpId())) throw new IllegalArgumentException("\"corpid\" is required");
        if (r.state() != null && (Limits.utf8Bytes(r.state()) > STATE_MAX_BYTES || !r.state().matches("[A-Za-z0-9]*"))) {
            throw WeComError.invalidParameter("state");
        }
        boolean corpExists = db.read(tx -> tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = ?", r.corpId()) > 0);
        if (!corpExists) throw new ProviderAdminException(404, "no such corp: " + r.corpId());
        return db.write(r.corpId(), tx -> {
            followClock(tx);
            long now = clock.millis();
            int authType = r.authType() == null ? 0 : r.authType();
            if (preAuthCode != null) {
                ProviderStore.PreAuthCode p = livePreAuthCode(tx, preAuthCode, suite.id());
                if (!ProviderStore.usePreAuthCode(tx, p.code(), now)) throw WeComError.INVALID_PRE_AUTH_CODE.exception();
                if (r.authType() == null) authType = p.authType();
            }
            SchoolPermission permission = r.permission() == null ? suite.suite().permission() : r.permission();
            if (suite.kind() == SuiteKind.THIRD_PARTY && permission == SchoolPermission.EDIT
                    && ProviderStore.otherEditingThirdPartyApps(tx, r.corpId(), suite.id()) > 0) {
                // D-91885: a school has one third-party app that edits its home-school contacts
                throw new ProviderAdminException(409, "corp " + r.corpId()
                        + " already has a third-party app editing its home-school contacts (one per school)");
            }
            String admin = blank(r.adminUserid()) ? "admin" : r.adminUserid();
            Optional<Authorisation> existing = ProviderStore.authorisation(tx, r.corpId(), suite.id());
            Authorisation a;
            if (existing.isEmpty()) {
                long agentid = ProviderStore.nextAgentid(tx, r.corpId());
                a = new Authorisation(r.corpId(), suite.id(), String.valueOf(agentid), agentid, Derived.code(64), permission,
                        r.state(), authType, admin, "active");
                ProviderStore.insertApp(tx, r.corpId(), a.appId(), agentid, suite.suite(), permission, appSecret(suite, a.permanentCode()));
                ProviderStore.insertAuthorisation(tx, a, now);
            } else {
                Authorisation e = existing.get();
                // a reinstall keeps agentid and permanent code; after a cancel the code is new (spec 2.5)
                String pc = e.active() ? e.permanentCode() : Derived.code(64);
                a = new Authorisation(e.corpId(), e.suiteId(), e.appId(), e.agentid(), pc, permission, r.state(), authType, admin, "active");
                ProviderStore.updateAuthorisation(tx, a);
                ProviderStore.updateApp(tx, a.corpId(), a.appId(), permission, true, e.active() && suite.kind() == SuiteKind.THIRD_PARTY
                        ? currentSecret(tx, a) : appSecret(suite, pc));
            }
            String code = Derived.code(64);
            ProviderStore.insertAuthCode(tx, r.corpId(), code, suite.id(), now, now + AUTH_CODE_SECONDS * 1000);
            // the app market's install pushes create_auth; the provider's own install page does not (spec 2.5)
            if (preAuthCode == null) notices.record(tx, SuiteNotice.createAuth(suite.id(), r.corpId(), code, r.state()));
            return new Installed(code, AUTH_CODE_SECONDS, a.agentid(), a.corpId(), suite.id(), r.state());
        });
    }

    private static String currentSecret(Tx tx, Authorisation a) throws SQLException {
        return tx.one("SELECT secret FROM apps WHERE corp_id = ? AND app_id = ?", rs -> rs.getString(1), a.corpId(), a.appId())
                .orElseThrow();
    }

    /**
     * An agency app's gettoken secret is its permanent code (spec 2.10). A third-party app has none
     * (spec 6 no. 23): it gets a random value nobody is told, so gettoken cannot find it.
     */
    static String appSecret(SuiteRow suite, String permanentCode) {
        return suite.kind() == SuiteKind.AGENCY ? permanentCode : "no-gettoken-secret:" + Derived.code(64);
    }

    // --- 2.6 get_permanent_code

    public ObjectNode permanentCode(String suiteToken, String authCode, boolean v2) {
        String suiteId = authenticateSuite(suiteToken);
        if (blank(authCode)) throw WeComError.AUTH_CODE_MISSING.exception();
        String corpId = db.read(tx -> ProviderStore.corpOfAuthCode(tx, authCode, suiteId))
                .orElseThrow(WeComError.INVALID_AUTH_CODE::exception);
        Answers.Snapshot snap = db.write(corpId, tx -> {
            followClock(tx);
            if (!ProviderStore.useAuthCode(tx, corpId, authCode, clock.millis())) throw WeComError.INVALID_AUTH_CODE.exception();
            return snapshot(tx, corpId, suiteId);
        });
        Tokens.Issued corpToken = !v2 && snap.suite().kind() == SuiteKind.THIRD_PARTY
                ? tokens.issueForApp(corpId, snap.auth().appId()) : null;
        return v2 ? Answers.permanentCodeV2(snap) : Answers.permanentCodeV1(snap, corpToken);
    }

    private Answers.Snapshot snapshot(Tx tx, String corpId, String suiteId) throws SQLException {
        SuiteRow suite = ProviderStore.suite(tx, suiteId).orElseThrow(WeComError.INVALID_SUITE_ID::exception);
        Authorisation auth = ProviderStore.authorisation(tx, corpId, suiteId).orElseThrow(WeComError.INVALID_AUTH_CODE::exception);
        ProviderStore.CorpInfo corp = ProviderStore.corpInfo(tx, corpId).orElseThrow(WeComError.INVALID_CORPID::exception);
        return new Answers.Snapshot(suite, auth, corp);
    }

    // --- 2.7, 2.8 get_auth_info and get_corp_token

    private Answers.Snapshot activeAuthorisation(String suiteId, String corpId, String permanentCode) {
        if (blank(corpId)) throw WeComError.CORPID_MISSING.exception();
        if (blank(permanentCode)) throw WeComError.PERMANENT_CODE_MISSING.exception();
        return db.read(tx -> {
            Optional<Authorisation> a = ProviderStore.authorisation(tx, corpId, suiteId);
            if (a.isEmpty() || !a.get().active() || !a.get().permanentCode().equals(permanentCode)) {
                throw WeComError.INVALID_PERMANENT_CODE.exception();
            }
            return snapshot(tx, corpId, suiteId);
        });
    }

    public ObjectNode authInfo(String suiteToken, String corpId, String permanentCode, boolean v2) {
        String suiteId = authenticateSuite(suiteToken);
        return Answers.authInfo(activeAuthorisation(suiteId, corpId, permanentCode), v2);
    }

    public Tokens.Issued corpToken(String suiteToken, String corpId, String permanentCode) {
        String suiteId = authenticateSuite(suiteToken);
        Answers.Snapshot snap = activeAuthorisation(suiteId, corpId, permanentCode);
        // agency apps get their token from gettoken with the permanent code as secret (D-90313, 48002)
        if (snap.suite().kind() == SuiteKind.AGENCY) throw WeComError.API_FORBIDDEN.exception();
        return tokens.issueForApp(corpId, snap.auth().appId());
    }

    // --- 2.11 change and cancel

    public Authorisation changeAuth(String suiteId, String corpId, SchoolPermission permission) {
        SuiteRow suite = suiteOrNotFound(suiteId);
        if (permission == null) throw new IllegalArgumentException("\"school_permission\" must be edit or read");
        Authorisation changed = db.write(corpOrNotFound(corpId), tx -> {
            followClock(tx);
            Authorisation a = ProviderStore.authorisation(tx, corpId, suiteId).filter(Authorisation::active)
                    .orElseThrow(() -> new ProviderAdminException(404, "suite " + suiteId + " has no active authorisation in " + corpId));
            if (suite.kind() == SuiteKind.THIRD_PARTY && permission == SchoolPermission.EDIT
                    && ProviderStore.otherEditingThirdPartyApps(tx, corpId, suiteId) > 0) {
                throw new ProviderAdminException(409, "corp " + corpId + " already has a third-party app editing its home-school contacts");
            }
            Authorisation n = new Authorisation(a.corpId(), a.suiteId(), a.appId(), a.agentid(), a.permanentCode(), permission, a.state(),
                    a.authType(), a.adminUserid(), "active");
            ProviderStore.updateAuthorisation(tx, n);
            tx.update("UPDATE apps SET permission = ? WHERE corp_id = ? AND app_id = ?", permission.wireName(), corpId, a.appId());
            notices.record(tx, SuiteNotice.changeAuth(suiteId, corpId, n.state()));
            return n;
        });
        return changed;
    }

    public Authorisation cancelAuth(String suiteId, String corpId) {
        SuiteRow suite = suiteOrNotFound(suiteId);
        Authorisation cancelled = db.write(corpOrNotFound(corpId), tx -> {
            followClock(tx);
            Authorisation a = ProviderStore.authorisation(tx, corpId, suiteId).filter(Authorisation::active)
                    .orElseThrow(() -> new ProviderAdminException(404, "suite " + suiteId + " has no active authorisation in " + corpId));
            Authorisation n = new Authorisation(a.corpId(), a.suiteId(), a.appId(), a.agentid(), a.permanentCode(), a.permission(),
                    a.state(), a.authType(), a.adminUserid(), "cancelled");
            ProviderStore.updateAuthorisation(tx, n);
            // the corp-side app is disabled and its agency secret stops working (spec 2.11, 6 no. 19)
            ProviderStore.updateApp(tx, corpId, a.appId(), a.permission(), false, "cancelled:" + Derived.code(64));
            notices.record(tx, SuiteNotice.cancelAuth(suiteId, corpId));
            return n;
        });
        return cancelled;
    }

    private String corpOrNotFound(String corpId) {
        if (blank(corpId)) throw new IllegalArgumentException("\"corpid\" is required");
        boolean exists = db.read(tx -> tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = ?", corpId) > 0);
        if (!exists) throw new ProviderAdminException(404, "no such corp: " + corpId);
        return corpId;
    }

    // --- admin reads

    public List<Authorisation> authorisations(String suiteId) {
        suiteOrNotFound(suiteId);
        return db.read(tx -> ProviderStore.authorisations(tx, suiteId));
    }

    List<SuiteRow> suites() { return db.read(ProviderStore::suites); }

    List<ProviderStore.ProviderRow> providers() { return db.read(ProviderStore::providers); }

    // --- 2.2 tickets

    /** Issues a ticket now and pushes it when the suite has a callback URL. */
    public String pushTicket(String suiteId) {
        suiteOrNotFound(suiteId);
        return db.writeServer(tx -> {
            followClock(tx);
            return newTicket(tx, suiteId);
        });
    }

    /**
     * A new ticket and its push, in one transaction; its 10-minute slot then has one, so the ticket
     * clock does not push another in it.
     */
    private String newTicket(Tx tx, String suiteId) throws SQLException {
        String ticket = Derived.code(64);
        // recorded first: numbering the push locks the suite's row before the ticket's insert takes a
        // shared lock on it (MariaDB), so concurrent pushes queue instead of deadlocking
        notices.record(tx, SuiteNotice.suiteTicket(suiteId, ticket));
        ProviderStore.insertTicket(tx, suiteId, ticket, clock.millis());
        ProviderStore.claimSlot(tx, suiteId, clock.millis() / TICKET_SLOT_MILLIS);
        return ticket;
    }

    /** Newest first, with whether get_suite_token would accept each now. */
    public List<TicketView> tickets(String suiteId) {
        suiteOrNotFound(suiteId);
        return db.read(tx -> {
            followClock(tx);
            long now = clock.millis();
            List<ProviderStore.Ticket> all = ProviderStore.tickets(tx, suiteId, Integer.MAX_VALUE);
            List<TicketView> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                ProviderStore.Ticket t = all.get(i);
                out.add(new TicketView(t.ticket(), t.issuedAt(), t.issuedAt() + TICKET_MAX_AGE_MILLIS,
                        i < ACCEPTED_TICKETS && now - t.issuedAt() < TICKET_MAX_AGE_MILLIS));
            }
            return out;
        });
    }

    public record TicketView(String ticket, long issuedAt, long expiresAt, boolean accepted) {}

    /**
     * Pushes a ticket to every suite with a callback whose current 10-minute slot of the server clock has
     * none yet; a jump over several slots pushes once (spec 2.2, 6 no. 15). One process wins each slot.
     */
    public void pushDueTickets() {
        db.writeServer(tx -> {
            followClock(tx);
            long slot = clock.millis() / TICKET_SLOT_MILLIS;
            for (SuiteRow s : ProviderStore.suites(tx)) {
                if (s.suite().callbackUrl() == null) continue;
                if (!ProviderStore.claimSlot(tx, s.id(), slot)) continue;
                newTicket(tx, s.id());
            }
            return null;
        });
    }

    private static boolean blank(String s) { return s == null || s.isEmpty(); }
}
