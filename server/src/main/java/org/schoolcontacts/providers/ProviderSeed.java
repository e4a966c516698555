package org.schoolcontacts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolcontacts.admin.SeedException;
import org.schoolcontacts.admin.SeedFields;
import org.schoolcontacts.admin.SeedSection;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.storage.Tx;

/**
 * The seed's {@code providers} section (spec 5.1): providers, their suites and installs. Validated at
 * start, naming the bad item; applied after the corps; installs become active authorisations with
 * their corp-side apps, without auth codes or pushes.
 */
final class ProviderSeed implements SeedSection {
    private static final String ID = "[0-9A-Za-z_\\-]{1,64}";
    private static final String SECRET = "[\\x21-\\x7e]{1,128}";

    private final Providers providers;

    ProviderSeed(Providers providers) { this.providers = providers; }

    @Override
    public void validate(JsonNode seed, List<CorpSpec> corps) {
        parse(seed, corps);
    }

    static List<ProviderSpec> parse(JsonNode seed, List<CorpSpec> corps) {
        JsonNode list = seed.get("providers");
        if (list == null || list.isNull()) return List.of();
        if (!list.isArray()) throw new SeedException("seed: \"providers\" must be an array");
        Map<String, CorpSpec> corpById = new HashMap<>();
        for (CorpSpec c : corps) corpById.put(c.corpId(), c);
        Set<String> providerIds = new HashSet<>();
        Set<String> suiteIds = new HashSet<>();
        Set<String> codes = new HashSet<>();
        Map<String, Set<Long>> agentids = new HashMap<>();
        for (CorpSpec c : corps) {
            Set<Long> ids = new HashSet<>();
            for (CorpSpec.AppSpec a : c.apps()) if (a.agentid() != null) ids.add(a.agentid());
            agentids.put(c.corpId(), ids);
        }
        Map<String, String> editingThirdParty = new HashMap<>();
        List<ProviderSpec> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String where = "seed providers[" + i + "]";
            if (!p.isObject()) throw new SeedException(where + ": must be an object");
            String corpId = text(p, "corpid", where, ID, "1-64 letters, digits, _ or -");
            where += " (" + corpId + ")";
            if (!providerIds.add(corpId)) throw new SeedException(where + ": provider corpid appears twice");
            String name = p.hasNonNull("name") ? p.get("name").asText() : corpId;
            String secret = text(p, "provider_secret", where, SECRET, "1-128 printable ASCII characters");
            List<ProviderSpec.Suite> suites = new ArrayList<>();
            Map<String, ProviderSpec.Suite> own = new HashMap<>();
            JsonNode suiteNodes = p.get("suites");
            if (suiteNodes != null && !suiteNodes.isNull()) {
                if (!suiteNodes.isArray()) throw new SeedException(where + ": \"suites\" must be an array");
                for (int j = 0; j < suiteNodes.size(); j++) {
                    ProviderSpec.Suite s = suite(suiteNodes.get(j), where + " suites[" + j + "]");
                    if (!suiteIds.add(s.suiteId())) throw new SeedException(where + " suites[" + j + "] (" + s.suiteId() + "): suite_id appears twice");
                    suites.add(s);
                    own.put(s.suiteId(), s);
                }
            }
            List<ProviderSpec.Install> installs = new ArrayList<>();
            JsonNode installNodes = p.get("installs");
            if (installNodes != null && !installNodes.isNull()) {
                if (!installNodes.isArray()) throw new SeedException(where + ": \"installs\" must be an array");
                Set<String> pairs = new HashSet<>();
                for (int j = 0; j < installNodes.size(); j++) {
                    JsonNode n = installNodes.get(j);
                    String iw = where + " installs[" + j + "]";
                    if (!n.isObject()) throw new SeedException(iw + ": must be an object");
                    String suiteId = text(n, "suite_id", iw, ID, "a suite id");
                    String corp = text(n, "corpid", iw, ID, "a corpid");
                    iw += " (" + suiteId + " in " + corp + ")";
                    ProviderSpec.Suite s = own.get(suiteId);
                    if (s == null) throw new SeedException(iw + ": suite_id is not a suite of this provider");
                    if (!corpById.containsKey(corp)) throw new SeedException(iw + ": corpid is not a corp of the seed");
                    if (!pairs.add(suiteId + "|" + corp)) throw new SeedException(iw + ": the suite is installed twice in this corp");
                    Long agentid = null;
                    if (n.hasNonNull("agentid")) {
                        JsonNode a = n.get("agentid");
                        if (!a.isIntegralNumber() || !a.canConvertToLong() || a.asLong() <= 0) {
                            throw new SeedException(iw + ": agentid must be a positive integer");
                        }
                        agentid = a.asLong();
                        if (!agentids.get(corp).add(agentid)) throw new SeedException(iw + ": agentid " + agentid + " is taken in this corp");
                    }
                    String code = null;
                    if (n.hasNonNull("permanent_code")) {
                        code = text(n, "permanent_code", iw, "[A-Za-z0-9_\\-]{64}", "64 characters of [A-Za-z0-9_-]");
                    }
                    String pc = code != null ? code : Derived.permanentCode(suiteId, corp);
                    if (!codes.add(pc)) throw new SeedException(iw + ": permanent_code is used by another install");
                    String state = n.hasNonNull("state") ? n.get("state").asText() : null;
                    if (state != null && (state.length() > Providers.STATE_MAX_BYTES || !state.matches("[A-Za-z0-9]*"))) {
                        throw new SeedException(iw + ": state must be at most 128 letters or digits");
                    }
                    String admin = n.hasNonNull("admin_userid") ? n.get("admin_userid").asText() : "admin";
                    if (s.kind() == SuiteKind.THIRD_PARTY && s.permission() == SchoolPermission.EDIT) {
                        String before = editingThirdParty.putIfAbsent(corp, suiteId);
                        boolean seededEditor = corpById.get(corp).apps().stream()
                                .anyMatch(a -> a.kind() == org.schoolcontacts.corps.AppKind.THIRD_PARTY
                                        && a.permission() == SchoolPermission.EDIT && a.enabled());
                        if (before != null || seededEditor) {
                            throw new SeedException(iw + ": corp " + corp + " already has a third-party app editing its home-school "
                                    + "contacts (one per school)");
                        }
                    }
                    installs.add(new ProviderSpec.Install(suiteId, corp, agentid, pc, state, admin));
                }
            }
            out.add(new ProviderSpec(corpId, name, secret, List.copyOf(suites), List.copyOf(installs)));
        }
        return out;
    }

    private static ProviderSpec.Suite suite(JsonNode s, String where) {
        if (!s.isObject()) throw new SeedException(where + ": must be an object");
        String suiteId = text(s, "suite_id", where, ID, "1-64 letters, digits, _ or -");
        where += " (" + suiteId + ")";
        SuiteKind kind = SuiteKind.parse(text(s, "kind", where, ".*", ""));
        if (kind == null) throw new SeedException(where + ": kind must be third_party or agency");
        if (kind == SuiteKind.THIRD_PARTY && !(suiteId.startsWith("ww") || suiteId.startsWith("wx"))) {
            throw new SeedException(where + ": a third_party suite_id starts with ww or wx");
        }
        if (kind == SuiteKind.AGENCY && !suiteId.startsWith("dk")) throw new SeedException(where + ": an agency template id starts with dk");
        String name = s.hasNonNull("name") ? s.get("name").asText() : suiteId;
        String secret = text(s, "suite_secret", where, SECRET, "1-128 printable ASCII characters");
        String token = text(s, "token", where, "[A-Za-z0-9]{1,32}", "1-32 letters or digits");
        String key = text(s, "encoding_aes_key", where, "[A-Za-z0-9]{43}", "exactly 43 letters or digits");
        String url = s.hasNonNull("callback_url") ? url(s.get("callback_url"), where + " callback_url") : null;
        SchoolPermission permission = SchoolPermission.parse(text(s, "school_permission", where, "edit|read", "edit or read"));
        boolean batch = bool(s, "batch_events", false, where);
        boolean parentApp = bool(s, "parent_app", true, where);
        boolean mobile = bool(s, "mobile_authorized", false, where);
        ProviderSpec.Callback cb = null;
        JsonNode c = s.get("app_callback");
        if (c != null && !c.isNull()) {
            String cw = where + " app_callback";
            if (kind != SuiteKind.AGENCY) throw new SeedException(cw + ": only agency templates have an app_callback");
            if (!c.isObject()) throw new SeedException(cw + ": must be an object");
            cb = new ProviderSpec.Callback(url(c.get("url"), cw + " url"),
                    text(c, "token", cw, "[A-Za-z0-9]{1,32}", "1-32 letters or digits"),
                    text(c, "encoding_aes_key", cw, "[A-Za-z0-9]{43}", "exactly 43 letters or digits"));
        }
        return new ProviderSpec.Suite(suiteId, kind, name, secret, token, key, url, permission, batch, parentApp, mobile, cb);
    }

    private static String url(JsonNode v, String where) {
        if (v == null || !v.isTextual() || !v.asText().matches("https?://[^\\s]{1,2040}")) {
            throw new SeedException(where + ": must be an http:// or https:// URL");
        }
        return v.asText();
    }

    private static String text(JsonNode n, String field, String where, String pattern, String rule) {
        return SeedFields.text(n, field, where, pattern, rule);
    }

    private static boolean bool(JsonNode n, String field, boolean dflt, String where) { return SeedFields.bool(n, field, dflt, where); }

    @Override
    public void apply(Tx tx, JsonNode seed, List<String> createdCorps) throws SQLException {
        List<ProviderSpec> specs = parse(seed, org.schoolcontacts.admin.Seeder.parseCorpsOf(seed));
        long now = providers.clock().millis();
        for (ProviderSpec p : specs) ProviderStore.insertProvider(tx, p);
        for (ProviderSpec p : specs) {
            for (ProviderSpec.Install in : p.installs()) {
                if (!createdCorps.contains(in.corpId())) continue;
                if (ProviderStore.authorisation(tx, in.corpId(), in.suiteId()).isPresent()) continue;
                ProviderStore.SuiteRow suite = ProviderStore.suite(tx, in.suiteId()).orElseThrow();
                long agentid = in.agentid() != null ? in.agentid() : ProviderStore.nextAgentid(tx, in.corpId());
                String appId = String.valueOf(agentid);
                if (ProviderStore.appIdTaken(tx, in.corpId(), appId)) {
                    throw new SeedException("seed providers (" + p.corpId() + ") install of " + in.suiteId() + " in " + in.corpId()
                            + ": agentid " + agentid + " is taken");
                }
                SchoolPermission permission = suite.suite().permission();
                ProviderStore.insertApp(tx, in.corpId(), appId, agentid, suite.suite(), permission,
                        Providers.appSecret(suite, in.permanentCode()));
                ProviderStore.insertAuthorisation(tx, new ProviderStore.Authorisation(in.corpId(), in.suiteId(), appId, agentid,
                        in.permanentCode(), permission, in.state(), 0, in.adminUserid(), "active"), now);
            }
        }
    }

    @Override
    public void clear(Tx tx) throws SQLException {
        ProviderStore.clear(tx);
    }

    @Override
    public void afterReset() {
        providers.pushDueTickets();
    }
}
