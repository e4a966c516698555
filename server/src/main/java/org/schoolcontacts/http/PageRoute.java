package org.schoolcontacts.http;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One web page of the operator's console (not WeCom): a request in, an HTML (or other text) answer out.
 * {@code open} pages answer anyone (the home page); the others follow the {@code /__admin} access rule.
 */
public record PageRoute(String method, String path, boolean open, Handler handler) {

    /** A page request: query and form parameters (first value), path parameters, and selected headers. */
    public record Request(Function<String, String> query, Function<String, String> form, Function<String, String> pathParam,
                          Map<String, List<String>> queryAll) {}

    /**
     * A page answer; {@code location} makes it a redirect (303 See Other after a form post) and
     * {@code setCookie} an optional Set-Cookie header. {@code formActions}: origins besides the server's
     * own that a form on this page may end up at (WeCom's emulated install page posts to the server,
     * which redirects to the app; Chromium applies CSP form-action to that redirect too); null for none.
     */
    public record Response(int status, String contentType, String body, String location, String setCookie, String formActions) {
        public Response(int status, String contentType, String body, String location, String setCookie) {
            this(status, contentType, body, location, setCookie, null);
        }

        /** A 302 Found to another site, as WeCom's own pages redirect back to an app. */
        public static Response found(String location) { return new Response(302, "text/plain; charset=UTF-8", "", location, null); }

        public Response allowingFormActions(String origins) { return new Response(status, contentType, body, location, setCookie, origins); }

        public static Response html(String body) { return new Response(200, "text/html; charset=UTF-8", body, null, null); }

        public static Response html(int status, String body) { return new Response(status, "text/html; charset=UTF-8", body, null, null); }

        public static Response text(String contentType, String body) { return new Response(200, contentType, body, null, null); }

        public static Response seeOther(String location) { return new Response(303, "text/plain; charset=UTF-8", "", location, null); }

        public Response withCookie(String cookie) { return new Response(status, contentType, body, location, cookie, formActions); }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }
}
