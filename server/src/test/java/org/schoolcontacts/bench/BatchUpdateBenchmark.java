package org.schoolcontacts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.StoreConfig;
import org.schoolcontacts.storage.StoreContract;

/**
 * Measures, per store, over real HTTP on loopback: batch_update_student with 100 students (each
 * renamed in name and moved between two classes), batch_create_student with 100, and a do-nothing
 * request (an unknown path: no database work) as the baseline. Prints medians and the ratio of each
 * to the baseline. Not a test: it asserts nothing. Run with bench/run.
 */
public final class BatchUpdateBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-11s %14s %16s %16s %18s %14s%n", "store", "noop median", "create100 med",
                "update100 med", "update students/s", "update/noop");
        for (Dialect d : BenchStores.selected()) run(d, rounds);
    }

    private static void run(Dialect dialect, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("bench-");
        StoreConfig store = StoreContract.storeFor(dialect, dir);
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir).withStore(store))) {
            String base = server.baseUrl();
            post(base + "/__admin/reset", "{}");
            String token = get(base + "/cgi-bin/gettoken?corpid=wwschool00000001&corpsecret=edit-secret-0001").get("access_token").asText();
            String q = "?access_token=" + token;
            post(base + "/cgi-bin/school/department/create" + q, "{\"id\":12,\"parentid\":10,\"name\":\"Class 2\",\"type\":1}");
            List<Long> noop = new ArrayList<>();
            List<Long> create = new ArrayList<>();
            List<Long> update = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                get(base + "/cgi-bin/school/no_such_api" + q);
                noop.add(System.nanoTime() - t0);
                StringBuilder c = new StringBuilder("{\"students\":[");
                StringBuilder u = new StringBuilder("{\"students\":[");
                for (int i = 0; i < 100; i++) {
                    String id = "b" + r + "_" + i;
                    c.append(i == 0 ? "" : ",").append("{\"student_userid\":\"").append(id).append("\",\"name\":\"学生").append(i)
                            .append("\",\"department\":[11]}");
                    u.append(i == 0 ? "" : ",").append("{\"student_userid\":\"").append(id).append("\",\"name\":\"改名").append(i)
                            .append("\",\"department\":[12]}");
                }
                t0 = System.nanoTime();
                JsonNode cr = post(base + "/cgi-bin/school/user/batch_create_student" + q, c.append("]}").toString());
                create.add(System.nanoTime() - t0);
                t0 = System.nanoTime();
                JsonNode ur = post(base + "/cgi-bin/school/user/batch_update_student" + q, u.append("]}").toString());
                update.add(System.nanoTime() - t0);
                if (cr.path("errcode").asInt() != 0 || ur.path("errcode").asInt() != 0) {
                    throw new IllegalStateException("benchmark call failed: " + cr + " / " + ur);
                }
            }
            double n = median(noop), cm = median(create), um = median(update);
            System.out.printf(Locale.ROOT, "%-11s %11.2f ms %13.2f ms %13.2f ms %18.0f %13.1fx%n", dialect.name().toLowerCase(Locale.ROOT),
                    n, cm, um, 100 / (um / 1000), um / n);
            post(base + "/__admin/reset", "{}");
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Median in milliseconds, dropping the first fifth as warm-up. */
    private static double median(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos.subList(nanos.size() / 5, nanos.size()));
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }

    private static JsonNode get(String url) throws Exception {
        return MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode post(String url, String body) throws Exception {
        return MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
