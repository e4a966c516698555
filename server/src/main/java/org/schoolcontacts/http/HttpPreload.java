package org.schoolcontacts.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives the command-line start a head start: while the start-up thread parses the options and opens,
 * migrates and seeds the store, a thread of its own initialises Logback, Jackson, Javalin and Jetty —
 * some two thousand classes that would otherwise be loaded one after the other — by starting and
 * stopping a throw-away Javalin on a free loopback port. It changes no state of the server; on a machine
 * with one core it merely runs interleaved. {@link org.schoolcontacts.Main} starts it; the JUnit 5
 * extension does not (a test JVM loads these classes once for all its servers anyway).
 */
public final class HttpPreload {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private HttpPreload() {}

    /**
     * Starts the preloading thread unless it has run in this process already; {@code afterLogging} runs
     * on it once logging is initialised (so the start-up thread does not wait for that).
     */
    public static void start(Runnable afterLogging) {
        if (!STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> run(afterLogging), "http-preload");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    static void run(Runnable afterLogging) {
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
            afterLogging.run();
            ObjectMapper mapper = new ObjectMapper();
            JsonNode tree = mapper.readTree("{\"errcode\":0,\"errmsg\":\"ok\",\"list\":[{\"a\":1,\"b\":\"c\"}],\"d\":1.5,\"e\":true,\"f\":null}");
            mapper.writeValueAsBytes(tree);
            Javalin app = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.startupWatcherEnabled = false;
                config.useVirtualThreads = false;
            });
            app.get("/", ctx -> ctx.result(""));
            try {
                app.start("127.0.0.1", 0);
            } finally {
                app.stop();
            }
        } catch (Throwable ignored) {
            // only a head start: whatever fails here fails again, and is reported, where it is used
        }
    }
}
