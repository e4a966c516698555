package org.schoolcontacts.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import org.schoolcontacts.admin.Faults;
import org.schoolcontacts.admin.RateLimits;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.events.Origin;
import org.schoolcontacts.storage.ReadCache;
import org.schoolcontacts.tokens.Tokens;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;
import org.schoolcontacts.wecom.WeComException;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport: turns each request into token check, permission check, body parse, one handler
 * call and WeCom's envelope, in the spec's order (section 4). It knows nothing of schools.
 */
public final class HttpApi {
    public static final String GETTOKEN_PATH = "/cgi-bin/gettoken";
    private static final Logger REQUESTS = LoggerFactory.getLogger("school-contacts.requests");
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Tokens tokens;
    private final ServerClock clock;
    private final Faults faults;
    private final RequestJournal journal;
    private final RateLimits rateLimits;
    private final String adminToken;
    private final Javalin app;
    /** The handler of each WeCom path ({@link #WECOM_PREFIX}...), by exact path. */
    private final Map<String, Consumer<WeComExchange>> wecomPaths;
    static final String WECOM_PREFIX = "/cgi-bin/";
    private static final byte[] NOTHING = new byte[0];

    public HttpApi(List<Route> routes, List<AdminRoute> adminRoutes, Tokens tokens, ServerClock clock, Faults faults,
                   RequestJournal journal, RateLimits rateLimits, String adminToken) {
        this.tokens = tokens;
        this.clock = clock;
        this.faults = faults;
        this.journal = journal;
        this.rateLimits = rateLimits;
        this.adminToken = adminToken;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = Limits.MAX_BODY_BYTES * 4L;
            config.useVirtualThreads = false;
            // Jetty's own refusals (bad request line, URI or headers) in WeCom's envelope, not its HTML page.
            JsonErrorHandler errors = new JsonErrorHandler(mapper, clock::millis, journal);
            config.jetty.modifyServer(server -> server.setErrorHandler(errors));
            config.jetty.modifyServletContextHandler(handler -> {
                handler.setErrorHandler(errors);
                handler.addFilter(new FilterHolder(new WeComFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
        });
        // Each WeCom path answers GET and POST alike: a GET endpoint reads only its query string and a
        // POST endpoint called with GET sees an empty body (spec 1.1), so no 405s.
        // The WeCom paths are looked up by exact path in one map, by a servlet filter in front of Javalin
        // (WeComFilter): Javalin tries each endpoint's regular expression in turn, twice a request, and
        // with every WeCom path registered on its own that matching was a fifth of the CPU of a cached
        // user/get; behind one /cgi-bin/* endpoint still an eighth (JFR, issue 15).
        Map<String, Consumer<WeComExchange>> byPath = new HashMap<>();
        byPath.put(GETTOKEN_PATH, arrived(this::gettoken));
        for (Route r : routes) {
            if (!r.path().startsWith(WECOM_PREFIX)) throw new IllegalArgumentException("not a WeCom path: " + r.path());
            if (byPath.putIfAbsent(r.path(), arrived(x -> school(x, r))) != null) {
                throw new IllegalArgumentException("two routes for " + r.path());
            }
        }
        this.wecomPaths = Map.copyOf(byPath);
        for (AdminRoute r : adminRoutes) {
            app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), ctx -> admin(ctx, r));
        }
        // Javalin has set a text result of its own ("Endpoint GET /x not found") by the time these run;
        // it would be sent after the envelope, which is written straight to the response, so it is emptied.
        app.error(404, ctx -> {
            if (ctx.attribute("handled") != null) return;
            ctx.result(NOTHING);
            notFound(new WeComExchange(ctx.req(), ctx.res()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {}", ctx.path(), e);
            ctx.result(NOTHING);
            finish(new WeComExchange(ctx.req(), ctx.res()), Reply.failure(WeComError.SYSTEM_ERROR.exception()), false, 200,
                    null, null, System.nanoTime());
        });
    }

    /**
     * Serves the WeCom paths before Javalin sees them: a GET, POST or HEAD (as Javalin reads the method)
     * to a path under {@link #WECOM_PREFIX}. A HEAD runs nothing: 200 with no body for a known path, as
     * Javalin answered a HEAD to a GET endpoint (a GET endpoint may delete). Other methods and other
     * paths go on to Javalin, whose not-found answer is WeCom's too.
     */
    private final class WeComFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest req = (HttpServletRequest) request;
            String method = WeComExchange.methodOf(req);
            boolean head = method.equals("HEAD");
            if (!req.getRequestURI().startsWith(WECOM_PREFIX) || !(head || method.equals("GET") || method.equals("POST"))) {
                chain.doFilter(request, response);
                return;
            }
            WeComExchange x = new WeComExchange(req, (HttpServletResponse) response, method);
            try {
                Consumer<WeComExchange> handler = handlerOf(x.path());
                if (handler == null) notFound(x);
                else if (head) ((HttpServletResponse) response).setStatus(200);
                else handler.accept(x);
            } catch (RuntimeException e) {
                LOG.error("unexpected failure on {}", x.path(), e);
                if (!response.isCommitted()) {
                    response.resetBuffer();
                    finish(x, Reply.failure(WeComError.SYSTEM_ERROR.exception()), false, 200, null, null, System.nanoTime());
                }
            }
        }
    }

