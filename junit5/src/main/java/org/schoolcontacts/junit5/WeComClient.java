package org.schoolcontacts.junit5;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Plain-HTTP calls to a test server as one app: the access token is fetched, cached and appended for
 * you. Like WxJava, a call answered with a token error (40014 invalid, 42001 expired) fetches a new
 * token and is sent once more, so {@link SchoolContactsHandle#advanceClock} and
 * {@link SchoolContactsHandle#reset} need no extra steps. Answers are the server's JSON, unchanged; to
 * see a token error yourself, use {@link SchoolContactsHandle#send}.
 */
public final class WeComClient {
    private static final Set<Integer> TOKEN_ERRORS = Set.of(40014, 42001);

    private final SchoolContactsHandle handle;
    private final String secret;

    WeComClient(SchoolContactsHandle handle, String secret) {
        this.handle = handle;
        this.secret = secret;
    }

    /** GET {@code pathAndQuery} (e.g. {@code /cgi-bin/school/user/get?userid=s1}) with the token appended. */
    public JsonNode get(String pathAndQuery) {
        return call("GET", pathAndQuery, null);
    }

    /** POST a JSON text to {@code path} with the token appended. */
    public JsonNode post(String path, String json) {
        return call("POST", path, json);
    }

    /** POST any object (a Map, a JsonNode, a record) serialised by Jackson. */
    public JsonNode post(String path, Object body) {
        try {
            return post(path, SchoolContactsHandle.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** This app's current token (fetched if none is cached). */
    public String token() { return handle.token(secret); }

    /** Drops the cached token, so the next call fetches a new one. */
    public void forgetToken() { handle.forgetToken(secret); }

    private JsonNode call(String method, String pathAndQuery, String body) {
        JsonNode answer = SchoolContactsHandle.send(method, url(pathAndQuery), body).body();
        if (answer != null && TOKEN_ERRORS.contains(answer.path("errcode").asInt())) {
            forgetToken();
            answer = SchoolContactsHandle.send(method, url(pathAndQuery), body).body();
        }
        return answer;
    }

    private String url(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) throw new IllegalArgumentException("give a path starting with /, got " + pathAndQuery);
        return handle.baseUrl() + pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "access_token="
                + SchoolContactsHandle.enc(token());
    }
}
