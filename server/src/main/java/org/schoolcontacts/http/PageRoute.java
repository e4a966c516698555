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
     * {@code setCookie} an optional Set-Cookie header.
     */
    public record Response(int status, String contentType, String body, String location, String setCookie) {
        public static Response html(String body) { return new Response(200, "text/html; charset=UTF-8", body, null, null); }

        public static Response html(int status, String body) { return new Response(status, "text/html; charset=UTF-8", body, null, null); }

        public static Response text(String contentType, String body) { return new Response(200, contentType, body, null, null); }

        public static Response seeOther(String location) { return new Response(303, "text/plain; charset=UTF-8", "", location, null); }

        public Response withCookie(String cookie) { return new Response(status, contentType, body, location, cookie); }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }
}
