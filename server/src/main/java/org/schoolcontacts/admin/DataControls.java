package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.http.AdminRoute.Response;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.tokens.Tokens;
import org.schoolcontacts.wecom.Limits;

/**
 * Admin-only changes to data WeCom derives from events the emulator does not have (spec 11): a
 * parent following 学校通知, a class's group chat, tokens expiring early; and the rename limit testers
 * may relax (spec 12 Q5).
 */
final class DataControls {
    private final Database db;
    private final Tokens tokens;

    DataControls(Database db, Tokens tokens) {
        this.db = db;
        this.tokens = tokens;
    }

    /** {@code {"corpid"}}: every token of the corp answers 40014 from now on. */
    Response revokeTokens(JsonNode body) {
        String corpId = text(body, "corpid");
        return new Response(200, Map.of("revoked", tokens.revokeAll(corpId)));
    }

    /** {@code {"corpid", "parent_userid", "is_subscribe": 0|1, "external_userid"?}}. */
    Response parentSubscription(JsonNode body) {
        String corpId = text(body, "corpid");
        String key = Limits.userKey(text(body, "parent_userid"));
        int subscribed = flag(body, "is_subscribe");
        String external = body.hasNonNull("external_userid") ? body.get("external_userid").asText() : null;
        int n = db.write(corpId, tx -> tx.update(
                "UPDATE users SET is_subscribe = ?, external_userid = ? WHERE corp_id = ? AND user_key = ? AND user_type = 2",
                subscribed, subscribed == 1 ? external : null, corpId, key));
        return n == 0 ? new Response(404, Map.of("error", "no such parent")) : new Response(200, Map.of("updated", true));
    }

    /** {@code {"corpid", "id", "open_group_chat": 0|1, "group_chat_id"?}} for a class. */
    Response classGroupChat(JsonNode body) {
        String corpId = text(body, "corpid");
        if (!body.hasNonNull("id") || !body.get("id").canConvertToLong()) throw new IllegalArgumentException("\"id\" must be a class id");
        long id = body.get("id").asLong();
        int open = flag(body, "open_group_chat");
        String chat = body.hasNonNull("group_chat_id") ? body.get("group_chat_id").asText() : null;
        int n = db.write(corpId, tx -> tx.update(
                "UPDATE departments SET open_group_chat = ?, group_chat_id = ? WHERE corp_id = ? AND dept_id = ? AND type = 1",
                open, open == 1 ? chat : null, corpId, id));
        return n == 0 ? new Response(404, Map.of("error", "no such class")) : new Response(200, Map.of("updated", true));
    }

    /** {@code {"corpid", "rename_limit": N}}: how often a userid may change (spec 12 Q5; 0 = no limit, default 1). */
    Response renameLimit(JsonNode body) {
        String corpId = text(body, "corpid");
        JsonNode v = body.get("rename_limit");
        if (v == null || !v.isIntegralNumber() || v.asInt() < 0) throw new IllegalArgumentException("\"rename_limit\" must be 0 or more");
        boolean found = db.writeServer(tx -> org.schoolcontacts.corps.CorpStore.setRenameLimit(tx, corpId, v.asInt()));
        return found ? new Response(200, Map.of("rename_limit", v.asInt())) : new Response(404, Map.of("error", "no such corp"));
    }

    /**
     * {@code PATCH /__admin/corps/{corpid}/apps/{agentid}} with {@code {"enabled": bool}} (running.md): a
     * disabled app's gettoken answers 40001 and its tokens 50003 at once; re-enabled, they work again.
     */
    Response appEnabled(String corpId, String agentidText, JsonNode body) {
        boolean enabled = bool(body, "enabled");
        long agentid;
        try {
            agentid = Long.parseLong(agentidText);
        } catch (NumberFormatException e) {
            return new Response(404, Map.of("error", "no such app"));
        }
        return db.writeServer(tx -> {
            if (!CorpStore.setAppEnabled(tx, corpId, agentid, enabled)) return new Response(404, Map.of("error", "no such app"));
            CorpStore.AppView app = CorpStore.app(tx, corpId, agentid).orElseThrow();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("corpid", corpId);
            out.put("agentid", app.agentid());
            out.put("name", app.name());
            out.put("kind", app.kind());
            out.put("school_contacts", app.schoolContacts());
            out.put("mobile_authorized", app.mobileAuthorized());
            out.put("enabled", app.enabled());
            out.put("secret", "***");
            return new Response(200, out);
        });
    }

    /** {@code PATCH /__admin/corps/{corpid}/settings} with {@code {"verified": bool}}: the parent cap, 20,000 or 2,000. */
    Response settings(String corpId, JsonNode body) {
        boolean verified = bool(body, "verified");
        boolean found = db.writeServer(tx -> CorpStore.setVerified(tx, corpId, verified));
        if (!found) return new Response(404, Map.of("error", "no such corp"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("corpid", corpId);
        out.put("verified", verified);
        return new Response(200, out);
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isBoolean()) throw new IllegalArgumentException("\"" + field + "\" must be true or false");
        return v.asBoolean();
    }

    private static String text(JsonNode body, String field) {
        if (!body.hasNonNull(field) || body.get(field).asText().isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return body.get(field).asText();
    }

    private static int flag(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !(v.isIntegralNumber() || v.isBoolean())) throw new IllegalArgumentException("\"" + field + "\" must be 0 or 1");
        int f = v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asInt();
        if (f != 0 && f != 1) throw new IllegalArgumentException("\"" + field + "\" must be 0 or 1");
        return f;
    }
}
