package org.schoolcontacts.tokens;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.schoolcontacts.admin.ServerSettings;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.ReadCache;
import org.schoolcontacts.storage.SqlWork;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * Access tokens (spec 2). Tokens live in the store, so they survive a restart and are valid on every
 * server process sharing the database.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How many tokens' rows, and gettoken lookups, are kept answering from memory. */
    static final int CACHED = 4096;

    private final Database db;
    private final ServerClock clock;
    /** A token's row as the token check reads it, while its school is unchanged. */
    private final ReadCache<String, Optional<CallerRow>> callers;
    /** gettoken's lookup by corp and secret, while the school is unchanged. */
    private final ReadCache<LookupKey, Optional<Lookup>> lookups;

    private record LookupKey(String corpId, String secret) {}

    public Tokens(Database db, ServerClock clock) {
        this.db = db;
        this.clock = clock;
        // an unknown token's answer names no school, so PostgreSQL and MariaDB do not keep it
        this.callers = db.cache(CACHED, false, (token, found) -> found == null ? null : found.map(r -> r.caller().corpId()).orElse(null));
        this.lookups = db.cache(CACHED, false, (asked, found) -> asked.corpId());
    }

    /** A token and its remaining lifetime in whole seconds. */
    public record Issued(String accessToken, long expiresIn) {}

    /** gettoken: checks in the spec's order, then reuses a live token with >= 600 s left or mints one. */
    public Issued issue(String corpId, String secret) {
        return issue(corpId, secret, agentid -> { });
    }

    /**
     * As {@link #issue(String, String)}, telling {@code appFound} the agentid of the app the secret names
     * as soon as it is known (null for the system app), also when the app is then refused (the journal
     * records it).
     */
    public Issued issue(String corpId, String secret, java.util.function.Consumer<Long> appFound) {
        if (corpId == null || corpId.isEmpty()) throw WeComError.CORPID_MISSING.exception();
        if (secret == null || secret.isEmpty()) throw WeComError.CORPSECRET_MISSING.exception();
        // One statement, no transaction: the corp, the app the secret names, that app's newest token
        // and the stored clock offset. Most calls find a live token to hand out again; they read
        // nothing else and write nothing (spec 2: the same token while it is valid), so they neither
        // open a transaction nor queue on the school's lock. Only minting one takes it.
        // A repeated gettoken is answered from memory while nothing of the school has been committed
        // since (ReadCache): the reuse rule below is still judged with the clock on every call.
        SqlWork<Optional<Lookup>> read = tx -> tx.one(LOOKUP_SQL, rs -> {
            String appId = rs.getString(1);
            long agentid = rs.getLong(3);
            Long agent = rs.wasNull() ? null : agentid;
            CorpStore.AppRow app = appId == null ? null : new CorpStore.AppRow(appId, rs.getInt(2) == 1, agent);
            return new Lookup(app, rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7));
        }, secret, corpId);
        Optional<Lookup> found = lookups.get(new LookupKey(corpId, secret), read);
        if (found.isEmpty()) throw WeComError.INVALID_CORPID.exception();
        Lookup lookup = found.get();
        followStoredClock(lookup.clockOffset());
        if (lookup.app() == null) {
            if (db.readStatement(tx -> CorpStore.secretBelongsToAnotherCorp(tx, corpId, secret))) {
                throw WeComError.SECRET_OF_ANOTHER_CORP.exception();
            }
            throw WeComError.INVALID_CREDENTIAL.exception();
        }
        CorpStore.AppRow row = lookup.app();
        appFound.accept(row.agentid());
        // A disabled app's gettoken is 40001 (D-90313 40001 help: "应用已经停用"; D-91039: 应用需要是启用状态).
        if (!row.enabled()) throw WeComError.INVALID_CREDENTIAL.exception();
        long now = clock.millis();
        // The newest token is the one to hand out again if any is; when it is not (too little life left,
        // or issued "later" than now after the clock went back), the write path decides with every token.
        if (lookup.token() != null && reusable(lookup.issuedAt(), lookup.expiresAt(), now)) {
            return new Issued(lookup.token(), remaining(lookup.expiresAt(), now));
        }
        return issueForApp(corpId, row.appId());
    }

    private static final String LOOKUP_SQL =
            "SELECT a.app_id, a.enabled, a.agentid, " + ServerSettings.CLOCK_OFFSET_SUBQUERY + ", t.token, t.issued_at, t.expires_at "
                    + "FROM corps c LEFT JOIN apps a ON a.corp_id = c.corp_id AND a.secret = ? "
                    + "LEFT JOIN tokens t ON t.corp_id = a.corp_id AND t.app_id = a.app_id AND t.revoked = 0 "
                    + "WHERE c.corp_id = ? ORDER BY t.expires_at DESC LIMIT 1";

    /**
     * What gettoken's one statement found: the app (null: no app has this secret), the stored clock
     * offset and the app's newest unrevoked token.
     */
    private record Lookup(CorpStore.AppRow app, String clockOffset, String token, long issuedAt, long expiresAt) {}

    /** gettoken hands a token out again while it has >= 600 s left and was not issued after now (spec 2). */
    private static boolean reusable(long issuedAt, long expiresAt, long now) {
        return expiresAt >= now + Limits.TOKEN_REUSE_MIN_SECONDS * 1000 && issuedAt <= now;
    }

    private static long remaining(long expiresAt, long now) {
        return Math.min(Limits.TOKEN_TTL_SECONDS, (expiresAt - now) / 1000);
    }

    /**
     * The token gettoken hands out again: the newest unrevoked one that {@link #reusable} accepts (so a
     * token issued "later" than now, after the clock was moved forward and back, is passed over for an
     * older one that is still good). An app has few unrevoked tokens: expired ones are forgotten when
     * a new one is minted.
     */
    private Optional<Issued> liveToken(Tx tx, String corpId, String appId) throws java.sql.SQLException {
        long now = clock.millis();
        record Row(String token, long issuedAt, long expiresAt) {}
        for (Row r : tx.query("SELECT token, issued_at, expires_at FROM tokens WHERE corp_id = ? AND app_id = ? AND revoked = 0 "
                + "ORDER BY expires_at DESC", rs -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)), corpId, appId)) {
            if (reusable(r.issuedAt(), r.expiresAt(), now)) return Optional.of(new Issued(r.token(), remaining(r.expiresAt(), now)));
        }
        return Optional.empty();
    }

    /**
     * The corp token of one app, by the reuse rule of gettoken (spec 2): a live token with >= 600 s left
     * is returned again, else a new one is minted. Also used for the corp tokens of installed suites.
     */
    public Issued issueForApp(String corpId, String appId) {
        return db.write(corpId, tx -> {
            followStoredClock(tx.one("SELECT " + ServerSettings.CLOCK_OFFSET_SUBQUERY, rs -> rs.getString(1)).orElse(null));
            Optional<Issued> live = liveToken(tx, corpId, appId);
            if (live.isPresent()) return live.get();
            long now = clock.millis();
            // Forget tokens expired long enough ago that 42001 is no longer owed for them.
            tx.update("DELETE FROM tokens WHERE corp_id = ? AND app_id = ? AND expires_at < ?",
                    corpId, appId, now - Limits.EXPIRED_TOKEN_MEMORY_SECONDS * 1000);
            String token = newToken();
            tx.update("INSERT INTO tokens (corp_id, token, app_id, issued_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, 0)",
                    corpId, token, appId, now, now + Limits.TOKEN_TTL_SECONDS * 1000);
            return new Issued(token, Limits.TOKEN_TTL_SECONDS);
        });
    }

    /**
     * The caller behind a token: 41001 when absent, 40014 when unknown or revoked, 42001 when expired,
     * 50003 when its app has been disabled since (D-90313 50003: "应用禁用之后，将无法再调用api"). Disabling
     * revokes nothing: the token works again once the app is re-enabled (spec 12 Q30).
     *
     * <p>The token's row comes from memory while nothing of its school has been committed since it was
     * read ({@link ReadCache}); revoked, disabled and expired are judged on it on every call all the same.
     */
    public Caller authenticate(String token) {
        if (token == null || token.isEmpty()) throw WeComError.ACCESS_TOKEN_MISSING.exception();
        if (token.length() > 128) throw WeComError.INVALID_ACCESS_TOKEN.exception();
        return judge(callers.get(token, tx -> tx.one(CALLER_SQL, Tokens::callerRow, token))
                .orElseThrow(WeComError.INVALID_ACCESS_TOKEN::exception));
    }

    private static final String CALLER_SQL =
            "SELECT t.corp_id, t.app_id, t.expires_at, t.revoked, a.agentid, a.kind, a.permission, a.mobile_authorized, "
                    + "c.system_secret_accepted, " + ServerSettings.CLOCK_OFFSET_SUBQUERY + " AS clock_offset, "
                    + "(SELECT au.status FROM authorisations au WHERE au.corp_id = a.corp_id AND au.suite_id = a.suite_id) AS authorisation, "
                    + "a.enabled FROM tokens t "
                    + "JOIN apps a ON a.corp_id = t.corp_id AND a.app_id = t.app_id "
                    + "JOIN corps c ON c.corp_id = t.corp_id WHERE t.token = ?";

    /** A token's row of {@link #CALLER_SQL}: what the store says of it, not yet judged against the clock. */
    private record CallerRow(Caller caller, long expiresAt, boolean revoked, String clockOffset, String authorisation,
                             boolean enabled) {}

    private static CallerRow callerRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        long agentid = rs.getLong(5);
        Long agent = rs.wasNull() ? null : agentid;
        Caller caller = new Caller(rs.getString(1), rs.getString(2), agent, AppKind.parse(rs.getString(6)),
                SchoolPermission.parse(rs.getString(7)), rs.getInt(8) == 1, rs.getInt(9) == 1);
        return new CallerRow(caller, rs.getLong(3), rs.getInt(4) != 0, rs.getString(10), rs.getString(11), rs.getInt(12) == 1);
    }

    /** Judges a token's row, in the order of {@link #authenticate(String)}. */
    private Caller judge(CallerRow row) {
        followStoredClock(row.clockOffset());
        if (row.revoked()) throw WeComError.INVALID_ACCESS_TOKEN.exception();
        // a suite's corp token after the school cancelled the authorisation (spec 2.11)
        if ("cancelled".equals(row.authorisation())) throw WeComError.AUTH_RELATION_INVALID.exception();
        if (clock.millis() >= row.expiresAt()) throw WeComError.ACCESS_TOKEN_EXPIRED.exception();
        if (!row.enabled()) throw WeComError.APP_DISABLED.exception();
        return row.caller();
    }

    /** Adopts the clock offset any process sharing the store set through {@code /__admin/clock}. */
    private void followStoredClock(String storedOffset) {
        clock.setOffsetMillis(storedOffset == null ? 0 : Long.parseLong(storedOffset));
    }

    /** Admin: revokes every token of a corp (simulates WeCom expiring tokens early; they then answer 40014). */
    public int revokeAll(String corpId) {
        return db.writeServer(tx -> tx.update("UPDATE tokens SET revoked = 1 WHERE corp_id = ?", corpId));
    }

    private static String newToken() {
        byte[] bytes = new byte[60];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
