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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.SchoolPermission;

/**
 * A running test server: its base URL, the seeded corps' credentials, calls that reset it and move its
 * clock, and clients that call it as one app (plain HTTP through {@link WeComClient}, or WxJava through
 * {@link #wxCpService(String)}).
 *
 * <p>Thread-safe: concurrent tests may share one handle. The extension closes the handles it injects;
 * close only those you started yourself with {@link #start(String)}.
 */
public final class SchoolContactsHandle implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final SchoolContacts server;
    private final Path folder;
    private final ConcurrentMap<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    SchoolContactsHandle(SchoolContacts server, Path folder) {
        this.server = server;
        this.folder = folder;
    }

    /**
     * Starts a server outside JUnit (a benchmark, a main method): a free port, the embedded store in a
     * new temporary folder, and the seed ({@code ""}: the built-in demo school; else a classpath resource
     * or a file). {@link #close()} it when done.
     */
    public static SchoolContactsHandle start(String seed) {
        return ServerStarter.start(seed, "", "", "", "");
    }

    /** Stops the server and deletes its temporary folder; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            server.close();
        } finally {
            ServerStarter.deleteTree(folder);
        }
    }

    /** e.g. {@code http://127.0.0.1:43121} — give this to your SDK as its base URL. */
    public String baseUrl() { return server.baseUrl(); }

    public int port() { return server.port(); }

    /** The in-process server, for tests that want its domain services directly. */
    public SchoolContacts server() { return server; }

    /** The temporary folder holding this server's embedded store; deleted when the server stops. */
    Path folder() { return folder; }

    /** The corps and apps of the seed. */
    public List<CorpSpec> corps() { return server.seededCorps(); }

    /** The first seeded corp's id. */
    public String corpId() { return corps().get(0).corpId(); }

    /** The first seeded corp's first app (system apps excluded) with this permission. */
    public CorpSpec.AppSpec app(SchoolPermission permission) {
        return corps().get(0).apps().stream().filter(a -> a.permission() == permission && a.kind() != AppKind.SYSTEM)
                .findFirst().orElseThrow(() -> new IllegalStateException("the seed's first corp has no app with permission " + permission));
    }

    /** Secret of the first seeded corp's first app with edit permission. */
    public String editSecret() { return app(SchoolPermission.EDIT).secret(); }

    /** Secret of the first seeded corp's first app with read permission. */
    public String readSecret() { return app(SchoolPermission.READ).secret(); }

    /**
     * Returns the server to how it started: every corp deleted and the seed applied again, issued tokens
     * forgotten (clients fetch new ones by themselves), the clock back to real time, fault rules and the
     * request journal cleared, rate limits off, notices forgotten. Fast enough to call before every test.
     */
    public void reset() {
        admin("POST", "/__admin/reset", "{}");
        admin("POST", "/__admin/clock", "{\"reset\":true}");
        admin("DELETE", "/__admin/faults", null);
        admin("DELETE", "/__admin/requests", null);
        admin("POST", "/__admin/rate-limits", "{\"enabled\":false}");
        tokens.clear();
    }

    /**
     * Moves the server clock forward. Tokens expire by it: after 7200 s every token issued before is
     * answered 42001, and both {@link WeComClient} and WxJava fetch a new one by themselves.
     */
    public void advanceClock(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("the clock only moves forward, got " + seconds);
        admin("POST", "/__admin/clock", "{\"advance_seconds\":" + seconds + "}");
    }

    /** Returns the server clock to real time. */
    public void resetClock() {
        admin("POST", "/__admin/clock", "{\"reset\":true}");
    }

    /** Every school notice the server accepted (all corps), newest first, with its recipients. */
    public List<SchoolNotice> notices() {
        List<SchoolNotice> out = new java.util.ArrayList<>();
        admin("GET", "/__admin/notices?recipients=1&limit=10000", null).path("notices").forEach(n -> out.add(SchoolNotice.of(n)));
        return out;
    }

    /** The newest notice; fails when none was sent. */
    public SchoolNotice lastNotice() {
        JsonNode list = admin("GET", "/__admin/notices?limit=1", null).path("notices");
        if (list.isEmpty()) throw new IllegalStateException("no notice has been sent");
        return notice(list.get(0).path("id").asText());
    }

    /** One notice by id ({@code n1}, as {@code /__admin/notices} lists it), with its recipients. */
    public SchoolNotice notice(String id) {
        return SchoolNotice.of(admin("GET", "/__admin/notices/" + enc(id), null));
    }

    /** The first corp's student or parent {@code userid}: every notice they are a recipient of, newest first. */
    public List<InboxNotice> inbox(String userid) {
        return inbox(corpId(), userid);
    }

    /** A student's or parent's inbox in any corp; a renamed user keeps theirs. */
    public List<InboxNotice> inbox(String corpId, String userid) {
        List<InboxNotice> out = new java.util.ArrayList<>();
        admin("GET", "/__admin/corps/" + enc(corpId) + "/inbox/" + enc(userid) + "?limit=10000", null).path("notices")
                .forEach(n -> out.add(InboxNotice.of(n)));
        return out;
    }

    /** Forgets every notice ({@link #reset()} does too). */
    public void forgetNotices() {
        admin("DELETE", "/__admin/notices", null);
    }

    /** Calls an admin endpoint of running.md (body may be null); the answer's JSON. */
    public JsonNode admin(String method, String path, String json) {
        Answer a = send(method, baseUrl() + path, json, adminHeader());
        if (a.status() >= 300) throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.raw());
        return a.body();
    }

    private String adminHeader() {
        String t = server.adminToken();
        return t == null ? null : "Bearer " + t;
    }

    /** {@code GET /cgi-bin/gettoken} for this secret (and the corp it belongs to); the whole answer. */
    public JsonNode gettoken(String secret) {
        return send("GET", baseUrl() + "/cgi-bin/gettoken?corpid=" + enc(corpOf(secret)) + "&corpsecret=" + enc(secret), null).body();
    }

    /** A token for this secret, fetched once and cached until a token error or {@link #reset()}. */
    public String token(String secret) {
        return tokens.computeIfAbsent(secret, s -> {
            JsonNode r = gettoken(s);
            if (r == null || r.path("errcode").asInt() != 0) throw new IllegalStateException("gettoken failed: " + r);
            return r.get("access_token").asText();
        });
    }

    /** A plain-HTTP WeCom client acting as the app with this secret. */
    public WeComClient client(String secret) { return new WeComClient(this, secret); }

    /** A plain-HTTP WeCom client acting as the first edit app. */
    public WeComClient editor() { return client(editSecret()); }

    /** A plain-HTTP WeCom client acting as the first read-only app. */
    public WeComClient reader() { return client(readSecret()); }

    /**
     * A new WxJava {@code WxCpService} acting as the app with this secret (its corp and agentid taken
     * from the seed), set up as in production except for the base URL. Needs WxJava
     * ({@code com.github.binarywang:weixin-java-cp}) on the test classpath.
     */
    public me.chanjar.weixin.cp.api.WxCpService wxCpService(String secret) {
        return WxJavaSupport.service(baseUrl(), corpOf(secret), secret, appOf(secret).map(CorpSpec.AppSpec::agentid).orElse(null));
    }

    void forgetToken(String secret) { tokens.remove(secret); }

    /** The corp of the app with this secret, or the first corp for a secret the seed does not know. */
    String corpOf(String secret) {
        return corps().stream().filter(c -> c.apps().stream().anyMatch(a -> a.secret().equals(secret)))
                .map(CorpSpec::corpId).findFirst().orElseGet(this::corpId);
    }

    private Optional<CorpSpec.AppSpec> appOf(String secret) {
        return corps().stream().flatMap(c -> c.apps().stream()).filter(a -> a.secret().equals(secret)).findFirst();
    }

    /** An HTTP answer: status, body as JSON (null when it is not JSON), body as text, content type. */
    public record Answer(int status, JsonNode body, String raw, String contentType) {}

    /** Sends any request (body may be null) and parses the JSON answer; no token is added. */
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
            throw new java.io.UncheckedIOException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static ObjectMapper mapper() { return MAPPER; }
}
