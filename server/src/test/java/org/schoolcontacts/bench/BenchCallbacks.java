package org.schoolcontacts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;

/** What the single-process change-event benchmarks share: a callback receiver on a real socket, JSON over HTTP, the load average. */
final class BenchCallbacks {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BenchCallbacks() {}

    /**
     * A callback URL ({@code /cb}) that answers WeCom's URL check and counts every event pushed to it;
     * {@code decrypt}: opens each push as a real receiver would; {@code threads}: its pool (0: the JDK's default).
     */
    static HttpServer receiver(String aesKey, String corpId, AtomicLong received, boolean decrypt, int threads) throws Exception {
        WxBizMsgCrypt crypt = new WxBizMsgCrypt("Token01", aesKey, corpId);
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        if (threads > 0) {
            s.setExecutor(Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "bench-receiver");
                t.setDaemon(true);
                return t;
            }));
        }
        s.createContext("/cb", ex -> {
            try (ex) {
                Map<String, String> p = new HashMap<>();
                for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
                    int eq = kv.indexOf('=');
                    p.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String answer = "";
                if (ex.getRequestMethod().equals("GET")) {
                    answer = crypt.verifyUrl(p.get("msg_signature"), p.get("timestamp"), p.get("nonce"), p.get("echostr"));
                } else {
                    if (decrypt) crypt.decrypt(p.get("msg_signature"), p.get("timestamp"), p.get("nonce"), body);
                    received.incrementAndGet();
                }
                byte[] b = answer.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
                if (b.length > 0) ex.getResponseBody().write(b);
            }
        });
        s.start();
        return s;
    }

    /** The machine's load average as /proc/loadavg gives it, for the figures' heading. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    static JsonNode get(String url) throws Exception {
        return MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static JsonNode post(String url, String body) throws Exception {
        return send("POST", url, body);
    }

    static JsonNode put(String url, String body) throws Exception {
        return send("PUT", url, body);
    }

    private static JsonNode send(String method, String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }
}
