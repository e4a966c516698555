package org.schoolcontacts.providers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.providers.ProviderStore.SuiteRow;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends suite notices to the suite's instruction URL (spec 1.5, 1.7): sealed with WXBizMsgCrypt
 * (receiveid = suite_id), POSTed with msg_signature, timestamp and nonce, in order per suite. A suite
 * must answer {@code success}; connection failures and timeouts are retried three times (1, 2, 4 s)
 * with the identical request. Timeouts: 5 s, 1 s for auth notices.
 *
 * <p>Unlike the change events' outbox this sender is in memory: a notice not yet delivered when the
 * process stops is lost (a missed ticket is re-issued at the next 10-minute slot; an auth notice's
 * auth code can be read from the admin answer). The last 200 pushes per suite are kept for the admin API.
 */
final class HttpSuiteNotices implements SuiteNotices, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSuiteNotices.class);
    private static final int KEPT = 200;

    private final ServerClock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final Map<String, Deque<Push>> log = new ConcurrentHashMap<>();
    private volatile List<Long> retryDelaysMillis = List.of(1000L, 2000L, 4000L);
    private volatile boolean closed;

    /** One push and how it went. status: pending, delivered, receiver_error, failed. */
    record Push(String suiteId, String infoType, String plaintext, long createdAt, String status, Integer httpStatus, String answer,
                int attempts) {}

    HttpSuiteNotices(ServerClock clock) { this.clock = clock; }

    /** Shorter retry delays for tests of an in-process server. */
    void retryDelays(List<Long> delays) { this.retryDelaysMillis = List.copyOf(delays); }

    @Override
    public void suiteTicket(SuiteRow suite, String ticket, long nowMillis) {
        push(suite, "suite_ticket", NoticeXml.suiteTicket(suite.id(), nowMillis / 1000, ticket), 5000);
    }

    @Override
    public void createAuth(SuiteRow suite, Providers.Installed installed) {
        push(suite, "create_auth", NoticeXml.createAuth(suite.id(), installed.authCode(), clock.millis() / 1000, installed.state()), 1000);
    }

    @Override
    public void changeAuth(SuiteRow suite, ProviderStore.Authorisation a) {
        push(suite, "change_auth", NoticeXml.changeAuth(suite.id(), clock.millis() / 1000, a.corpId(), a.state()), 1000);
    }

    @Override
    public void cancelAuth(SuiteRow suite, ProviderStore.Authorisation a) {
        push(suite, "cancel_auth", NoticeXml.cancelAuth(suite.id(), clock.millis() / 1000, a.corpId()), 1000);
    }

    /** The suite's recent pushes, newest first. */
    List<Push> pushes(String suiteId) {
        Deque<Push> d = log.get(suiteId);
        if (d == null) return List.of();
        synchronized (d) {
            List<Push> out = new ArrayList<>(d);
            java.util.Collections.reverse(out);
            return out;
        }
    }

    @Override
    public void forget() { log.clear(); }

    private void push(SuiteRow suite, String infoType, String plaintext, long timeoutMillis) {
        String url = suite.suite().callbackUrl();
        if (url == null || closed) return;
        long created = clock.millis();
        Deque<Push> d = log.computeIfAbsent(suite.id(), k -> new ArrayDeque<>());
        Push pending = new Push(suite.id(), infoType, plaintext, created, "pending", null, null, 0);
        synchronized (d) {
            d.addLast(pending);
            while (d.size() > KEPT) d.removeFirst();
        }
        ExecutorService lane = lanes.computeIfAbsent(suite.id(), k -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "suite-notices-" + k);
            t.setDaemon(true);
            return t;
        }));
        lane.execute(() -> replace(d, pending, send(suite, url, pending, timeoutMillis)));
    }

    private static void replace(Deque<Push> d, Push old, Push now) {
        synchronized (d) {
            List<Push> all = new ArrayList<>(d);
            int i = all.indexOf(old);
            if (i >= 0) all.set(i, now);
            d.clear();
            d.addAll(all);
        }
    }

    private Push send(SuiteRow suite, String url, Push p, long timeoutMillis) {
        String timestamp = Long.toString(clock.millis() / 1000);
        String nonce = WxBizMsgCrypt.randomDigits(10);
        WxBizMsgCrypt.Sealed sealed = new WxBizMsgCrypt(suite.suite().token(), suite.suite().encodingAesKey(), suite.id())
                .encrypt(p.plaintext(), timestamp, nonce);
        String target = url + (url.contains("?") ? "&" : "?") + "msg_signature=" + enc(sealed.signature()) + "&timestamp="
                + enc(timestamp) + "&nonce=" + enc(nonce);
        HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofMillis(timeoutMillis))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(sealed.envelopeXml(), StandardCharsets.UTF_8)).build();
        List<Long> delays = retryDelaysMillis;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                String body = r.body() == null ? "" : r.body();
                String kept = body.length() > 4096 ? body.substring(0, 4096) : body;
                boolean ok = body.strip().equals("success");
                return new Push(p.suiteId(), p.infoType(), p.plaintext(), p.createdAt(), ok ? "delivered" : "receiver_error",
                        r.statusCode(), kept, attempt);
            } catch (IOException e) {
                if (closed || attempt > delays.size()) {
                    LOG.info("{} push to {} failed after {} attempts: {}", p.infoType(), p.suiteId(), attempt, e.toString());
                    String why = e instanceof HttpTimeoutException ? "timeout" : e.toString();
                    return new Push(p.suiteId(), p.infoType(), p.plaintext(), p.createdAt(), "failed", null, why, attempt);
                }
                try {
                    Thread.sleep(delays.get(attempt - 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return new Push(p.suiteId(), p.infoType(), p.plaintext(), p.createdAt(), "failed", null, "interrupted", attempt);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Push(p.suiteId(), p.infoType(), p.plaintext(), p.createdAt(), "failed", null, "interrupted", attempt);
            }
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Override
    public void close() {
        closed = true;
        for (ExecutorService e : lanes.values()) e.shutdownNow();
        for (ExecutorService e : lanes.values()) {
            try {
                e.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