    /**
     * {@code handler} run as one request for the stores' kept answers ({@link ReadCache.Requests}): its
     * reads share one look at whether the store changed, made after the request arrived.
     */
    private static Consumer<WeComExchange> arrived(Consumer<WeComExchange> handler) {
        return x -> {
            try (ReadCache.Requests arrived = ReadCache.Requests.begin()) {
                handler.accept(x);
            }
        };
    }

    /**
     * A WeCom path: its handler, found as Javalin would have found it on its own (case-sensitive, one
     * trailing slash ignored), or null.
     */
    private Consumer<WeComExchange> handlerOf(String path) {
        Consumer<WeComExchange> handler = wecomPaths.get(path);
        if (handler == null && path.length() > WECOM_PREFIX.length() && path.endsWith("/")) {
            handler = wecomPaths.get(path.substring(0, path.length() - 1));
        }
        return handler;
    }

    private void notFound(WeComExchange x) {
        long t0 = System.nanoTime();
        finish(x, Reply.failure(WeComError.API_NOT_FOUND.exception()), false, 404, null, null, t0);
    }

    /** Name of the cookie a console login sets when an admin token is in force (its value: {@link #consoleCookieValue}). */
    public static final String CONSOLE_COOKIE = "school-contacts-console";

    /**
     * Adds the console's web pages (before {@link #start}). Pages that are not {@code open} follow the
     * {@code /__admin} rule, and also accept the login cookie, since a browser cannot send a Bearer header.
     */
    public void addPages(List<PageRoute> pages) {
        for (PageRoute r : pages) {
            app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), ctx -> page(ctx, r));
        }
    }

    /** The login cookie's value for an admin token: a digest, so the cookie never carries the token itself. */
    public static String consoleCookieValue(String adminToken) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("school-contacts-console:" + adminToken).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void page(Context ctx, PageRoute route) {
        ctx.attribute("handled", true);
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                + "form-action 'self'; frame-ancestors 'none'");
        if (!route.open() && !(adminAllowed(ctx) || consoleCookieOk(ctx))) {
            String login = adminToken == null ? null : "/__console/login";
            ctx.status(adminToken == null ? 403 : 401).contentType("text/html; charset=UTF-8")
                    .result(PageAccess.refused(login));
            return;
        }
        // A form posted from another site (the console answers loopback browsers) is refused.
        if (ctx.method() == HandlerType.POST && !sameOrigin(ctx)) {
            ctx.status(403).contentType("text/plain; charset=UTF-8").result("cross-site form refused");
            return;
        }
        try {
            PageRoute.Response r = route.handler().handle(new PageRoute.Request(ctx::queryParam, ctx::formParam, ctx::pathParam,
                    ctx.queryParamMap()));
            if (r.formActions() != null) {
                ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                        + "form-action 'self' " + r.formActions() + "; frame-ancestors 'none'");
            }
            if (r.setCookie() != null) ctx.header("Set-Cookie", r.setCookie());
            if (r.location() != null) ctx.header("Location", r.location());
            ctx.status(r.status()).contentType(r.contentType()).result(r.body());
        } catch (RuntimeException e) {
            LOG.error("console page {} failed", ctx.path(), e);
            ctx.status(500).contentType("text/html; charset=UTF-8").result(PageAccess.failed());
        }
    }

    private boolean consoleCookieOk(Context ctx) {
        if (adminToken == null) return false;
        String c = ctx.cookie(CONSOLE_COOKIE);
        return c != null && java.security.MessageDigest.isEqual(c.getBytes(StandardCharsets.UTF_8),
                consoleCookieValue(adminToken).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) return true; // not a browser's cross-site form: browsers send Origin on every POST
        String host = ctx.header("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    public void stop() { app.stop(); }

    private void gettoken(WeComExchange ctx) {
        long t0 = System.nanoTime();
        String corpId = ctx.queryParam("corpid");
        // The app is known from its secret once gettoken has found it; the journal records it (running.md).
        Long[] agentid = {null};
        Reply reply;
        try {
            applyFaults(ctx, corpId, null);
            if (!rateLimits.allow(ctx.path(), corpId, ctx.ip())) throw WeComError.FREQUENCY_LIMITED.exception();
            Tokens.Issued issued = tokens.issue(corpId, ctx.queryParam("corpsecret"), found -> agentid[0] = found);
            ObjectNode fields = Reply.object();
            fields.put("access_token", issued.accessToken());
            fields.put("expires_in", issued.expiresIn());
            reply = Reply.ok(fields);
        } catch (ConnectionDropped d) {
            return;
        } catch (WeComException e) {
            reply = Reply.failure(e);
        } catch (RuntimeException e) {
            reply = systemError(ctx, e);
        }
        finish(ctx, reply, false, 200, corpId, agentid[0], t0);
    }

    private void school(WeComExchange ctx, Route route) {
        long t0 = System.nanoTime();
        Caller caller = null;
        String bodyText = null;
        boolean warning = false;
        Reply reply;
        // Fields of the wrong JSON type are read as absent; the answer then carries the warning (spec 1.3).
        JsonFields.Mistyped mistyped = JsonFields.Mistyped.open();
        try {
            if (route.access() == null) {
                // a provider endpoint: its handler checks the suite token or the secrets it is given
                applyFaults(ctx, null, null);
                if (!rateLimits.allow(ctx.path(), null, ctx.ip(), true)) throw WeComError.FREQUENCY_LIMITED.exception();
            } else {
                caller = tokens.authenticate(ctx.queryParam("access_token"));
                applyFaults(ctx, caller.corpId(), caller.agentid());
                if (!rateLimits.allow(ctx.path(), caller.corpId(), ctx.ip(), caller.kind() == org.schoolcontacts.corps.AppKind.THIRD_PARTY)) {
                    throw WeComError.FREQUENCY_LIMITED.exception();
                }
                caller.require(route.access());
            }
            JsonNode body = Reply.object();
            if (route.method() == Route.Method.POST && ctx.isPost()) {
                bodyText = readBody(ctx.req());
                Optional<JsonNode> parsed = parseObject(bodyText);
                warning = parsed.isEmpty() && !bodyText.isBlank();
                body = parsed.orElse(Reply.object());
            }
            SchoolCall call = new SchoolCall(caller, ctx::queryParam, body);
            Long agentid = caller == null ? null : caller.agentid();
            reply = Origin.during(new Origin(ctx.method(), ctx.path(), agentid), () -> route.handler().handle(call));
        } catch (ConnectionDropped d) {
            return;
        } catch (WeComException e) {
            reply = Reply.failure(e);
        } catch (RuntimeException e) {
            reply = systemError(ctx, e);
        } finally {
            mistyped.close();
        }
        warning = warning || mistyped.any();
        ctx.body(bodyText);
        finish(ctx, reply, warning, 200, caller == null ? null : caller.corpId(), caller == null ? null : caller.agentid(), t0);
    }

    private Reply systemError(WeComExchange ctx, RuntimeException e) {
        LOG.error("unexpected failure on {}", ctx.path(), e);
        return Reply.failure(WeComError.SYSTEM_ERROR.exception());
    }

    /** Parses a JSON object; anything else (bad JSON, an array, a number) is treated as {} with a warning. */
    private Optional<JsonNode> parseObject(String text) {
        if (text.isBlank()) return Optional.empty();
        try {
            JsonNode n = mapper.readTree(text);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readBody(HttpServletRequest req) {
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(Limits.MAX_BODY_BYTES + 1);
            if (bytes.length > Limits.MAX_BODY_BYTES) throw WeComError.REQUEST_TOO_LARGE.exception();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | org.eclipse.jetty.http.BadMessageException e) {
            // a body cut short, or broken chunked framing: the client's fault, not a system error (-1)
            throw WeComError.INVALID_PARAMETER.withMessage("invalid parameter: unreadable request body");
        }
    }

    /** Applies the first fault rule that matches; true when one fired (and did not throw). */
    private boolean applyFaults(WeComExchange ctx, String corpId, Long agentid) {
        Optional<Faults.Rule> fired = faults.fire(ctx.path(), corpId, agentid);
        if (fired.isEmpty()) return false;
        Faults.Rule rule = fired.get();
        if (rule.delayMs() > 0) {
            try {
                Thread.sleep(rule.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (rule.dropConnection()) {
            try {
                org.eclipse.jetty.server.Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint().close();
            } catch (RuntimeException ignored) {
                // already gone
            }
            throw new ConnectionDropped();
        }
        if (rule.errcode().isPresent()) {
            int code = rule.errcode().get();
            WeComError known = WeComError.byCode(code);
            throw WeComException.injected(code, rule.errmsg().orElse(known != null ? known.phrase() : "injected fault"));
        }
        return true;
    }

    private static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() { super(null, null, false, false); }
    }

    private void finish(WeComExchange ctx, Reply reply, boolean warning, int status, String corpId, Long agentid, long t0) {
        ObjectNode out = Envelope.render(reply, ctx.ip(), warning, clock.millis());
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType("application/json; charset=UTF-8");
        RequestJournal.ResponseCopy copy = journal.responseCopy();
        try (java.io.OutputStream answer = ctx.answerStream()) {
            Envelope.writeTo(mapper, out, new Tee(answer, copy));
        } catch (IOException e) {
            // the client went away in the middle of the answer: nobody is left to answer
            LOG.debug("answer to {} cut short: {}", ctx.path(), e.toString());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String path = ctx.path();
        REQUESTS.info("{} {} corp={} errcode={} {}ms", ctx.method(), path, corpId == null ? "-" : corpId, reply.errcode(), ms);
        String query = ctx.queryString();
        journal.add(new RequestJournal.Entry(clock.millis(), ctx.method(), query == null ? path : path + "?" + query,
                corpId, agentid, ctx.body(), null, reply.errcode(), ms), copy);
    }

    /** Bytes to the client and to the journal's copy. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream client;
        private final RequestJournal.ResponseCopy copy;

        Tee(java.io.OutputStream client, RequestJournal.ResponseCopy copy) {
            this.client = client;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            client.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            client.write(b, off, len);
            copy.write(b, off, len);
        }

        /** Not passed on: a flush would commit the answer before its length is known (chunked even when small). */
        @Override
        public void flush() {}
    }

    private void admin(Context ctx, AdminRoute route) {
        ctx.attribute("handled", true);
        ctx.contentType("application/json; charset=UTF-8");
        // health reveals nothing and load balancers' probes carry no token: open to every client
        if (!route.path().equals(AdminRoute.HEALTH_PATH) && !adminAllowed(ctx)) {
            ctx.status(adminToken == null ? 403 : 401).result("{\"error\":\"admin endpoints need "
                    + (adminToken == null ? "a loopback client" : "Authorization: Bearer <admin token>") + "\"}");
            return;
        }
        JsonNode body = Reply.object();
        String text;
        try {
            // read as bytes like WeCom bodies: ctx.body() trusts the request's charset and fails on a cut-off body
            text = readBody(ctx.req());
        } catch (WeComException e) {
            ctx.status(400).result(Envelope.write(mapper, Reply.object().put("error", e.errmsg())));
            return;
        }
        if (!text.isBlank()) {
            try {
                body = mapper.readTree(text);
            } catch (IOException e) {
                ctx.status(400).result("{\"error\":\"the body is not JSON\",\"field\":\"\"}");
                return;
            }
        }
        try {
            AdminRoute.Request request = new AdminRoute.Request(body, ctx::queryParam, ctx::pathParam);
            AdminRoute.Response r = Origin.during(new Origin(ctx.method().name(), ctx.path(), null), () -> route.handler().handle(request));
            ctx.status(r.status()).result(mapper.writeValueAsString(r.json()));
        } catch (AdminInputException e) {
            ctx.status(400).result(Envelope.write(mapper, Reply.object().put("error", e.getMessage()).put("field", e.field())));
        } catch (IllegalArgumentException e) {
            ctx.status(400).result(Envelope.write(mapper, Reply.object().put("error", e.getMessage())));
        } catch (WeComException e) {
            ctx.status(400).result(Envelope.write(mapper, Reply.object().put("error", e.errmsg())));
        } catch (Exception e) {
            LOG.error("admin {} failed", ctx.path(), e);
            ctx.status(500).result(Envelope.write(mapper, Reply.object().put("error", String.valueOf(e.getMessage()))));
        }
    }

    /**
     * Compares a presented credential with the expected one in time that depends on neither: both are
     * hashed first, so even their lengths do not show in how long the comparison takes.
     */
    static boolean sameSecret(String presented, String expected) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(presented.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            return java.security.MessageDigest.isEqual(a, b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private boolean adminAllowed(Context ctx) {
        if (adminToken != null) {
            String h = ctx.header("Authorization");
            return h != null && sameSecret(h, "Bearer " + adminToken);
        }
        String ip = ctx.req().getRemoteAddr();
        return ip.startsWith("127.") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("::1");
    }
}
