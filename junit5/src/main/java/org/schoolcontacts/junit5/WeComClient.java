package org.schoolcontacts.junit5;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plain-HTTP calls to a test server as one app: the access token is fetched, cached and appended for
 * you. Answers are the server's JSON, unchanged.
 */
public final class WeComClient {
    private final SchoolContactsHandle handle;
    private final String secret;

    WeComClient(SchoolContactsHandle handle, String secret) {
        this.handle = handle;
        this.secret = secret;
    }

    /** GET {@code path} (e.g. {@code /cgi-bin/school/user/get?userid=s1}) with the token appended. */
    public JsonNode get(String pathAndQuery) {
        return SchoolContactsHandle.send("GET", url(pathAndQuery), null).body();
    }

    /** POST a JSON text to {@code path} with the token appended. */
    public JsonNode post(String path, String json) {
        return SchoolContactsHandle.send("POST", url(path), json).body();
    }

    /** POST any object (a Map, a JsonNode, a record) serialised by Jackson. */
    public JsonNode post(String path, Object body) {
        try {
            return post(path, SchoolContactsHandle.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public String token() { return handle.token(secret); }

    /** Drops the cached token, so the next call fetches a new one. */
    public void forgetToken() { handle.forgetToken(secret); }

    private String url(String pathAndQuery) {
        return handle.baseUrl() + pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "access_token="
                + SchoolContactsHandle.enc(token());
    }
}
