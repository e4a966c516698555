package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.WeComException;

/**
 * The seed file (running.md): corps with their apps, departments, students and parents. Corps and
 * apps are checked here; departments, students and parents go through the create endpoints' own
 * rules. The whole seed is applied in one transaction, so a bad item leaves nothing behind.
 */
public final class Seeder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String DEMO_RESOURCE = "demo-seed.json";

    private final Database db;
    private final ServerClock clock;
    private final Map<String, SeedStep> steps;
    private final JsonNode seed;
    private final boolean demo;
    private final List<SeedSection> sections = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param steps item appliers by section name, in the order sections are applied
     *              ({@code departments}, {@code students}, {@code parents},
     *              then {@code apps} for the app fields that name them)
     */
    public Seeder(Database db, ServerClock clock, LinkedHashMap<String, SeedStep> steps, JsonNode seed, boolean demo) {
        this.db = db;
        this.clock = clock;
        this.steps = steps;
        this.seed = seed;
        this.demo = demo;
    }

    public boolean isDemo() { return demo; }

    /** Adds a top-level seed section of a feature; call before {@link #apply()}. */
    public Seeder with(SeedSection section) {
        sections.add(section);
        return this;
    }

    public static JsonNode readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SeedException("cannot read the file: " + oneLine(String.valueOf(e.getMessage())));
        }
        return parse(bytes);
    }

    public static JsonNode readText(String json) {
        return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One JSON document; broken JSON is one line with where and what, none of the parser's internals. */
    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || n.isMissingNode()) throw new SeedException("the seed is empty; it must be a JSON object with \"corps\"");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SeedException("not valid JSON" + where(e) + ": " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SeedException("cannot read JSON: " + oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static String where(com.fasterxml.jackson.core.JsonProcessingException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Jackson's reason without character codes, source excerpts or advice about its own features. */
    static String plain(String message) {
        String m = oneLine(String.valueOf(message))
                .replaceAll("\\s*\\(code -?\\d+\\)", "")
                .replaceAll("\\s*\\(start marker at \\[[^]]*]\\)", "")
                .replaceAll("\\s*at \\[Source:.*$", "")
                .replaceAll("\\s*\\(for [A-Za-z.]+ starting at [^)]*\\)", "")
                .replaceAll(";?\\s*\\(?(?:set|enable|disable)\\b[^)]*(?:Feature|feature)[^)]*\\)?", "")
                .replaceAll("\\s*\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)", "")
                .replaceAll("\\s+", " ").trim();
        return m.isEmpty() ? "unexpected content" : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    public static JsonNode demo() {
        try (InputStream in = Seeder.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("demo seed missing", e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** The corps of the seed, validated (ids, kinds, permissions, secrets). */
    public List<CorpSpec> corps() {
        return parseCorps(seed);
    }

    /** The validated corps of a seed document (for seed sections that refer to corps). */
    public static List<CorpSpec> parseCorpsOf(JsonNode seed) {
        return parseCorps(seed);
    }

    static List<CorpSpec> parseCorps(JsonNode seed) {
        if (seed == null || !seed.isObject()) throw new SeedException("seed: the document must be a JSON object");
        SeedSchema.get().validate(seed);
        JsonNode corps = seed.get("corps");
        if (corps == null || !corps.isArray()) throw new SeedException("seed: \"corps\" must be an array");
        List<CorpSpec> out = new ArrayList<>();
        Set<String> corpIds = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < corps.size(); i++) {
            JsonNode c = corps.get(i);
            String where = "seed corps[" + i + "]";
            if (!c.isObject()) throw new SeedException(where + ": must be an object");
            String corpId = requiredText(c, "corpid", where);
            if (!corpId.matches("[0-9A-Za-z_\\-]{1,64}")) throw new SeedException(where + ": corpid must be 1-64 letters, digits, _ or -");
            where = where + " (" + corpId + ")";
            if (!corpIds.add(corpId)) throw new SeedException(where + ": corpid appears twice");
            String name = c.hasNonNull("name") ? c.get("name").asText() : corpId;
            if (name.isEmpty() || name.codePointCount(0, name.length()) > 64) throw new SeedException(where + ": name must be 1-64 characters");
            boolean systemAccepted = bool(c, "system_secret_accepted", false, where);
            // The school's parent cap follows it (spec 5.4); true by default so large rosters work (12 Q29).
            boolean verified = bool(c, "verified", true, where);
            JsonNode apps = c.get("apps");
            if (apps == null || !apps.isArray()) throw new SeedException(where + ": \"apps\" must be an array");
            List<CorpSpec.AppSpec> appSpecs = new ArrayList<>();
            Set<String> appIds = new HashSet<>();
            for (int j = 0; j < apps.size(); j++) {
                JsonNode a = apps.get(j);
                String aw = where + " apps[" + j + "]";
                if (!a.isObject()) throw new SeedException(aw + ": must be an object");
                AppKind kind = AppKind.parse(requiredText(a, "kind", aw));
                if (kind == null) throw new SeedException(aw + ": kind must be self_built, agency, third_party or system");
                Long agentid = null;
                if (kind != AppKind.SYSTEM) {
                    if (!a.hasNonNull("agentid") || !a.get("agentid").canConvertToLong() || !a.get("agentid").isIntegralNumber()
                            || a.get("agentid").asLong() <= 0) {
                        throw new SeedException(aw + ": agentid must be a positive integer");
                    }
                    agentid = a.get("agentid").asLong();
                } else if (a.hasNonNull("agentid")) {
                    throw new SeedException(aw + ": a system app has no agentid");
                }
                SchoolPermission permission = SchoolPermission.NONE;
                if (a.hasNonNull("school_contacts")) {
                    if (kind == AppKind.SYSTEM) throw new SeedException(aw + ": a system app has no school_contacts field");
                    permission = SchoolPermission.parse(a.get("school_contacts").asText());
                    if (permission == null) throw new SeedException(aw + ": school_contacts must be edit, read, parent_app or none");
                    if (permission == SchoolPermission.PARENT_APP && kind != AppKind.SELF_BUILT) {
                        throw new SeedException(aw + ": parent_app is a permission of self_built apps only");
                    }
                }
                if (kind == AppKind.SYSTEM) permission = SchoolPermission.EDIT;
                boolean mobileAuthorized = bool(a, "mobile_authorized", false, aw);
                boolean enabled = bool(a, "enabled", true, aw);
                String secret = requiredText(a, "secret", aw);
                if (!secret.matches("[\\x21-\\x7e]{1,128}")) throw new SeedException(aw + ": secret must be 1-128 printable ASCII characters");
                if (!secrets.add(secret)) throw new SeedException(aw + ": secret is used by another app");
                String appName = a.hasNonNull("name") ? a.get("name").asText() : (agentid == null ? "system" : "app " + agentid);
                CorpSpec.AppSpec app = new CorpSpec.AppSpec(agentid, appName, kind, permission, mobileAuthorized, enabled, secret);
                if (!appIds.add(app.appId())) {
                    throw new SeedException(aw + ": " + (agentid == null ? "a corp has at most one system app" : "agentid appears twice"));
                }
                appSpecs.add(app);
            }
            checkOneEditingApp(appSpecs, AppKind.SELF_BUILT, where);
            checkOneEditingApp(appSpecs, AppKind.THIRD_PARTY, where);
            out.add(new CorpSpec(corpId, name, systemAccepted, verified, List.copyOf(appSpecs)));
        }
        return out;
    }

    /**
     * One editing app per school: at most one self-built app may read and edit home-school contacts
     * (D-91638: "此类应用仅可设置一个") and one third-party app (D-91885: "一个企业/学校只能授权给唯一第三方应用").
     * Agency apps and the system secret are not counted (spec 3.1, 12 Q28).
     */
    private static void checkOneEditingApp(List<CorpSpec.AppSpec> apps, AppKind kind, String where) {
        List<String> editors = apps.stream().filter(a -> a.kind() == kind && a.permission() == SchoolPermission.EDIT)
                .map(a -> String.valueOf(a.agentid())).toList();
        if (editors.size() > 1) {
            throw new SeedException(where + ": at most one " + kind.wireName() + " app may have school_contacts \"edit\""
                    + " (WeCom allows one editing app per school); agentids " + String.join(", ", editors));
        }
    }

    private static String requiredText(JsonNode n, String field, String where) { return SeedFields.requiredText(n, field, where); }

    private static boolean bool(JsonNode n, String field, boolean dflt, String where) { return SeedFields.bool(n, field, dflt, where); }

    /**
     * Applies the seed to every corp the store does not hold yet; returns the corps created. Two
     * processes starting together on one database may both try to create a corp: the loser's insert
     * fails on the key, and its second attempt finds the corp present.
     */
    public List<String> apply() {
        for (int attempt = 1; ; attempt++) {
            try {
                return applyOnce();
            } catch (Database.StoreFailure e) {
                if (attempt >= 3) throw e;
            }
        }
    }

    private List<String> applyOnce() {
        List<CorpSpec> corps = corps();
        for (SeedSection section : sections) section.validate(seed, corps);
        JsonNode corpNodes = seed.get("corps");
        return db.writeServer(tx -> {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < corps.size(); i++) {
                CorpSpec corp = corps.get(i);
                if (!CorpStore.createIfAbsent(tx, corp, clock.millis())) continue;
                tx.useCorp(corp.corpId());
                applyItems(tx, corpNodes.get(i), "seed corps[" + i + "] (" + corp.corpId() + ")");
                created.add(corp.corpId());
            }
            for (SeedSection section : sections) section.apply(tx, seed, created);
            return created;
        });
    }

    private void applyItems(Tx tx, JsonNode corpNode, String where) throws java.sql.SQLException {
        for (Map.Entry<String, SeedStep> step : steps.entrySet()) {
            JsonNode items = corpNode.get(step.getKey());
            if (items == null || items.isNull()) continue;
            if (!items.isArray()) throw new SeedException(where + ": \"" + step.getKey() + "\" must be an array");
            for (int k = 0; k < items.size(); k++) {
                JsonNode item = items.get(k);
                String iw = where + " " + step.getKey() + "[" + k + "]" + describe(item);
                if (!item.isObject()) throw new SeedException(iw + ": must be an object");
                // A seed is the operator's own file: a field of the wrong JSON type is refused, not dropped
                // with a warning as in a request (spec 1.3).
                try (JsonFields.Mistyped mistyped = JsonFields.Mistyped.open()) {
                    try {
                        step.getValue().apply(tx, item);
                    } catch (WeComException e) {
                        if (mistyped.any()) throw mistypedItem(iw, mistyped);
                        throw new SeedException(iw + ": " + e.errmsg() + " (errcode " + e.errcode() + ")");
                    }
                    if (mistyped.any()) throw mistypedItem(iw, mistyped);
                }
            }
        }
    }

    private static SeedException mistypedItem(String where, JsonFields.Mistyped mistyped) {
        return new SeedException(where + ": wrong JSON type for " + String.join(", ", mistyped.fields()));
    }

    private static String describe(JsonNode item) {
        for (String f : List.of("id", "student_userid", "parent_userid")) {
            if (item.hasNonNull(f)) return " (" + f + " " + item.get(f) + ")";
        }
        return "";
    }

    /** Deletes every school's data and tokens, then applies the seed again. */
    public List<String> reset() {
        db.writeServer(tx -> {
            org.schoolcontacts.events.Events.forgetAll(tx);
            for (SeedSection section : sections) section.clear(tx);
            for (String table : CorpStore.CORP_TABLES) tx.update("DELETE FROM " + table);
            // notices are numbered n1, n2, … again after a reset, as after a fresh start
            tx.update("UPDATE notice_sequence SET next_id = 1");
            return null;
        });
        List<String> corps = apply();
        for (SeedSection section : sections) section.afterReset();
        return corps;
    }
}
