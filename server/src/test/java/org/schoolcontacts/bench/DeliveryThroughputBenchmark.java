package org.schoolcontacts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.StoreConfig;
import org.schoolcontacts.storage.StoreContract;

/**
 * How fast queued change events leave, per store: batch updates of 100 students are queued while
 * delivery is paused, each owed to three apps' callbacks (three streams, as BoundedMemoryTest has them),
 * then delivery resumes and the queue drains to receivers on loopback that accept everything. Prints
 * deliveries per second and the server process's CPU milliseconds per delivery (receivers included,
 * so a loaded machine's figures can still be compared); asserts nothing. Run with
 * {@code bench/run DeliveryThroughputBenchmark 30} (batches; -Dbench.stores=sqlite for one store).
 */
public final class DeliveryThroughputBenchmark {
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String CORP = "wwschool00000001";
    private static final List<Long> APPS = List.of(1000001L, 1000002L, 1000004L);

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), BenchCallbacks.loadAverage());
        System.out.printf(Locale.ROOT, "%-11s %12s %12s %14s %18s%n", "store", "deliveries", "seconds", "deliveries/s", "CPU ms/delivery");
        for (Dialect d : BenchStores.selected()) run(d, batches);
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", BenchCallbacks.loadAverage());
    }

    private static void run(Dialect dialect, int batches) throws Exception {
        Path dir = Files.createTempDirectory("bench-delivery-");
        StoreConfig store = StoreContract.storeFor(dialect, dir);
        AtomicLong received = new AtomicLong();
        HttpServer receiver = BenchCallbacks.receiver(KEY, CORP, received, true, 4);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir).withStore(store))) {
            String base = server.baseUrl();
            BenchCallbacks.post(base + "/__admin/reset", "{}");
            String token = BenchCallbacks.get(base + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=edit-secret-0001").get("access_token").asText();
            String q = "?access_token=" + token;
            StringBuilder c = new StringBuilder("{\"students\":[");
            for (int i = 0; i < 100; i++) {
                c.append(i == 0 ? "" : ",").append("{\"student_userid\":\"t").append(i).append("\",\"name\":\"T\",\"department\":[11]}");
            }
            BenchCallbacks.post(base + "/cgi-bin/school/user/batch_create_student" + q, c.append("]}").toString());
            for (long agentid : APPS) {
                BenchCallbacks.put(base + "/__admin/corps/" + CORP + "/apps/" + agentid + "/callback",
                        "{\"url\":\"" + url + "\",\"token\":\"Token01\",\"encoding_aes_key\":\"" + KEY + "\"}");
            }
            // warm up: JIT, the sender's connections
            queueAndDrain(base, q, 3, 0, received);
            long before = received.get();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            double seconds = queueAndDrain(base, q, batches, 3, received);
            long cpu = os.getProcessCpuTime() - cpu0;
            long n = received.get() - before;
            System.out.printf(Locale.ROOT, "%-11s %12d %12.1f %14.0f %18.2f   queued, then drained%n", dialect.name().toLowerCase(Locale.ROOT), n,
                    seconds, n / seconds, cpu / 1e6 / n);
            // as BoundedMemoryTest runs: five batches written while delivery runs, then a drain, again and again
            before = received.get();
            cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int done = 0; done < batches; done += 5) {
                writeBatches(base, q, Math.min(5, batches - done), 1000 + done);
                drain(base, t0);
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            cpu = os.getProcessCpuTime() - cpu0;
            n = received.get() - before;
            System.out.printf(Locale.ROOT, "%-11s %12d %12.1f %14.0f %18.2f   written while delivering, drained every 5 batches%n",
                    dialect.name().toLowerCase(Locale.ROOT), n, seconds, n / seconds, cpu / 1e6 / n);
        } finally {
            receiver.stop(0);
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Queues {@code batches} batch updates while paused, then times resume + drain. */
    private static double queueAndDrain(String base, String q, int batches, int offset, AtomicLong received) throws Exception {
        BenchCallbacks.post(base + "/__admin/events/pause", "{}");
        writeBatches(base, q, batches, offset);
        long t0 = System.nanoTime();
        BenchCallbacks.post(base + "/__admin/events/resume", "{}");
        drain(base, t0);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void writeBatches(String base, String q, int batches, int offset) throws Exception {
        for (int r = 0; r < batches; r++) {
            StringBuilder u = new StringBuilder("{\"students\":[");
            for (int i = 0; i < 100; i++) {
                u.append(i == 0 ? "" : ",").append("{\"student_userid\":\"t").append(i).append("\",\"name\":\"R").append(r + offset).append("\"}");
            }
            JsonNode ur = BenchCallbacks.post(base + "/cgi-bin/school/user/batch_update_student" + q, u.append("]}").toString());
            if (ur.path("errcode").asInt() != 0) throw new IllegalStateException("benchmark call failed: " + ur);
        }
    }

    private static void drain(String base, long t0) throws Exception {
        // in 10 s calls: one long call would outlast Jetty's 30 s idle timeout
        while (!BenchCallbacks.post(base + "/__admin/events/drain", "{\"timeout_ms\":10000}").path("drained").asBoolean()) {
            if (System.nanoTime() - t0 > 3_600_000_000_000L) throw new IllegalStateException("not drained within an hour");
        }
    }
}
