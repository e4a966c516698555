package org.schoolcontacts.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.SchoolPermission;

/**
 * A running test server: its base URL, the seeded corp's credentials, and calls that reset it, move
 * its clock and read or change its data over plain HTTP (tokens fetched and cached for you).
 */
public final class SchoolContactsHandle {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final SchoolContacts server;
    private final ConcurrentMap<String, String> tokens = new ConcurrentHashMap<>();

    SchoolContactsHandle(SchoolContacts server) { this.server = server; }

    /** e.g. {@code http://127.0.0.1:43121} — give this to your SDK as its base URL. */
    public String baseUrl() { return server.baseUrl(); }

    public int port() { return server.port(); }

    /** The in-process server, for tests that want its domain services directly. */
    public SchoolContacts server() { return server; }

    public List<CorpSpec> corps() { return server.seededCorps(); }

    /** The first seeded corp's id. */
    public String corpId() { return corps().get(0).corpId(); }

    /** The first seeded corp's first app with this permission. */
    public CorpSpec.AppSpec app(SchoolPermission permission) {
        return corps().get(0).apps().stream().filter(a -> a.permission() == permission && a.kind() != org.schoolcontacts.corps.AppKind.SYSTEM)
                .findFirst().orElseThrow(() -> new IllegalStateException("the seed has no app with permission " + permission));
    }

    /** Secret of the first seeded corp's first app with edit permission. */
    public String editSecret() { return app(SchoolPermission.EDIT).secret(); }

    public String readSecret() { return app(SchoolPermission.READ).secret(); }

    /** {@code POST /__admin/reset}: all data deleted, the seed applied again, tokens forgotten. */
    public void reset() {
        admin("POST", "/__admin/reset", "{}");
        tokens.clear();
    }

    /** Moves the server clock forward (token expiry follows). */
    public void advanceClock(long seconds) {
        admin("POST", "/__admin/clock", "{\"advance_seconds\":" + seconds + "}");
    }

    public void resetClock() {
        admin("POST", "/__admin/clock", "{\"reset\":true}");
    }

    /** Calls an admin endpoint; the answer's JSON. */
    public JsonNode admin(String method, String path, String json) {
        Answer a = send(method, baseUrl() + path, json, adminHeader());
        if (a.status() >= 300) throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.raw());
        return a.body();
    }

    private String adminHeader() {
        String t = server.adminToken();
        return t == null ? null : "Bearer " + t;
    }

    /** {@code GET /cgi-bin/gettoken} for the first corp and this secret; the whole answer. */
    public JsonNode gettoken(String secret) {
        return send("GET", baseUrl() + "/cgi-bin/gettoken?corpid=" + enc(corpId()) + "&corpsecret=" + enc(secret), null).body();
    }

    /** A token for this secret of the first corp, fetched once and cached. */
    public String token(String secret) {
        return tokens.computeIfAbsent(secret, s -> {
            JsonNode r = gettoken(s);
            if (r.path("errcode").asInt() != 0) throw new IllegalStateException("gettoken failed: " + r);
            return r.get("access_token").asText();
        });
    }

    /** A plain-HTTP WeCom client acting as the app with this secret. */
    public WeComClient client(String secret) { return new WeComClient(this, secret); }

    /** A plain-HTTP WeCom client acting as the first edit app. */
    public WeComClient editor() { return client(editSecret()); }

    /** A plain-HTTP WeCom client acting as the first read-only app. */
    public WeComClient reader() { return client(readSecret()); }

    void forgetToken(String secret) { tokens.remove(secret); }

    /** An HTTP answer: status, and body as JSON. */
    public record Answer(int status, JsonNode body, String raw, String contentType) {}

    /** Sends any request (body may be null) and parses the JSON answer. */
    public static Answer send(String method, String url, String body) {
        return send(method, url, body, null);
    }

    /** Sends a request with an optional {@code Authorization} header value. */
    public static Answer send(String method, String url, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) b.header("Authorization", authorization);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = MAPPER.readTree(r.body());
            } catch (IOException e) {
                json = null;
            }
            return new Answer(r.statusCode(), json, r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static ObjectMapper mapper() { return MAPPER; }
}
