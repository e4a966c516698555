package org.schoolcontacts.providers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.storage.Tx;

/** Providers, suites, tickets, suite and provider tokens, pre-auth codes, authorisations and auth codes in SQL. */
final class ProviderStore {
    private ProviderStore() {}

    static final String SUITE_COLUMNS = "suite_id, provider_corp_id, kind, name, suite_secret, token, encoding_aes_key, callback_url, "
            + "school_permission, batch_events, parent_app, mobile_authorized, app_callback_url, app_callback_token, "
            + "app_callback_aes_key, ticket_slot";

    /** A suite as stored, with its provider. */
    record SuiteRow(ProviderSpec.Suite suite, String providerCorpId, long ticketSlot) {
        String id() { return suite.suiteId(); }
        SuiteKind kind() { return suite.kind(); }
    }

    /** One school's authorisation of a suite. */
    record Authorisation(String corpId, String suiteId, String appId, long agentid, String permanentCode,
                         SchoolPermission permission, String state, int authType, String adminUserid, String status) {
        boolean active() { return "active".equals(status); }
    }

    static void insertProvider(Tx tx, ProviderSpec p) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM providers WHERE provider_corp_id = ?", p.corpId()) > 0) return;
        tx.update("INSERT INTO providers (provider_corp_id, name, provider_secret) VALUES (?, ?, ?)", p.corpId(), p.name(), p.providerSecret());
        for (ProviderSpec.Suite s : p.suites()) {
            ProviderSpec.Callback cb = s.appCallback();
            tx.update("INSERT INTO suites (" + SUITE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, -1)",
                    s.suiteId(), p.corpId(), s.kind().wireName(), s.name(), s.suiteSecret(), s.token(), s.encodingAesKey(),
                    s.callbackUrl(), s.permission().wireName(), s.batchEvents() ? 1 : 0, s.parentApp() ? 1 : 0,
                    s.mobileAuthorized() ? 1 : 0, cb == null ? null : cb.url(), cb == null ? null : cb.token(),
                    cb == null ? null : cb.encodingAesKey());
        }
    }

    static Optional<SuiteRow> suite(Tx tx, String suiteId) throws SQLException {
        return tx.one("SELECT " + SUITE_COLUMNS + " FROM suites WHERE suite_id = ?", ProviderStore::suiteRow, suiteId);
    }

    static List<SuiteRow> suites(Tx tx) throws SQLException {
        return tx.query("SELECT " + SUITE_COLUMNS + " FROM suites ORDER BY provider_corp_id, suite_id", ProviderStore::suiteRow);
    }

    private static SuiteRow suiteRow(ResultSet rs) throws SQLException {
        String cbUrl = rs.getString(13);
        ProviderSpec.Callback cb = cbUrl == null ? null : new ProviderSpec.Callback(cbUrl, rs.getString(14), rs.getString(15));
        ProviderSpec.Suite s = new ProviderSpec.Suite(rs.getString(1), SuiteKind.parse(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), SchoolPermission.parse(rs.getString(9)), rs.getInt(10) == 1,
                rs.getInt(11) == 1, rs.getInt(12) == 1, cb);
        return new SuiteRow(s, rs.getString(2), rs.getLong(16));
    }

    static Optional<String> providerSecret(Tx tx, String providerCorpId) throws SQLException {
        return tx.one("SELECT provider_secret FROM providers WHERE provider_corp_id = ?", rs -> rs.getString(1), providerCorpId);
    }

    record ProviderRow(String corpId, String name) {}

    static List<ProviderRow> providers(Tx tx) throws SQLException {
        return tx.query("SELECT provider_corp_id, name FROM providers ORDER BY provider_corp_id",
                rs -> new ProviderRow(rs.getString(1), rs.getString(2)));
    }

    // --- tickets

    record Ticket(String ticket, long issuedAt) {}

    static void insertTicket(Tx tx, String suiteId, String ticket, long now) throws SQLException {
        // tickets pushed within one millisecond would tie on issued_at and "the newest three" would then
        // depend on the tickets' random text: each ticket is issued at least 1 ms after the previous one
        long latest = tx.one("SELECT MAX(issued_at) FROM suite_tickets WHERE suite_id = ?", rs -> rs.getLong(1), suiteId).orElse(0L);
        tx.update("INSERT INTO suite_tickets (suite_id, ticket, issued_at) VALUES (?, ?, ?)", suiteId, ticket, Math.max(now, latest + 1));
    }

    /** Newest first. */
    static List<Ticket> tickets(Tx tx, String suiteId, int limit) throws SQLException {
        List<Ticket> all = tx.query("SELECT ticket, issued_at FROM suite_tickets WHERE suite_id = ? ORDER BY issued_at DESC, ticket",
                rs -> new Ticket(rs.getString(1), rs.getLong(2)), suiteId);
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    /** Claims a 10-minute slot for a suite: true for exactly one caller (process) per slot. */
    static boolean claimSlot(Tx tx, String suiteId, long slot) throws SQLException {
        return tx.update("UPDATE suites SET ticket_slot = ? WHERE suite_id = ? AND ticket_slot < ?", slot, suiteId, slot) == 1;
    }

    // --- suite and provider tokens

    record ServiceToken(String token, String kind, String ownerId, long expiresAt) {}

    static Optional<ServiceToken> serviceToken(Tx tx, String token) throws SQLException {
        return tx.one("SELECT token, kind, owner_id, expires_at FROM service_tokens WHERE token = ?",
                rs -> new ServiceToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), token);
    }

    static Optional<ServiceToken> liveServiceToken(Tx tx, String kind, String ownerId, long minExpiresAt) throws SQLException {
        return tx.one("SELECT token, kind, owner_id, expires_at FROM service_tokens WHERE kind = ? AND owner_id = ? AND expires_at >= ? "
                        + "ORDER BY expires_at DESC",
                rs -> new ServiceToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), kind, ownerId, minExpiresAt);
    }

    static void insertServiceToken(Tx tx, String token, String kind, String ownerId, long now, long expiresAt, long forgetBefore)
            throws SQLException {
        tx.update("DELETE FROM service_tokens WHERE kind = ? AND owner_id = ? AND expires_at < ?", kind, ownerId, forgetBefore);
        tx.update("INSERT INTO service_tokens (token, kind, owner_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                token, kind, ownerId, now, expiresAt);
    }

    // --- pre-auth codes

    record PreAuthCode(String code, String suiteId, long expiresAt, int authType, boolean used) {}

    static void insertPreAuthCode(Tx tx, String code, String suiteId, long now, long expiresAt) throws SQLException {
        tx.update("INSERT INTO pre_auth_codes (code, suite_id, issued_at, expires_at, auth_type, used) VALUES (?, ?, ?, ?, 0, 0)",
                code, suiteId, now, expiresAt);
    }

    static Optional<PreAuthCode> preAuthCode(Tx tx, String code) throws SQLException {
        return tx.one("SELECT code, suite_id, expires_at, auth_type, used FROM pre_auth_codes WHERE code = ?",
                rs -> new PreAuthCode(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getInt(5) == 1), code);
    }

    static void setAuthType(Tx tx, String code, int authType) throws SQLException {
        tx.update("UPDATE pre_auth_codes SET auth_type = ? WHERE code = ?", authType, code);
    }

    /** Consumes an unused, unexpired pre-auth code; false when another install used it first. */
    static boolean usePreAuthCode(Tx tx, String code, long now) throws SQLException {
        return tx.update("UPDATE pre_auth_codes SET used = 1 WHERE code = ? AND used = 0 AND expires_at > ?", code, now) == 1;
    }

    // --- authorisations

    private static final String AUTH_COLUMNS = "corp_id, suite_id, app_id, agentid, permanent_code, permission, state, auth_type, "
            + "admin_userid, status";

    private static Authorisation authRow(ResultSet rs) throws SQLException {
        return new Authorisation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                SchoolPermission.parse(rs.getString(6)), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10));
    }

    static Optional<Authorisation> authorisation(Tx tx, String corpId, String suiteId) throws SQLException {
        return tx.one("SELECT " + AUTH_COLUMNS + " FROM authorisations WHERE corp_id = ? AND suite_id = ?", ProviderStore::authRow,
                corpId, suiteId);
    }

    static List<Authorisation> authorisations(Tx tx, String suiteId) throws SQLException {
        return tx.query("SELECT " + AUTH_COLUMNS + " FROM authorisations WHERE suite_id = ? ORDER BY corp_id", ProviderStore::authRow,
                suiteId);
    }

    /** Active authorisations of a corp by suites other than {@code suiteId} that edit through a third-party app. */
    static long otherEditingThirdPartyApps(Tx tx, String corpId, String suiteId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM apps WHERE corp_id = ? AND kind = 'third_party' AND permission = 'edit' AND enabled = 1 "
                + "AND (suite_id IS NULL OR suite_id <> ?)", corpId, suiteId);
    }

    static long nextAgentid(Tx tx, String corpId) throws SQLException {
        long max = tx.one("SELECT MAX(agentid) FROM apps WHERE corp_id = ?", rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? 0L : v;
        }, corpId).orElse(0L);
        return Math.max(1_000_001L, max + 1);
    }

    static void insertAuthorisation(Tx tx, Authorisation a, long now) throws SQLException {
        tx.update("INSERT INTO authorisations (" + AUTH_COLUMNS + ", installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.corpId(), a.suiteId(), a.appId(), a.agentid(), a.permanentCode(), a.permission().wireName(), a.state(), a.authType(),
                a.adminUserid(), a.status(), now);
    }

    static void updateAuthorisation(Tx tx, Authorisation a) throws SQLException {
        tx.update("UPDATE authorisations SET permanent_code = ?, permission = ?, state = ?, auth_type = ?, admin_userid = ?, status = ? "
                        + "WHERE corp_id = ? AND suite_id = ?",
                a.permanentCode(), a.permission().wireName(), a.state(), a.authType(), a.adminUserid(), a.status(), a.corpId(), a.suiteId());
    }

    /** The corp-side app of an install: an agency app's secret is the permanent code (spec 2.10). */
    static void insertApp(Tx tx, String corpId, String appId, long agentid, ProviderSpec.Suite s, SchoolPermission permission,
                          String secret) throws SQLException {
        tx.update("INSERT INTO apps (corp_id, app_id, agentid, name, kind, permission, mobile_authorized, enabled, secret, suite_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                corpId, appId, agentid, s.name(), s.kind().appKind().wireName(), permission.wireName(), s.mobileAuthorized() ? 1 : 0,
                secret, s.suiteId());
    }

    static void updateApp(Tx tx, String corpId, String appId, SchoolPermission permission, boolean enabled, String secret)
            throws SQLException {
        tx.update("UPDATE apps SET permission = ?, enabled = ?, secret = ? WHERE corp_id = ? AND app_id = ?",
                permission.wireName(), enabled ? 1 : 0, secret, corpId, appId);
    }

    static boolean appIdTaken(Tx tx, String corpId, String appId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM apps WHERE corp_id = ? AND app_id = ?", corpId, appId) > 0;
    }

    // --- auth codes

    static void insertAuthCode(Tx tx, String corpId, String code, String suiteId, long now, long expiresAt) throws SQLException {
        tx.update("INSERT INTO auth_codes (corp_id, code, suite_id, issued_at, expires_at, used) VALUES (?, ?, ?, ?, ?, 0)",
                corpId, code, suiteId, now, expiresAt);
    }

    static Optional<String> corpOfAuthCode(Tx tx, String code, String suiteId) throws SQLException {
        return tx.one("SELECT corp_id FROM auth_codes WHERE code = ? AND suite_id = ?", rs -> rs.getString(1), code, suiteId);
    }

    static boolean useAuthCode(Tx tx, String corpId, String code, long now) throws SQLException {
        return tx.update("UPDATE auth_codes SET used = 1 WHERE corp_id = ? AND code = ? AND used = 0 AND expires_at > ?",
                corpId, code, now) == 1;
    }

    // --- the school as an authorisation shows it

    record CorpInfo(String corpId, String name, boolean verified) {}

    static Optional<CorpInfo> corpInfo(Tx tx, String corpId) throws SQLException {
        return tx.one("SELECT corp_id, name, verified FROM corps WHERE corp_id = ?",
                rs -> new CorpInfo(rs.getString(1), rs.getString(2), rs.getInt(3) == 1), corpId);
    }

    /** Deletes every provider table's rows (reset); the seed then inserts them again. */
    static void clear(Tx tx) throws SQLException {
        for (String table : List.of("oauth_codes", "auth_codes", "authorisations", "pre_auth_codes", "service_tokens", "suite_tickets",
                "corp_settings", "suites", "providers")) {
            tx.update("DELETE FROM " + table);
        }
    }
}
