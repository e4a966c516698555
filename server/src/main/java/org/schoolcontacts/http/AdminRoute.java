package org.schoolcontacts.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** One {@code /__admin} route (not part of WeCom): JSON in, HTTP status and JSON out. */
public record AdminRoute(String method, String path, Handler handler) {
    /** The one admin route any client may call, without the admin token: it reveals nothing. */
    public static final String HEALTH_PATH = "/__admin/health";

    public record Request(JsonNode body, Function<String, String> query, Function<String, String> pathParam) {}

    public record Response(int status, Object json) {}

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }
}
