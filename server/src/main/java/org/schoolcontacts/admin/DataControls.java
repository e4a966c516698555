package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.http.AdminRoute.Response;
import org.schoolcontacts.events.DirectoryChanges;
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
    private final DirectoryChanges changes;

    DataControls(Database db, Tokens tokens, DirectoryChanges changes) {
        this.db = db;
        this.tokens = tokens;
        this.changes = changes;
    }

    /** {@code {"corpid"}}: every token of the corp answers 40014 from now on. */
    Response revokeTokens(JsonNode json) {
        String corpId = AdminBody.of(json, "corpid").text("corpid");
        return new Response(200, Map.of("revoked", tokens.revokeAll(corpId)));
    }

    /** {@code {"corpid", "parent_userid", "is_subscribe": 0|1, "external_userid"?}}. */
    Response parentSubscription(JsonNode json) {
        AdminBody body = AdminBody.of(json, "corpid", "parent_userid", "is_subscribe", "external_userid");
        String corpId = body.text("corpid");
        String key = Limits.userKey(body.text("parent_userid"));
        int subscribed = body.flag("is_subscribe");
        String external = body.optionalText("external_userid");
        int n = db.writeDirectory(corpId, tx -> changes.subscription(tx, key, subscribed == 1, t -> t.update(
                "UPDATE users SET is_subscribe = ?, external_userid = ? WHERE corp_id = ? AND user_key = ? AND user_type = 2",
                subscribed, subscribed == 1 ? external : null, corpId, key)));
        return n == 0 ? new Response(404, Map.of("error", "no such parent")) : new Response(200, Map.of("updated", true));
    }

    /** {@code {"corpid", "id", "open_group_chat": 0|1, "group_chat_id"?}} for a class. */
    Response classGroupChat(JsonNode json) {
        AdminBody body = AdminBody.of(json, "corpid", "id", "open_group_chat", "group_chat_id");
        String corpId = body.text("corpid");
        long id = body.integer("id", 1, Integer.MAX_VALUE);
        int open = body.flag("open_group_chat");
        String chat = body.optionalText("group_chat_id");
        int n = db.writeDirectory(corpId, tx -> changes.updateDepartment(tx, id, null, t -> t.update(
                "UPDATE departments SET open_group_chat = ?, group_chat_id = ? WHERE corp_id = ? AND dept_id = ? AND type = 1",
                open, open == 1 ? chat : null, corpId, id)));
        return n == 0 ? new Response(404, Map.of("error", "no such class")) : new Response(200, Map.of("updated", true));
    }

    /** {@code {"corpid", "rename_limit": N}}: how often a userid may change (spec 12 Q5; 0 = no limit, default 1). */
    Response renameLimit(JsonNode json) {
        AdminBody body = AdminBody.of(json, "corpid", "rename_limit");
        String corpId = body.text("corpid");
        int limit = (int) body.integer("rename_limit", 0, 1000);
        boolean found = db.writeServer(tx -> org.schoolcontacts.corps.CorpStore.setRenameLimit(tx, corpId, limit));
        return found ? new Response(200, Map.of("rename_limit", limit)) : new Response(404, Map.of("error", "no such corp"));
    }

    /**
     * {@code PATCH /__admin/corps/{corpid}/apps/{agentid}} with {@code {"enabled": bool}} (running.md): a
     * disabled app's gettoken answers 40001 and its tokens 50003 at once; re-enabled, they work again.
     * Re-enabling an editing self-built or third-party app while another app of its kind edits the school
     * is refused with 409 (spec 3.1: one editing app of each kind per school; a disabled one does not
     * count, so installs may take its place).
     */
    Response appEnabled(String corpId, String agentidText, JsonNode body) {
        boolean enabled = AdminBody.of(body, "enabled").bool("enabled");
        long agentid;
        try {
            agentid = Long.parseLong(agentidText);
        } catch (NumberFormatException e) {
            return new Response(404, Map.of("error", "no such app"));
        }
        if (db.read(tx -> CorpStore.verified(tx, corpId)).isEmpty()) return new Response(404, Map.of("error", "no such app"));
        // under the corp's lock, as installs and change-auth are, so the editor check cannot be raced
        return db.write(corpId, tx -> {
            Optional<CorpStore.AppView> before = CorpStore.app(tx, corpId, agentid);
            if (before.isEmpty()) return new Response(404, Map.of("error", "no such app"));
            String kind = before.get().kind();
            if (enabled && !before.get().enabled() && "edit".equals(before.get().schoolContacts())
                    && (AppKind.SELF_BUILT.wireName().equals(kind) || AppKind.THIRD_PARTY.wireName().equals(kind))
                    && CorpStore.otherEnabledEditors(tx, corpId, kind, agentid) > 0) {
                // spec 3.1: one editing self-built and one editing third-party app per school
                return new Response(409, Map.of("error", "corp " + corpId + " already has an enabled " + kind
                        + " app editing its home-school contacts (one per school)"));
            }
            CorpStore.setAppEnabled(tx, corpId, agentid, enabled);
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
        boolean verified = AdminBody.of(body, "verified").bool("verified");
        boolean found = db.writeServer(tx -> CorpStore.setVerified(tx, corpId, verified));
        if (!found) return new Response(404, Map.of("error", "no such corp"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("corpid", corpId);
        out.put("verified", verified);
        return new Response(200, out);
    }
}
