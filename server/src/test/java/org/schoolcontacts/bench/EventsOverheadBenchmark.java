package org.schoolcontacts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.StoreConfig;
import org.schoolcontacts.storage.StoreContract;

/**
 * The cost of change events on batch_update_student with 100 students (each renamed in name and moved
 * between two classes, so all 100 fire update_student), per store, over HTTP on loopback: without a
 * configured receiver (one receiver lookup per transaction), with a receiver whose deliveries are
 * paused (the outbox writes alone), and with a receiver being delivered to while the batches run.
 * Prints medians and ratios; asserts nothing. Run with {@code bench/run EventsOverheadBenchmark 40}.
 */
public final class EventsOverheadBenchmark {
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String CORP = "wwschool00000001";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"), BenchCallbacks.loadAverage());
        System.out.printf(Locale.ROOT, "%-11s %16s %16s %16s %12s %12s %18s%n", "store", "no receiver", "paused receiver", "live receiver",
                "paused/none", "live/none", "drain events/s");
        for (Dialect d : BenchStores.selected()) run(d, rounds);
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", BenchCallbacks.loadAverage());
    }

    private static void run(Dialect dialect, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("bench-events-");
        StoreConfig store = StoreContract.storeFor(dialect, dir);
        AtomicLong received = new AtomicLong();
        HttpServer receiver = BenchCallbacks.receiver(KEY, CORP, received, false, 0);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir).withStore(store))) {
            String base = server.baseUrl();
            BenchCallbacks.post(base + "/__admin/reset", "{}");
            String token = BenchCallbacks.get(base + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=edit-secret-0001").get("access_token").asText();
            String q = "?access_token=" + token;
            BenchCallbacks.post(base + "/cgi-bin/school/department/create" + q, "{\"id\":12,\"parentid\":10,\"name\":\"Class 2\",\"type\":1}");
            StringBuilder c = new StringBuilder("{\"students\":[");
            for (int i = 0; i < 100; i++) {
                c.append(i == 0 ? "" : ",").append("{\"student_userid\":\"e").append(i).append("\",\"name\":\"学生\",\"department\":[11]}");
            }
            BenchCallbacks.post(base + "/cgi-bin/school/user/batch_create_student" + q, c.append("]}").toString());
            double none = measure(base, q, rounds, 0);
            BenchCallbacks.put(base + "/__admin/corps/" + CORP + "/apps/1000001/callback",
                    "{\"url\":\"" + url + "\",\"token\":\"Token01\",\"encoding_aes_key\":\"" + KEY + "\"}");
            BenchCallbacks.post(base + "/__admin/events/pause", "{}");
            double paused = measure(base, q, rounds, 1);
            // the paused phase queued rounds x 100 update_student events: how fast one stream drains them
            long before = received.get();
            long t0 = System.nanoTime();
            BenchCallbacks.post(base + "/__admin/events/resume", "{}");
            BenchCallbacks.post(base + "/__admin/events/drain", "{\"timeout_ms\":600000}");
            double drainRate = (received.get() - before) / ((System.nanoTime() - t0) / 1e9);
            double live = measure(base, q, rounds, 0);
            BenchCallbacks.post(base + "/__admin/events/drain", "{\"timeout_ms\":600000}");
            System.out.printf(Locale.ROOT, "%-11s %13.2f ms %13.2f ms %13.2f ms %11.2fx %11.2fx %18.0f   (%d pushes received)%n",
                    dialect.name().toLowerCase(Locale.ROOT), none, paused, live, paused / none, live / none, drainRate, received.get());
            BenchCallbacks.post(base + "/__admin/reset", "{}");
        } finally {
            receiver.stop(0);
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Median ms of batch_update_student, each round moving every student to the other class and name. */
    private static double measure(String base, String q, int rounds, int phase) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // every round flips every student (name and class), so each batch fires 100 update_student events
            int v = r + phase;
            StringBuilder u = new StringBuilder("{\"students\":[");
            for (int i = 0; i < 100; i++) {
                u.append(i == 0 ? "" : ",").append("{\"student_userid\":\"e").append(i).append("\",\"name\":\"名").append(v % 2)
                        .append("\",\"department\":[").append(v % 2 == 0 ? 12 : 11).append("]}");
            }
            long t0 = System.nanoTime();
            JsonNode ur = BenchCallbacks.post(base + "/cgi-bin/school/user/batch_update_student" + q, u.append("]}").toString());
            times.add(System.nanoTime() - t0);
            if (ur.path("errcode").asInt() != 0) throw new IllegalStateException("benchmark call failed: " + ur);
        }
        List<Long> s = new ArrayList<>(times.subList(times.size() / 5, times.size()));
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }
}
