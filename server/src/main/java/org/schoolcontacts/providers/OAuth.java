package org.schoolcontacts.providers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * School OAuth (spec 3.9): codes bound to a user (student, parent or the one outsider) and an audience
 * (a corp, optionally one agentid, or a suite), single use, 5 minutes of the server clock; and the four
 * exchanges. Codes are minted through {@code POST /__admin/oauth/codes} and the emulated
 * {@code /connect/oauth2/authorize} page ({@link ProviderPages}).
 */
public final class OAuth {
    static final long CODE_SECONDS = 300;
    static final String OUTSIDER = "@outsider";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int STUDENT = 1;
    private static final int PARENT = 2;

    private final Providers providers;

    OAuth(Providers providers) { this.providers = providers; }

    /** What a code was minted for. {@code userType} null for the outsider. */
    private record Code(String corpId, Long agentid, String suiteId, String userid, Integer userType, String userCorpId,
                        String redirectHost) {}

    /** Who may redeem the emulated page's codes: a corp (optionally one of its apps) or a suite. */
    record Audience(String corpId, Long agentid, String suiteId, String name) {
        boolean suite() { return suiteId != null; }
    }

    /** A user the authorize page offers: ids and names only. */
    record PageUser(String corpId, String userid, boolean parent, String name) {}

    /**
     * The authorize page's appid and agentid (spec 3.9): a corpid (self-built, agency) or a suite_id
     * (third-party); unknown → 40013; an agentid not of that corp → 40056.
     */
    Audience audience(String appid, Long agentid) {
        if (appid == null || appid.isEmpty()) throw WeComError.INVALID_CORPID.exception();
        return providers.db().read(tx -> {
            Optional<ProviderStore.SuiteRow> suite = ProviderStore.suite(tx, appid);
            if (suite.isPresent()) return new Audience(null, null, appid, suite.get().suite().name());
            String name = tx.one("SELECT name FROM corps WHERE corp_id = ?", rs -> rs.getString(1), appid)
                    .orElseThrow(WeComError.INVALID_CORPID::exception);
            if (agentid != null && tx.count("SELECT COUNT(*) FROM apps WHERE corp_id = ? AND agentid = ?", appid, agentid) == 0) {
                throw WeComError.INVALID_AGENTID.exception();
            }
            return new Audience(appid, agentid, null, name);
        });
    }

    /** Students and parents of the corp, or of every corp where the suite is active, in creation order. */
    List<PageUser> pageUsers(Audience a) {
        return providers.db().read(tx -> tx.query("SELECT u.corp_id, u.userid, u.user_type, u.name FROM users u WHERE u.user_type IN (1, 2) AND "
                        + (a.suite() ? "u.corp_id IN (SELECT corp_id FROM authorisations WHERE suite_id = ? AND status = 'active')" : "u.corp_id = ?")
                        + " ORDER BY u.corp_id, u.user_type, u.created_seq",
                rs -> new PageUser(rs.getString(1), rs.getString(2), rs.getInt(3) == PARENT, rs.getString(4)),
                a.suite() ? a.suiteId() : a.corpId()));
    }

    /** An app's trusted redirect domains (可信域名); empty: no check. */
    List<String> trustedDomains(String corpId, Long agentid) {
        if (corpId == null || agentid == null) return List.of();
        return providers.db().read(tx -> tx.one("SELECT trusted_domains FROM apps WHERE corp_id = ? AND agentid = ?",
                rs -> rs.getString(1), corpId, agentid)).map(OAuth::domains).orElse(List.of());
    }

    private static List<String> domains(String stored) {
        if (stored == null || stored.isBlank()) return List.of();
        return List.of(stored.trim().split(" +"));
    }

    /**
     * Whether a redirect host is trusted by a list: equal to an entry, case-insensitively (an entry with
     * a port matches that port only). An empty list trusts every host.
     */
    static boolean trusted(List<String> domains, URI redirect) {
        if (domains.isEmpty()) return true;
        String host = redirect.getHost() == null ? "" : redirect.getHost().toLowerCase(java.util.Locale.ROOT);
        for (String d : domains) {
            String entry = d.toLowerCase(java.util.Locale.ROOT);
            if (entry.equals(host) || entry.equals(host + ":" + redirect.getPort())) return true;
        }
        return false;
    }

