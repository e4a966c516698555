package org.schoolcontacts.providers;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;
import org.schoolcontacts.wecom.WeComException;

/**
 * WeCom's two pages an app sends a browser to, emulated (spec 2.5, 3.9): the install page
 * ({@code /3rdapp/install}, 授权安装, where a school's admin picks the school and confirms) and the OAuth
 * page ({@code /connect/oauth2/authorize}, where the user is who signs in). Both end in a 302 back to
 * the app's {@code redirect_uri}, as WeCom's do; a bad link gets an HTML page with HTTP 400 naming
 * WeCom's code. They are open pages (WeCom's are public too) and show ids and names only: never a
 * secret, permanent code or token.
 */
final class ProviderPages {
    static final String INSTALL = "/3rdapp/install";
    static final String CONFIRM = "/3rdapp/install/confirm";
    static final String AUTHORIZE = "/connect/oauth2/authorize";
    /** WeCom's enterprise OAuth scopes (D-91857); they change nothing in the school answers, which carry ids only. */
    static final Set<String> SCOPES = Set.of("snsapi_base", "snsapi_privateinfo", "snsapi_userinfo");

    private final Providers providers;
    private final OAuth oauth;

    ProviderPages(Providers providers) {
        this.providers = providers;
        this.oauth = new OAuth(providers);
    }

    List<PageRoute> routes() {
        return List.of(
                new PageRoute("GET", INSTALL, true, r -> answer(() -> installPage(r.query()))),
                new PageRoute("POST", CONFIRM, true, r -> answer(() -> confirm(r.form()))),
                new PageRoute("GET", AUTHORIZE, true, r -> answer(() -> authorize(r.query()))));
    }

    /** A refused link or choice: WeCom's code on an HTML page with HTTP 400 (spec 2.5, 3.9). */
    private static final class Refused extends RuntimeException {
        final String title;

        Refused(String title, String detail) {
            super(detail, null, false, false);
            this.title = title;
        }
    }

    private interface Page {
        Response render();
    }

    private static Response answer(Page page) {
        try {
            return page.render();
        } catch (WeComException e) {
            return refusal("errcode " + e.error().code(), e.getMessage());
        } catch (ProviderAdminException e) {
            return refusal("refused", e.getMessage());
        } catch (Refused e) {
            return refusal(e.title, e.getMessage());
        }
    }

    private static Response refusal(String title, String detail) {
        return Response.html(400, frame("参数错误 · " + title, "<h1>参数错误</h1><p class=\"errcode\">" + esc(title) + ": " + esc(detail) + "</p>"));
    }

    // ---- 授权安装 (spec 2.5) --------------------------------------------------------------------

    /** The install link's parameters, checked in the spec's order. */
    private record InstallLink(ProviderStore.SuiteRow suite, String preAuthCode, URI redirect, String state) {}

    private InstallLink installLink(Function<String, String> p) {
        ProviderStore.SuiteRow suite = providers.installPageSuite(p.apply("suite_id"), p.apply("pre_auth_code"));
        URI redirect = redirectUri(p.apply("redirect_uri"));
        String state = empty(p.apply("state")) ? null : p.apply("state");
        if (state != null && (Limits.utf8Bytes(state) > Providers.STATE_MAX_BYTES || !state.matches("[A-Za-z0-9]+"))) {
            throw WeComError.invalidParameter("state");
        }
        return new InstallLink(suite, p.apply("pre_auth_code"), redirect, state);
    }

    private Response installPage(Function<String, String> q) {
        InstallLink link = installLink(q);
        // headless shortcut (spec 6 no. 18): the school named in the link installs at once
        if (!empty(q.apply("corpid"))) return install(link, q.apply("corpid"));
        StringBuilder body = new StringBuilder();
        body.append("<h1>授权安装「").append(esc(link.suite().suite().name())).append("」</h1>")
                .append("<p>Choose the school (企业) whose administrator installs this app, then 授权. ")
                .append("The app gets the school's permission <strong>").append(esc(link.suite().suite().permission().wireName()))
                .append("</strong> on its home-school contacts.</p><ul class=\"install-corps\">");
        for (Providers.InstallTarget t : providers.installTargets(link.suite().id())) {
            body.append("<li><form method=\"post\" action=\"").append(CONFIRM).append("\">")
                    .append(hidden("suite_id", link.suite().id())).append(hidden("pre_auth_code", link.preAuthCode()))
                    .append(hidden("redirect_uri", link.redirect().toString()));
            if (link.state() != null) body.append(hidden("state", link.state()));
            body.append(hidden("corpid", t.corpId()))
                    .append("<span class=\"corp-name\">").append(esc(t.name())).append("</span> <code>").append(esc(t.corpId())).append("</code>");
            if (t.installed()) body.append(" <span class=\"installed\">已安装</span>");
            body.append(" <button type=\"submit\" name=\"install\" value=\"").append(esc(t.corpId())).append("\">授权</button></form></li>");
        }
        body.append("</ul>");
        return Response.html(frame("授权安装 · " + link.suite().suite().name(), body.toString())).allowingFormActions(origin(link.redirect()));
    }

    private Response confirm(Function<String, String> form) {
        InstallLink link = installLink(form);
        if (empty(form.apply("corpid"))) throw WeComError.CORPID_MISSING.exception();
        return install(link, form.apply("corpid"));
    }

