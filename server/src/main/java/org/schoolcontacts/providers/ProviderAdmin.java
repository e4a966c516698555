package org.schoolcontacts.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.http.AdminRoute;
import org.schoolcontacts.http.AdminRoute.Response;

/** The {@code /__admin} routes of providers and suites (spec 5.2). Secrets are shown as {@code ***}. */
final class ProviderAdmin {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SUITE = "/__admin/suites/{suite_id}";

    private final Providers providers;

    ProviderAdmin(Providers providers) {
        this.providers = providers;
    }

    List<AdminRoute> routes() {
        return List.of(
                route("GET", "/__admin/providers", r -> new Response(200, providersJson())),
                route("GET", SUITE + "/authorizations", r -> new Response(200, authorisations(suite(r)))),
                route("POST", SUITE + "/install", r -> install(suite(r), r.body())),
                route("POST", SUITE + "/change-auth", r -> {
                    ProviderStore.Authorisation a = providers.changeAuth(suite(r), corp(r.body()), permission(r.body(), true));
                    ObjectNode n = NODES.objectNode().put("corpid", a.corpId()).put("status", a.status())
                            .put("school_permission", a.permission().wireName());
                    return new Response(200, n);
                }),
                route("POST", SUITE + "/cancel-auth", r -> {
                    ProviderStore.Authorisation a = providers.cancelAuth(suite(r), corp(r.body()));
                    return new Response(200, NODES.objectNode().put("corpid", a.corpId()).put("status", a.status()));
                }),
                route("POST", SUITE + "/push-ticket", r -> new Response(200, NODES.objectNode().put("suite_ticket", providers.pushTicket(suite(r))))),
                route("GET", SUITE + "/tickets", r -> new Response(200, tickets(suite(r)))),
                route("PUT", SUITE + "/callback", r -> callback(suite(r), r.body())),
                route("POST", "/__admin/oauth/codes", r -> oauthCode(r.body())));
    }

    /** Turns this feature's refusals (unknown suite or corp 404, second editing app 409) into their HTTP status. */
    private static AdminRoute route(String method, String path, AdminRoute.Handler h) {
        return new AdminRoute(method, path, r -> {
            try {
                return h.handle(r);
            } catch (ProviderAdminException e) {
                return new Response(e.status(), NODES.objectNode().put("error", e.getMessage()));
            }
        });
    }

    private static String suite(AdminRoute.Request r) { return r.pathParam().apply("suite_id"); }

    private static String corp(JsonNode body) {
        JsonNode v = body.get("corpid");
        if (v == null || !v.isTextual() || v.asText().isEmpty()) throw new IllegalArgumentException("\"corpid\" is required");
        return v.asText();
    }

    private static SchoolPermission permission(JsonNode body, boolean required) {
        JsonNode v = body.get("school_permission");
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException("\"school_permission\" must be edit or read");
            return null;
        }
        SchoolPermission p = v.isTextual() ? SchoolPermission.parse(v.asText()) : null;
        if (p != SchoolPermission.EDIT && p != SchoolPermission.READ) throw new IllegalArgumentException("\"school_permission\" must be edit or read");
        return p;
    }

    private Response install(String suiteId, JsonNode body) {
        String state = optionalText(body, "state");
        Integer authType = null;
        JsonNode at = body.get("auth_type");
        if (at != null && !at.isNull()) {
            if (!at.isIntegralNumber() || (at.asInt() != 0 && at.asInt() != 1)) throw new IllegalArgumentException("\"auth_type\" must be 0 or 1");
            authType = at.asInt();
        }
        Providers.Installed i = providers.install(suiteId, new Providers.InstallRequest(corp(body), state, authType,
                optionalText(body, "admin_userid"), permission(body, false)));
        return new Response(200, NODES.objectNode().put("auth_code", i.authCode()).put("expires_in", i.expiresIn()).put("agentid", i.agentid()));
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException("\"" + field + "\" must be a string");
        return v.asText();
    }

    private ObjectNode providersJson() {
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("providers");
        List<ProviderStore.SuiteRow> suites = providers.suites();
        for (ProviderStore.ProviderRow p : providers.providers()) {
            ObjectNode pn = list.addObject().put("corpid", p.corpId()).put("name", p.name()).put("provider_secret", "***");
            ArrayNode sn = pn.putArray("suites");
            for (ProviderStore.SuiteRow s : suites) {
                if (!s.providerCorpId().equals(p.corpId())) continue;
                ProviderSpec.Suite x = s.suite();
                ObjectNode n = sn.addObject().put("suite_id", x.suiteId()).put("kind", x.kind().wireName()).put("name", x.name())
                        .put("suite_secret", "***").put("token", "***").put("encoding_aes_key", "***")
                        .put("callback_url", x.callbackUrl()).put("school_permission", x.permission().wireName())
                        .put("batch_events", x.batchEvents()).put("parent_app", x.parentApp()).put("mobile_authorized", x.mobileAuthorized());
                if (x.appCallback() != null) {
                    n.putObject("app_callback").put("url", x.appCallback().url()).put("token", "***").put("encoding_aes_key", "***");
                }
            }
        }
        return out;
    }

    private ObjectNode authorisations(String suiteId) {
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("authorizations");
        for (ProviderStore.Authorisation a : providers.authorisations(suiteId)) {
            ObjectNode n = list.addObject().put("corpid", a.corpId()).put("agentid", a.agentid())
                    .put("school_permission", a.permission().wireName()).put("status", a.status()).put("auth_type", a.authType())
                    .put("admin_userid", a.adminUserid()).put("permanent_code", "***");
            if (a.state() == null) n.putNull("state");
            else n.put("state", a.state());
        }
        return out;
    }

    private Response callback(String suiteId, JsonNode body) {
        String url = optionalText(body, "url");
        if (url == null || !url.matches("https?://[^\\s]{1,2040}")) throw new IllegalArgumentException("\"url\" must be an http:// or https:// URL");
        String token = optionalText(body, "token");
        String key = optionalText(body, "encoding_aes_key");
        SuiteCallbackConfig.Result r = new SuiteCallbackConfig(providers).configure(suiteId, url, token, key);
        if (!r.verified()) {
            return new Response(422, NODES.objectNode().put("error", "callback verification failed").put("detail", r.detail()));
        }
        return new Response(200, NODES.objectNode().put("verified", true));
    }

    private Response oauthCode(JsonNode body) {
        JsonNode out = body.get("outsider");
        if (out != null && !out.isNull() && !out.isBoolean()) throw new IllegalArgumentException("\"outsider\" must be true or false");
        JsonNode agent = body.get("agentid");
        Long agentid = null;
        if (agent != null && !agent.isNull()) {
            if (!agent.canConvertToLong()) throw new IllegalArgumentException("\"agentid\" must be an integer");
            agentid = agent.asLong();
        }
        OAuth.Minted m = new OAuth(providers).mint(new OAuth.MintRequest(optionalText(body, "appid"), optionalText(body, "userid"),
                out != null && out.asBoolean(), agentid, optionalText(body, "corpid"), optionalText(body, "redirect_uri")));
        return new Response(200, NODES.objectNode().put("code", m.code()).put("expires_in", m.expiresIn()));
    }

    private ObjectNode tickets(String suiteId) {
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("tickets");
        for (Providers.TicketView t : providers.tickets(suiteId)) {
            list.addObject().put("suite_ticket", t.ticket()).put("issued_at", Instant.ofEpochMilli(t.issuedAt()).toString())
                    .put("expires_at", Instant.ofEpochMilli(t.expiresAt()).toString()).put("accepted", t.accepted());
        }
        return out;
    }
}
