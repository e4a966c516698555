package org.schoolcontacts.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;
import org.w3c.dom.Document;

/**
 * A callback receiver on a real socket that decrypts with the project's crypto and counts how many pushes
 * are in its hands at once: one stream is to be sent one delivery at a time (events §1.7), so with every
 * process of a shared database delivering, {@link #maxInFlight()} must stay 1. Each answer waits a few
 * milliseconds so that two senders of one stream would overlap visibly.
 */
final class OneAtATimeReceiver implements AutoCloseable {
    private final WxBizMsgCrypt crypt;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "one-at-a-time-receiver");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<String> summaries = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    final String token;
    final String key;

    OneAtATimeReceiver(String token, String key, String corp) throws IOException {
        this.token = token;
        this.key = key;
        this.crypt = new WxBizMsgCrypt(token, key, corp);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback"; }

    int maxInFlight() { return maxInFlight.get(); }

    synchronized List<String> summaries() { return List.copyOf(summaries); }

    synchronized List<String> refused() { return List.copyOf(refused); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            boolean counted = true;
            try {
                Map<String, String> q = new HashMap<>();
                String raw = ex.getRequestURI().getRawQuery();
                if (raw != null) {
                    for (String pair : raw.split("&")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0) q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String answer;
                try {
                    if (ex.getRequestMethod().equals("GET")) {
                        answer = crypt.verifyUrl(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), q.get("echostr"));
                    } else {
                        Document d = WxBizMsgCrypt.parse(crypt.decrypt(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), body));
                        String newId = text(d, "NewId");
                        synchronized (this) {
                            summaries.add(text(d, "ChangeType") + " " + text(d, "Id") + (newId == null ? "" : "->" + newId));
                        }
                        answer = "success";
                        Thread.sleep(3);
                    }
                } catch (RuntimeException e) {
                    synchronized (this) {
                        refused.add(String.valueOf(e.getMessage()));
                    }
                    answer = "refused";
                }
                byte[] b = answer.getBytes(StandardCharsets.UTF_8);
                // out of our hands before the answer leaves: the sender may start the next push as soon as it reads it
                inFlight.decrementAndGet();
                counted = false;
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (counted) inFlight.decrementAndGet();
            }
        }
    }

    private static String text(Document d, String tag) {
        var nodes = d.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