    private Response install(InstallLink link, String corpId) {
        Providers.Installed done;
        try {
            done = providers.installWithPreAuthCode(link.suite().id(), link.preAuthCode(),
                    new Providers.InstallRequest(corpId, link.state(), null, null, null));
        } catch (ProviderAdminException e) {
            if (e.status() == 404) throw WeComError.INVALID_CORPID.with(corpId);
            throw e;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("auth_code", done.authCode());
        params.put("expires_in", Long.toString(done.expiresIn()));
        if (link.state() != null) params.put("state", link.state());
        return Response.found(withQuery(link.redirect(), params));
    }

    // ---- OAuth (spec 3.9) -------------------------------------------------------------------------

    private Response authorize(Function<String, String> q) {
        Long agentid = null;
        if (!empty(q.apply("agentid"))) {
            if (!q.apply("agentid").matches("[0-9]{1,18}")) throw WeComError.INVALID_AGENTID.exception();
            agentid = Long.parseLong(q.apply("agentid"));
        }
        OAuth.Audience audience = oauth.audience(q.apply("appid"), agentid);
        if (!"code".equals(q.apply("response_type"))) throw WeComError.invalidParameter("response_type");
        String scope = q.apply("scope");
        if (!SCOPES.contains(scope)) throw WeComError.invalidParameter("scope");
        // 手动授权 names the app asking (D-91857); a suite's link has no agentid
        if (scope.equals("snsapi_privateinfo") && !audience.suite() && agentid == null) throw WeComError.AGENTID_MISSING.exception();
        URI redirect = redirectUri(q.apply("redirect_uri"));
        String state = q.apply("state") == null ? "" : q.apply("state");
        if (Limits.utf8Bytes(state) > Providers.STATE_MAX_BYTES) throw WeComError.invalidParameter("state");
        if (!OAuth.trusted(oauth.trustedDomains(audience.corpId(), agentid), redirect)) {
            throw new Refused("redirect_uri参数错误", "the redirect host " + redirect.getHost() + " is not among app " + agentid + "'s trusted domains");
        }
        String userid = q.apply("userid");
        if (!empty(userid)) {
            boolean outsider = userid.equals(OAuth.OUTSIDER);
            String corp = audience.suite() ? q.apply("corpid") : audience.corpId();
            if (audience.suite() && !outsider && empty(corp)) throw WeComError.CORPID_MISSING.exception();
            OAuth.Minted m = oauth.mint(new OAuth.MintRequest(q.apply("appid"), outsider ? null : userid, outsider, agentid,
                    audience.suite() ? corp : null, redirect.toString()));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("code", m.code());
            // WeCom always names the state, empty when the link had none
            params.put("state", state);
            return Response.found(withQuery(redirect, params));
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(esc(audience.name())).append(" 请求登录</h1>")
                .append("<p>Choose who signs in; the app then gets a code for that user.</p><ul class=\"oauth-users\">");
        for (OAuth.PageUser u : oauth.pageUsers(audience)) {
            Map<String, String> choice = linkParams(q);
            choice.put("userid", u.userid());
            if (audience.suite()) choice.put("corpid", u.corpId());
            body.append("<li><a href=\"").append(esc(AUTHORIZE + "?" + query(choice))).append("\">")
                    .append(u.parent() ? "家长 " : "学生 ").append(esc(u.name() == null ? u.userid() : u.name())).append(" <code>")
                    .append(esc(u.userid())).append("</code>").append(audience.suite() ? " <code>" + esc(u.corpId()) + "</code>" : "")
                    .append("</a></li>");
        }
        Map<String, String> outsider = linkParams(q);
        outsider.put("userid", OAuth.OUTSIDER);
        body.append("<li><a href=\"").append(esc(AUTHORIZE + "?" + query(outsider))).append("\">")
                .append("A WeChat user outside the school (outsider)</a></li></ul>");
        return Response.html(frame("登录 · " + audience.name(), body.toString()));
    }

    /** The link's own parameters, to repeat in each choice. */
    private static Map<String, String> linkParams(Function<String, String> q) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : List.of("appid", "redirect_uri", "response_type", "scope", "agentid", "state")) {
            if (q.apply(k) != null) out.put(k, q.apply(k));
        }
        return out;
    }

    // ---- small things -----------------------------------------------------------------------------

    /** An absolute http(s) URL, else 40058 (WeCom: "redirect_uri参数错误"). */
    private static URI redirectUri(String value) {
        if (empty(value)) throw WeComError.invalidParameter("redirect_uri");
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) throw WeComError.invalidParameter("redirect_uri");
            return u;
        } catch (java.net.URISyntaxException e) {
            throw WeComError.invalidParameter("redirect_uri");
        }
    }

    /** The redirect URI with parameters added to its query ({@code &} when it has one), before any fragment. */
    static String withQuery(URI redirect, Map<String, String> params) {
        String s = redirect.toString();
        String fragment = "";
        int hash = s.indexOf('#');
        if (hash >= 0) {
            fragment = s.substring(hash);
            s = s.substring(0, hash);
        }
        return s + (redirect.getRawQuery() == null ? "?" : "&") + query(params) + fragment;
    }

    private static String query(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private static String origin(URI u) {
        return u.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
    }

    private static boolean empty(String s) { return s == null || s.isEmpty(); }

    private static String frame(String title, String body) {
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>" + esc(title) + "</title><link rel=\"stylesheet\" href=\"/__console/assets/console.css\"></head><body><main>"
                + body + "<p class=\"emulated\">Emulated by school-contacts.</p></main></body></html>";
    }

    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
