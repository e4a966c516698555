package org.schoolcontacts.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.schoolcontacts.http.HttpApi;
import org.schoolcontacts.http.PageRoute;
import org.schoolcontacts.http.PageRoute.Response;

/**
 * Signing in when the server runs with {@code --admin-token}: a browser cannot send the Bearer header
 * that {@code /__admin} wants, so the token is typed once and the console keeps an HttpOnly cookie
 * holding a digest of it (never the token itself). Without an admin token the console answers only
 * loopback browsers and there is nothing to sign in to.
 */
final class LoginPage {
    private final Console console;
    private final String adminToken;

    LoginPage(Console console, String adminToken) {
        this.console = console;
        this.adminToken = adminToken;
    }

    List<PageRoute> routes() {
        return List.of(
                new PageRoute("GET", Console.BASE + "/login", true, r -> form(null)),
                new PageRoute("POST", Console.BASE + "/login", true, r -> {
                    String given = r.form().apply("token");
                    if (adminToken == null) return Response.seeOther(Console.BASE);
                    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                            adminToken.getBytes(StandardCharsets.UTF_8))) {
                        return form("That is not this server's admin token.");
                    }
                    return Response.seeOther(Console.BASE).withCookie(HttpApi.CONSOLE_COOKIE + "="
                            + HttpApi.consoleCookieValue(adminToken) + "; Path=/__console; HttpOnly; SameSite=Strict");
                }));
    }

    private Response form(String error) {
        Html h = new Html();
        if (adminToken == null) {
            h.tag("<p>This server has no admin token: the console is open to browsers on this machine.</p><p>")
                    .link(Console.BASE, "Open the console").tag("</p>");
            return Response.html(console.frame("Sign in", h.toString()));
        }
        if (error != null) h.tag("<p role=\"alert\" class=\"error\">").text(error).tag("</p>");
        h.tag("<form method=\"post\" action=\"").text(Console.BASE + "/login").tag("\" class=\"login\">")
                .tag("<div><label for=\"token\">Admin token (the server's <code>--admin-token</code>)</label>")
                .tag("<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required autofocus></div>")
                .tag("<div class=\"actions\"><button type=\"submit\">Sign in</button></div></form>");
        return Response.html(error == null ? 200 : 401, console.frame("Sign in", h.toString()));
    }
}
