package org.schoolcontacts.junit5;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A callback receiver on a free local port, as an app's server would be: it answers URL verification,
 * checks each push's signature, decrypts it and keeps the parsed events in arrival order. Point an app's
 * callback at {@link #url()} ({@link EventControls#configureCallback}), make changes, then
 * {@link EventControls#drain()} and read {@link #events()}.
 *
 * <pre>{@code
 * try (EventReceiver receiver = EventReceiver.start("Token01", aesKey, corpId)) {
 *     handle.events().configureCallback(corpId, 1000001, receiver);
 *     editor.post("/cgi-bin/school/user/create_student", ...);
 *     handle.events().drain();
 *     assertThat(receiver.events()).extracting(ReceivedEvent::changeType).containsExactly("create_student");
 * }
 * }</pre>
 *
 * Answers are 200 {@code success} unless told otherwise ({@link #answerWith}, {@link #holdAnswers}).
 */
public final class EventReceiver implements AutoCloseable {
    static {
        // The JDK's HttpServer writes an answer's headers and its body ("success") as two TCP segments;
        // with Nagle's algorithm on, the body waits for the server's delayed ACK (some 40 ms), so every
        // push took 40 ms and one stream got about 22 a second. Read once, when the JVM's first
        // HttpServer starts: a JVM that set it, or started one before, keeps what it has.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One push as received: the decrypted plaintext, its elements, and the request it came in. */
    public record ReceivedEvent(String plaintext, Map<String, String> fields, String query, String body, String timestamp,
                                String nonce, String msgSignature) {
        public String changeType() { return fields.get("ChangeType"); }

        public String id() { return fields.get("Id"); }

        /** Null unless a rename. */
        public String newId() { return fields.get("NewId"); }

        /** {@code change_school_contact} (app events) or null. */
        public String event() { return fields.get("Event"); }

        /** Third-party notices: {@code change_school_contact}, {@code suite_ticket}, …; null for app events. */
        public String infoType() { return fields.get("InfoType"); }

        /** "create_student s0001" or "update_student s0001->s0001b": compact for assertions. */
        public String summary() { return changeType() + " " + id() + (newId() == null ? "" : "->" + newId()); }
    }

    /** A request the receiver refused (bad signature, not decryptable): kept so tests can see it. */
    public record Refused(String query, String body, String why) {}

    private final String token;
    private final String encodingAesKey;
    private final WxBizMsgCrypt crypt;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "event-receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<ReceivedEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Refused> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<String> verifications = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;
    private volatile String answer = "success";
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private volatile boolean echoWrong;

    private EventReceiver(String token, String encodingAesKey, String receiveId) {
        this.token = token;
        this.encodingAesKey = encodingAesKey;
        this.crypt = new WxBizMsgCrypt(token, encodingAesKey, receiveId);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param receiveId the corpid for app callbacks, the suite id for suite pushes */
    public static EventReceiver start(String token, String encodingAesKey, String receiveId) {
        return new EventReceiver(token, encodingAesKey, receiveId);
    }

    public String token() { return token; }

    public String encodingAesKey() { return encodingAesKey; }

    public String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback"; }

    /** The parsed pushes so far, in arrival order (retries and duplicates included). */
    public List<ReceivedEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** {@link ReceivedEvent#summary()} of every push so far. */
    public List<String> summaries() { return events().stream().map(ReceivedEvent::summary).toList(); }

    public List<Refused> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** The echostr plaintexts this receiver answered. */
    public List<String> verifications() {
        synchronized (verifications) {
            return List.copyOf(verifications);
        }
    }

    public void clear() {
        events.clear();
        refused.clear();
    }

    /** From now on, answer pushes with this HTTP status and body (verification is unaffected). */
    public void answerWith(int httpStatus, String body) {
        this.status = httpStatus;
        this.answer = body;
    }

    /** Answers URL verification with something other than the plaintext, so configuration fails. */
    public void answerVerificationWrongly(boolean wrong) { this.echoWrong = wrong; }

    /**
     * Holds every push's answer until {@link #releaseAnswers()} (the push is recorded when it arrives),
     * so the server's attempt runs into its timeout.
     */
    public void holdAnswers() { hold.set(new CountDownLatch(1)); }

    public void releaseAnswers() {
        CountDownLatch l = hold.getAndSet(null);
        if (l != null) l.countDown();
    }

    /** Waits until at least {@code n} pushes arrived; false if the time ran out first. */
    public boolean awaitEvents(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (events.size() < n) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) return false;
                events.wait(left);
            }
            return true;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (ex.getRequestMethod().equals("GET")) {
                try {
                    String plain = crypt.verifyUrl(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), q.get("echostr"));
                    verifications.add(plain);
                    reply(ex, 200, echoWrong ? "\"" + plain + "\"" : plain);
                } catch (RuntimeException e) {
                    refused.add(new Refused(ex.getRequestURI().getRawQuery(), body, String.valueOf(e.getMessage())));
                    reply(ex, 400, "verification failed");
                }
                return;
            }
            String plaintext;
            try {
                plaintext = crypt.decrypt(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), body);
            } catch (RuntimeException e) {
                refused.add(new Refused(ex.getRequestURI().getRawQuery(), body, String.valueOf(e.getMessage())));
                reply(ex, 400, "bad request");
                return;
            }
            synchronized (events) {
                events.add(new ReceivedEvent(plaintext, fields(plaintext), ex.getRequestURI().getRawQuery(), body, q.get("timestamp"),
                        q.get("nonce"), q.get("msg_signature")));
                events.notifyAll();
            }
            CountDownLatch l = hold.get();
            if (l != null) {
                try {
                    l.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply(ex, status, answer);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The top-level elements of a plaintext (ChangeList items of the batch shape joined as "ChangeList[i].X"). */
    static Map<String, String> fields(String xml) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList nodes = WxBizMsgCrypt.parse(xml).getDocumentElement().getChildNodes();
        int item = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (!(n instanceof Element e)) continue;
            if (e.getTagName().equals("ChangeList")) {
                NodeList inner = e.getChildNodes();
                for (int j = 0; j < inner.getLength(); j++) {
                    if (inner.item(j) instanceof Element c) out.put("ChangeList[" + item + "]." + c.getTagName(), c.getTextContent());
                }
                item++;
            } else {
                out.put(e.getTagName(), e.getTextContent());
            }
        }
        return out;
    }

    @Override
    public void close() {
        releaseAnswers();
        server.stop(0);
        executor.shutdownNow();
    }
}
