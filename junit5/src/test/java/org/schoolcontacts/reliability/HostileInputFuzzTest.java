package org.schoolcontacts.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.RouteTable;
import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.Route;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;
import org.schoolcontacts.reliability.HostileRequests.Endpoint;
import org.schoolcontacts.reliability.HostileRequests.Surface;

/**
 * Hostile input over every endpoint, sent as raw bytes: every WeCom answer is WeCom's JSON envelope with
 * an integer errcode (never HTML, a stack trace, errcode -1 or HTTP 500), the server never hangs or
 * dies, every refused request leaves the store exactly as it was (a snapshot of every table is compared
 * after each one), and heap and threads are back within bounds afterwards.
 *
 * <p>Short run: a few thousand requests; {@code ./mvnw verify -Plong}: 100,000. Replay with
 * {@code -Dreliability.fuzz.seed=N} and {@code -Dreliability.fuzz.requests=N}.
 */
@SchoolContactsServer
class HostileInputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = Volume.of("fuzz.requests", 2000, 100_000);
    private static final long SEED = Volume.of("fuzz.seed", 20261201, 20261201);
    /** The school is put back to its seed this often, so accepted creates do not pile up. */
    private static final int RESET_EVERY = 500;
    private static final Pattern STACK_TRACE = Pattern.compile("(\\bat (org|java|io|com)\\.[\\w.$]+\\()|Exception:|<html|<h1>|<pre>",
            Pattern.CASE_INSENSITIVE);
    /** A Java stack trace in a page that is HTML by design. */
    private static final Pattern JAVA_TRACE = Pattern.compile("(\\bat (org|java|io|com)\\.[\\w.$]+\\()|[A-Za-z]+Exception: ");
    /**
     * Statuses Jetty itself answers a request it refuses before any handler runs (a NUL in the path, a
     * URI or headers over its limit, an early EOF, HTTP/0.9, the target {@code *}); since rev2 they carry
     * WeCom's envelope with the emulator-only errcode 400, and the fuzzer counts them apart.
     */
    private static final java.util.Set<Integer> JETTY_REFUSALS = java.util.Set.of(400, 413, 414, 426, 431, 505);

    SchoolContactsHandle handle;

    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, int[]> counts = new TreeMap<>();
    /** One example of each kind of failure (class, endpoint, first words of what went wrong), and how often it came. */
    private final Map<String, String> failures = new TreeMap<>();
    private final Map<String, Integer> failureKinds = new TreeMap<>();
    private int failureCount;

    private static final String[] OUTCOMES = {"sent", "envelope", "accepted", "store-unchanged", "jetty-refusal", "closed", "failed"};

    @Test
    void hostileRequestsGetWeComsEnvelopeChangeNothingWhenRefusedAndLeaveHeapAndThreadsBounded() throws Exception {
        restore();
        StoreSnapshot baseline = StoreSnapshot.of(handle.server().database());
        long heapBefore = settledHeap();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        HostileRequests requests = new HostileRequests(new Random(SEED), "127.0.0.1:" + handle.port(), endpoints(), tokens);
        long t0 = System.nanoTime();
        try (RawHttp http = new RawHttp("127.0.0.1", handle.port(), 20_000); Connection watch = watchStore()) {
            long version = dataVersion(watch);
            for (int i = 1; i <= REQUESTS; i++) {
                HostileRequests.Case c = requests.next();
                count(c.kind(), "sent");
                // a read changes nothing even when it succeeds; anything else that succeeded may have
                boolean changed = send(http, c) && !readOnly(c);
                if (changed || i % RESET_EVERY == 0) {
                    if (c.endpoint().surface() == Surface.ADMIN || i % RESET_EVERY == 0) restore();
                    baseline = StoreSnapshot.of(handle.server().database());
                    version = dataVersion(watch);
                } else {
                    // no commit since the last look: nothing changed. A commit: compare every row.
                    long now = dataVersion(watch);
                    StoreSnapshot snapshot = now == version ? baseline : StoreSnapshot.of(handle.server().database());
                    version = now;
                    if (!snapshot.equals(baseline)) {
                        fail(c, "a refused request changed the store:\n" + snapshot.differenceFrom(baseline));
                        baseline = snapshot;
                    } else {
                        count(c.kind(), "store-unchanged");
                    }
                }
            }
        }
        double minutes = (System.nanoTime() - t0) / 6e10;
        // still serving: a plain read answers as before
        assertThat(handle.editor().get("/cgi-bin/school/user/get?userid=s0001").path("errcode").asInt()).isZero();
        restore();
        long heapAfter = settledHeap();
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        String report = report(minutes, heapBefore, heapAfter, threadsBefore, threadsAfter);
        System.out.println(report);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("hostile-input-" + Volume.describe() + ".txt"), report);
        assertThat(failures).as(report).isEmpty();
        assertThat(threadsAfter).as("threads after the run (before: %d)", threadsBefore).isLessThanOrEqualTo(threadsBefore + 32);
        assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(64L << 20);
    }

    /**
     * A read of a read-only endpoint (on an unchanged path; the method may have been changed by the
     * fuzzer, and a POST endpoint called with GET still answers).
     */
    private static boolean readOnly(HostileRequests.Case c) {
        return c.endpoint().readOnly() && (c.target().equals(c.endpoint().path()) || c.target().startsWith(c.endpoint().path() + "?"));
    }

    /** A path served as a web page rather than as WeCom's JSON API. */
    static boolean isWebPage(String target) {
        String path = target.replaceFirst("[?#;].*$", "");
        return path.equals("/") || path.equals("/favicon.ico") || path.startsWith("/__console") || path.startsWith("/docs")
                || path.startsWith("/3rdapp/") || path.startsWith("/connect/");
    }

    /** Sends one case and judges the answer; true when the request may have changed data. */
    private boolean send(RawHttp http, HostileRequests.Case c) throws IOException {
        RawHttp.Response r;
        try {
            r = http.exchange(c.bytes(), c.pieces(), c.pauseMicros(), c.incomplete(), c.head());
            if (r == null && !c.incomplete()) {
                // the kept-alive connection may have been closed after the previous answer: once more, fresh
                http.dropConnection();
                r = http.exchange(c.bytes(), c.pieces(), c.pauseMicros(), false, c.head());
            }
        } catch (RawHttp.NoAnswer e) {
            fail(c, "no answer: " + e.getMessage());
            return true;
        }
        if (r == null) {
            if (c.incomplete()) {
                count(c.kind(), "closed");
                return false;
            }
            fail(c, "connection closed without an answer");
            return true;
        }
        String text = r.text();
        if (r.status() >= 500 && !(r.status() == 505 && text.startsWith("{\"errcode\":400,"))) {
            fail(c, "HTTP " + r.status() + ": " + cut(text));
            return true;
        }
        if (isWebPage(c.target())) {
            // the web pages (landing page, console, docs, install and OAuth pages) are not WeCom: HTML is
            // their answer, but never a stack trace or a server error (checked above)
            if (JAVA_TRACE.matcher(text).find()) {
                fail(c, "stack trace on a web page: HTTP " + r.status() + ": " + cut(text));
                return true;
            }
            count(c.kind(), "envelope");
            return false;
        }
        if (STACK_TRACE.matcher(text).find() || r.contentType().contains("html")) {
            fail(c, "HTML or a stack trace: HTTP " + r.status() + " " + r.contentType() + ": " + cut(text));
            return true;
        }
        if (c.head()) {
            count(c.kind(), "envelope");
            return r.status() < 300;
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            fail(c, "not JSON: HTTP " + r.status() + " " + r.contentType() + ": " + cut(text));
            return true;
        }
        if (c.endpoint().surface() == Surface.ADMIN && c.target().startsWith("/__admin") && !body.has("errcode")) {
            // the admin surface is not WeCom: JSON with a status is its envelope
            count(c.kind(), "envelope");
            if (r.status() < 300) {
                count(c.kind(), "accepted");
                return true;
            }
            return false;
        }
        JsonNode errcode = body.get("errcode");
        JsonNode errmsg = body.get("errmsg");
        if (errcode == null || !errcode.isInt() || errmsg == null || !errmsg.isTextual()) {
            fail(c, "no errcode/errmsg: HTTP " + r.status() + ": " + cut(text));
            return true;
        }
        boolean jettyRefusal = errcode.asInt() == 400 && JETTY_REFUSALS.contains(r.status());
        if (jettyRefusal) count(c.kind(), "jetty-refusal");
        boolean statusFits = r.status() == 200 || r.status() == 404 && errcode.asInt() == 404 || jettyRefusal;
        if (!statusFits || !r.contentType().startsWith("application/json")) {
            fail(c, "HTTP " + r.status() + " " + r.contentType() + " for errcode " + errcode.asInt() + ": " + cut(text));
            return true;
        }
        if (errcode.asInt() == -1) {
            fail(c, "system error (-1): an unexpected failure inside the server: " + cut(text));
            return true;
        }
        count(c.kind(), "envelope");
        boolean accepted = errcode.asInt() == 0 || body.has("result_list");
        if (accepted) count(c.kind(), "accepted");
        return accepted;
    }

    /**
     * A connection of the test's own to the embedded store: SQLite's {@code PRAGMA data_version} on it
     * changes exactly when another connection (the server's) has committed, so most refused requests
     * are proven harmless without reading every table; after a commit every row is compared.
     */
    private Connection watchStore() throws java.sql.SQLException {
        String url = handle.server().database().read(tx -> tx.connection().getMetaData().getURL());
        assertThat(url).startsWith("jdbc:sqlite:");
        return DriverManager.getConnection(url);
    }

    private static long dataVersion(Connection c) throws java.sql.SQLException {
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Back to the seed: data, clock, faults, rate limits and journal; fresh tokens for every app. */
    private void restore() {
        handle.reset();
        tokens.put("edit", handle.token("edit-secret-0001"));
        tokens.put("read", handle.token("read-secret-0001"));
        tokens.put("none", handle.token("none-secret-0001"));
        tokens.put("agency", handle.token("agency-secret-01"));
        tokens.put("system", handle.token("system-secret-01"));
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (Route r : RouteTable.routes(handle.server().services())) {
            String[] t = EndpointTemplates.of(r.path());
            boolean post = r.method() == Route.Method.POST;
            all.add(new Endpoint(r.path(), post, post ? (t == null ? "{}" : t[0]) : null, post ? null : (t == null ? "" : t[1]),
                    Surface.WECOM, r.access() == Access.READ));
        }
        all.add(new Endpoint("/cgi-bin/gettoken", false, null, "corpid=wwschool00000001&corpsecret=edit-secret-0001", Surface.GETTOKEN, false));
        all.addAll(EndpointTemplates.admin());
        all.add(new Endpoint("/cgi-bin/school/user/no_such_api", true, "{}", null, Surface.OTHER, true));
        return all;
    }

    private void count(String kind, String outcome) {
        int[] c = counts.computeIfAbsent(kind, k -> new int[OUTCOMES.length]);
        for (int i = 0; i < OUTCOMES.length; i++) if (OUTCOMES[i].equals(outcome)) c[i]++;
    }

    private void fail(HostileRequests.Case c, String why) {
        count(c.kind(), "failed");
        failureCount++;
        String first = why.lines().findFirst().orElse("");
        String signature = c.kind() + " " + c.endpoint().path() + ": " + first.substring(0, Math.min(first.length(), 48));
        failureKinds.merge(signature, 1, Integer::sum);
        if (failures.size() < 40) failures.putIfAbsent(signature, why + "\n  request: " + c.describe());
    }

    private static String cut(String s) { return s.length() > 400 ? s.substring(0, 400) + "…" : s; }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private String report(double minutes, long heapBefore, long heapAfter, int threadsBefore, int threadsAfter) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("hostile input, %s run: %d requests, seed %d, %.1f minutes, load average %.2f%n", Volume.describe(),
                REQUESTS, SEED, minutes, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        b.append(String.format("%-20s", "class"));
        for (String o : OUTCOMES) b.append(String.format("%19s", o));
        b.append('\n');
        int[] total = new int[OUTCOMES.length];
        counts.forEach((kind, c) -> {
            b.append(String.format("%-20s", kind));
            for (int i = 0; i < c.length; i++) {
                b.append(String.format("%19d", c[i]));
                total[i] += c[i];
            }
            b.append('\n');
        });
        b.append(String.format("%-20s", "total"));
        for (int t : total) b.append(String.format("%19d", t));
        b.append('\n');
        b.append(String.format("heap after GC: %.1f MiB before, %.1f MiB after; threads: %d before, %d after; failures: %d%n",
                heapBefore / 1048576.0, heapAfter / 1048576.0, threadsBefore, threadsAfter, failureCount));
        failureKinds.forEach((k, n) -> b.append(String.format("  %5d × %s%n", n, k)));
        failures.forEach((k, f) -> b.append("FAILURE ").append(f).append('\n'));
        return b.toString();
    }

    static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
