package org.schoolcontacts.events;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP attempt at a receiver: a POST of a push or the GET of a URL verification, within a
 * deadline that covers connecting and reading the whole answer. Redirects are not followed.
 */
final class Sender {
    static final int MAX_RECORDED_BODY = 4096;

    /**
     * One client for the JVM, built at the first push: building it sets up TLS (the trust store and
     * its certificates), some 10 % of the server's start-up, which a server without receivers never needs.
     */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * What came of an attempt. {@code retryable}: no HTTP answer (connection refused or reset, DNS,
     * TLS, timeout), the only case WeCom retries.
     */
    record Answer(Integer status, String body, String error, boolean retryable, long millis) {
        boolean is2xx() { return status != null && status >= 200 && status < 300; }
    }

    Answer post(String url, String query, String body, long timeoutMillis) {
        return send(HttpRequest.newBuilder(uri(url, query))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), timeoutMillis);
    }

    Answer get(String url, String query, long timeoutMillis) {
        return send(HttpRequest.newBuilder(uri(url, query)).GET(), timeoutMillis);
    }

    /** {@code url} plus the query, joined with {@code &} when the URL already has one. */
    static URI uri(String url, String query) {
        return URI.create(url + (url.contains("?") ? "&" : "?") + query);
    }

    /** Percent-encodes a query value; {@code + / =} of Base64 must survive URL-decoding. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(HttpRequest.Builder request, long timeoutMillis) {
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> f;
        try {
            f = Client.INSTANCE.sendAsync(request.timeout(Duration.ofMillis(timeoutMillis)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IllegalArgumentException e) {
            return new Answer(null, null, "bad URL: " + e.getMessage(), false, ms(t0));
        }
        try {
            HttpResponse<byte[]> r = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            byte[] b = r.body();
            String text = new String(b, 0, Math.min(b.length, MAX_RECORDED_BODY), StandardCharsets.UTF_8);
            return new Answer(r.statusCode(), text, null, false, ms(t0));
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Answer(null, null, "timeout after " + timeoutMillis + " ms", true, ms(t0));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String what = c instanceof HttpTimeoutException ? "timeout after " + timeoutMillis + " ms"
                    : c instanceof IOException ? "connection failed: " + describe(c) : "failed: " + describe(c);
            return new Answer(null, null, what, true, ms(t0));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return new Answer(null, null, "interrupted (server stopping)", true, ms(t0));
        }
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
