package org.schoolcontacts.compat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.cp.bean.message.WxCpTpXmlMessage;
import me.chanjar.weixin.cp.config.WxCpTpConfigStorage;
import me.chanjar.weixin.cp.tp.service.WxCpTpService;
import me.chanjar.weixin.cp.util.crypto.WxCpTpCryptUtil;

/**
 * A provider's suite callback, written as a WxJava user writes it: the GET verification answered with
 * {@code WxCpTpCryptUtil.decrypt(echostr)}, each POST parsed with {@code WxCpTpXmlMessage.fromEncryptedXml},
 * a suite_ticket handed to {@code setSuiteTicket}, and {@code success} answered. Messages are queued for
 * the test to wait on.
 */
final class SuiteReceiver implements AutoCloseable {
    private final HttpServer server;
    private final WxCpTpService tp;
    private final BlockingQueue<WxCpTpXmlMessage> messages = new LinkedBlockingQueue<>();

    SuiteReceiver(WxCpTpService tp) throws IOException {
        this.tp = tp;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/suite", this::handle);
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/suite"; }

    private void handle(HttpExchange ex) throws IOException {
        WxCpTpConfigStorage cfg = tp.getWxCpTpConfigStorage();
        Map<String, String> q = query(ex.getRequestURI());
        String answer;
        try {
            if (ex.getRequestMethod().equals("GET")) {
                answer = new WxCpTpCryptUtil(cfg).decrypt(q.get("echostr"));
            } else {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                WxCpTpXmlMessage msg = WxCpTpXmlMessage.fromEncryptedXml(body, cfg, q.get("timestamp"), q.get("nonce"), q.get("msg_signature"));
                if ("suite_ticket".equals(msg.getInfoType())) tp.setSuiteTicket(msg.getSuiteTicket());
                messages.add(msg);
                answer = "success";
            }
        } catch (RuntimeException e) {
            answer = "error: " + e;
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The next message of this InfoType (others are skipped), waiting up to {@code timeout}. */
    WxCpTpXmlMessage next(String infoType, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            WxCpTpXmlMessage m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) throw new AssertionError("no " + infoType + " notice within " + timeout);
            if (infoType.equals(m.getInfoType())) return m;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            if (i > 0) out.put(pair.substring(0, i), URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() { server.stop(0); }
}