    /**
     * The seed's {@code apps[].trusted_domains} (spec 5.1): host names (optionally {@code :port}); a bad
     * entry refuses the seed, naming it.
     */
    static void seedApp(Tx tx, com.fasterxml.jackson.databind.JsonNode app) throws SQLException {
        com.fasterxml.jackson.databind.JsonNode list = app.get("trusted_domains");
        if (list == null || list.isNull() || list.isEmpty() || !app.hasNonNull("agentid")) return;
        List<String> hosts = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode d : list) {
            if (!d.isTextual() || !d.asText().matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?")) {
                throw WeComError.INVALID_PARAMETER.withMessage("trusted_domains: " + d + " is not a host name (e.g. app.example.com)");
            }
            hosts.add(d.asText());
        }
        tx.update("UPDATE apps SET trusted_domains = ? WHERE corp_id = ? AND agentid = ?", String.join(" ", hosts), tx.corpId(),
                app.get("agentid").asLong());
    }

    /** A mint request: {@code appid} is a corpid or a suite_id; {@code corpId} names the user's corp for suites. */
    public record MintRequest(String appid, String userid, boolean outsider, Long agentid, String corpId, String redirectUri) {}

    public record Minted(String code, long expiresIn) {}

    public Minted mint(MintRequest r) {
        if (r.appid() == null || r.appid().isEmpty()) throw new IllegalArgumentException("\"appid\" is required");
        if (!r.outsider() && (r.userid() == null || r.userid().isEmpty())) {
            throw new IllegalArgumentException("give \"userid\" (a student or parent) or \"outsider\": true");
        }
        String host = null;
        if (r.redirectUri() != null) {
            try {
                URI u = URI.create(r.redirectUri());
                // kept with its port, so a trusted domain that names a port can be checked at the exchange
                host = u.getHost() == null ? null : u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"redirect_uri\" is not a URL");
            }
        }
        String redirectHost = host;
        String code = Derived.code(64);
        providers.db().writeServer(tx -> {
            providers.followClock(tx);
            boolean suite = ProviderStore.suite(tx, r.appid()).isPresent();
            String corp = suite ? r.corpId() : r.appid();
            if (!suite && tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = ?", corp) == 0) {
                throw new ProviderAdminException(404, "appid is neither a corp nor a suite: " + r.appid());
            }
            if (!suite && r.agentid() != null
                    && tx.count("SELECT COUNT(*) FROM apps WHERE corp_id = ? AND agentid = ?", corp, r.agentid()) == 0) {
                throw new ProviderAdminException(404, "no app " + r.agentid() + " in " + corp);
            }
            String userid = null;
            Integer type = null;
            if (!r.outsider()) {
                if (corp == null) throw new IllegalArgumentException("\"corpid\" is required for a suite's code of a user");
                Optional<Object[]> u = tx.one("SELECT userid, user_type FROM users WHERE corp_id = ? AND user_key = ?",
                        rs -> new Object[] {rs.getString(1), rs.getInt(2)}, corp, Limits.userKey(r.userid()));
                if (u.isEmpty()) throw new ProviderAdminException(404, "no student or parent " + r.userid() + " in " + corp);
                userid = (String) u.get()[0];
                type = (Integer) u.get()[1];
            }
            long now = providers.clock().millis();
            tx.update("INSERT INTO oauth_codes (code, corp_id, agentid, suite_id, userid, user_type, user_corp_id, outsider_key, "
                            + "redirect_host, issued_at, expires_at, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    code, suite ? null : corp, suite ? null : r.agentid(), suite ? r.appid() : null, userid, type, corp,
                    r.outsider() ? OUTSIDER : null, redirectHost, now, now + CODE_SECONDS * 1000);
            return null;
        });
        return new Minted(code, CODE_SECONDS);
    }

    /** Consumes a code for this audience: absent 41008; unknown, used, expired or another audience's 40029. */
    private Code redeem(String code, String corpId, Long agentid, String suiteId) {
        if (code == null || code.isEmpty()) throw WeComError.AUTH_CODE_MISSING.withMessage("missing code");
        return providers.db().writeServer(tx -> {
            providers.followClock(tx);
            Optional<Code> c = tx.one("SELECT corp_id, agentid, suite_id, userid, user_type, user_corp_id, redirect_host "
                            + "FROM oauth_codes WHERE code = ?",
                    rs -> {
                        long a = rs.getLong(2);
                        Long agent = rs.wasNull() ? null : a;
                        int t = rs.getInt(5);
                        Integer type = rs.wasNull() ? null : t;
                        return new Code(rs.getString(1), agent, rs.getString(3), rs.getString(4), type, rs.getString(6), rs.getString(7));
                    }, code);
            if (c.isEmpty()) throw WeComError.INVALID_OAUTH_CODE.exception();
            Code x = c.get();
            boolean audience = suiteId != null ? suiteId.equals(x.suiteId())
                    : corpId.equals(x.corpId()) && (x.agentid() == null || x.agentid().equals(agentid));
            if (!audience) throw WeComError.INVALID_OAUTH_CODE.exception();
            if (suiteId == null && x.redirectHost() != null) {
                // the redeeming app's 可信域名, checked only when it has some (spec 3.9)
                List<String> trusted = tx.one("SELECT trusted_domains FROM apps WHERE corp_id = ? AND agentid = ?", rs -> rs.getString(1),
                        corpId, agentid).map(OAuth::domains).orElse(List.of());
                if (!trusted(trusted, URI.create("http://" + x.redirectHost()))) throw WeComError.REDIRECT_DOMAIN_NOT_TRUSTED.exception();
            }
            if (tx.update("UPDATE oauth_codes SET used = 1 WHERE code = ? AND used = 0 AND expires_at > ?", code,
                    providers.clock().millis()) != 1) {
                throw WeComError.INVALID_OAUTH_CODE.exception();
            }
            return x;
        });
    }

    private static void notThirdParty(Caller caller) {
        // third-party apps exchange their codes with the suite token (getuserinfo3rd)
        if (caller.kind() == AppKind.THIRD_PARTY) throw WeComError.API_FORBIDDEN.exception();
    }

    /** school/getuserinfo (D-95791). */
    public ObjectNode schoolUserInfo(Caller caller, String code) {
        notThirdParty(caller);
        Code c = redeem(code, caller.corpId(), caller.agentid(), null);
        ObjectNode out = NODES.objectNode();
        out.put("DeviceId", device(c));
        if (c.userType() != null) out.put(c.userType() == PARENT ? "parent_userid" : "student_userid", c.userid());
        return out;
    }

    /** auth/getuserinfo (D-91707), and with {@code legacy} user/getuserinfo as WxJava's getUserInfo calls it. */
    public ObjectNode authUserInfo(Caller caller, String code, boolean legacy) {
        notThirdParty(caller);
        Code c = redeem(code, caller.corpId(), caller.agentid(), null);
        ObjectNode out = NODES.objectNode();
        if (c.userType() == null) {
            out.put(legacy ? "OpenId" : "openid", Derived.openid(c.userCorpId() == null ? caller.corpId() : c.userCorpId(), OUTSIDER));
        } else if (c.userType() == PARENT) {
            out.put("parent_userid", c.userid());
            String ext = providers.db().read(tx -> tx.one("SELECT external_userid FROM users WHERE corp_id = ? AND user_key = ? "
                    + "AND is_subscribe = 1", rs -> rs.getString(1), caller.corpId(), Limits.userKey(c.userid())).orElse(null));
            if (ext != null) out.put("external_userid", ext);
        } else {
            out.put("student_userid", c.userid());
        }
        if (legacy) out.put("DeviceId", device(c));
        return out;
    }

    /** service/school/getuserinfo3rd (D-95790): parents with the same mobile in the suite's other schools too. */
    public ObjectNode userInfo3rd(String suiteToken, String code) {
        String suiteId = providers.authenticateSuite(suiteToken);
        Code c = redeem(code, null, null, suiteId);
        ObjectNode out = NODES.objectNode();
        out.put("DeviceId", device(c));
        if (c.userType() == null) return out;
        if (c.userType() == STUDENT) {
            out.putArray("students").addObject().put("corpid", c.userCorpId()).put("student_userid", c.userid());
            return out;
        }
        List<String[]> parents = providers.db().read(tx -> sameParent(tx, suiteId, c));
        var list = out.putArray("parents");
        for (String[] p : parents) list.addObject().put("corpid", p[0]).put("parent_userid", p[1]);
        return out;
    }

    /** The parent, then parents with the same mobile in other corps where the suite is active (spec 6 no. 34). */
    private static List<String[]> sameParent(Tx tx, String suiteId, Code c) throws SQLException {
        List<String[]> out = new java.util.ArrayList<>();
        out.add(new String[] {c.userCorpId(), c.userid()});
        Optional<String> mobile = tx.one("SELECT parent_mobile FROM users WHERE corp_id = ? AND user_key = ?", rs -> rs.getString(1),
                c.userCorpId(), Limits.userKey(c.userid()));
        if (mobile.isEmpty() || mobile.get() == null) return out;
        out.addAll(tx.query("SELECT u.corp_id, u.userid FROM users u JOIN authorisations au ON au.corp_id = u.corp_id "
                        + "WHERE au.suite_id = ? AND au.status = 'active' AND u.user_type = 2 AND u.parent_mobile = ? AND u.corp_id <> ? "
                        + "ORDER BY u.corp_id", rs -> new String[] {rs.getString(1), rs.getString(2)},
                suiteId, mobile.get(), c.userCorpId()));
        return out;
    }

    private static String device(Code c) {
        String corp = c.userCorpId() != null ? c.userCorpId() : c.suiteId();
        return Derived.deviceId(corp, c.userType() == null ? OUTSIDER : c.userid());
    }
}
