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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.notices.BulkSchool;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.StoreConfig;
import org.schoolcontacts.storage.StoreContract;

/**
 * A {@code toall} school notice to a school of 30,000 students with one parent each (every tenth
 * parent unsubscribed), per store, over real HTTP on loopback: how long message/send takes to answer
 * (expansion and storing 30,000 recipients in one transaction), and then how long until the notice is
 * readable: one parent's inbox, and the whole notice with its 30,000 recipients. Also a notice to
 * one parent, as the baseline the ratio is taken against. Prints medians; asserts nothing.
 * <pre>
 *   bench/run NoticeBenchmark [students=30000] [runs=5] [sqlite,postgresql,mariadb]
 * </pre>
 */
public final class NoticeBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String CORP = "wwnoticebench0001";
    private static final String SECRET = "notice-bench-secret";
    private static final long AGENT = 7000001;

    private NoticeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Dialect> dialects = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(s -> Dialect.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList()
                : List.of(Dialect.values());
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"), loadAverage());
        System.out.printf(Locale.ROOT, "toall notice, %d students with one parent each (%d parent recipients); median of %d runs after one warm-up%n",
                students, students, runs);
        System.out.printf(Locale.ROOT, "%-11s %14s %14s %16s %18s %12s%n", "store", "1 parent", "toall answer", "inbox readable",
                "whole notice read", "toall/1");
        for (Dialect d : dialects) run(d, students, runs);
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static void run(Dialect dialect, int students, int runs) throws Exception {
        Path dir = Files.createTempDirectory("notice-bench-");
        StoreConfig store = StoreContract.storeFor(dialect, dir);
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir).withStore(store))) {
            var db = server.database();
            db.writeServer(tx -> CorpStore.deleteCorp(tx, CORP));
            db.writeServer(tx -> CorpStore.createIfAbsent(tx, new CorpSpec(CORP, "Notice benchmark school", false, List.of(
                    new CorpSpec.AppSpec(AGENT, "parents app", AppKind.SELF_BUILT, SchoolPermission.PARENT_APP, false, true, SECRET))),
                    server.clock().millis()));
            try {
                long t0 = System.nanoTime();
                BulkSchool.fill(db, CORP, 30, students, 10);
                double fillMs = (System.nanoTime() - t0) / 1e6;
                String base = server.baseUrl();
                String token = get(base + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=" + SECRET).get("access_token").asText();
                String send = base + "/cgi-bin/externalcontact/message/send?access_token=" + token;
                String last = "p" + (students - 1);
                List<Long> one = new ArrayList<>();
                List<Long> answer = new ArrayList<>();
                List<Long> inbox = new ArrayList<>();
                List<Long> whole = new ArrayList<>();
                for (int r = 0; r <= runs; r++) {
                    long a = System.nanoTime();
                    check(post(send, "{\"agentid\":" + AGENT + ",\"msgtype\":\"text\",\"text\":{\"content\":\"one " + r + "\"},\"to_parent_userid\":[\"p1\"]}"));
                    long b = System.nanoTime();
                    check(post(send, "{\"agentid\":" + AGENT + ",\"msgtype\":\"text\",\"text\":{\"content\":\"all " + r + "\"},\"toall\":1}"));
                    long c = System.nanoTime();
                    JsonNode box = get(base + "/__admin/corps/" + CORP + "/inbox/" + last + "?limit=1");
                    long d = System.nanoTime();
                    String id = box.path("notices").get(0).path("id").asText();
                    if (!box.path("notices").get(0).path("text").path("content").asText().equals("all " + r)) {
                        throw new IllegalStateException("the inbox does not show the notice: " + box);
                    }
                    JsonNode notice = get(base + "/__admin/notices/" + id);
                    long e = System.nanoTime();
                    if (notice.path("recipients").size() != students) throw new IllegalStateException("recipients: " + notice.path("recipients").size());
                    if (r == 0) continue; // warm-up
                    one.add(b - a);
                    answer.add(c - b);
                    inbox.add(d - c);
                    whole.add(e - d);
                }
                double o = median(one), an = median(answer);
                System.out.printf(Locale.ROOT, "%-11s %11.1f ms %11.1f ms %13.1f ms %15.1f ms %11.0fx   (school filled in %.0f ms)%n",
                        dialect.name().toLowerCase(Locale.ROOT), o, an, median(inbox), median(whole), an / o, fillMs);
            } finally {
                db.writeServer(tx -> CorpStore.deleteCorp(tx, CORP));
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void check(JsonNode answer) {
        if (answer.path("errcode").asInt() != 0) throw new IllegalStateException("message/send failed: " + answer);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) / 1e6 : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2e6;
    }

    private static JsonNode get(String url) throws Exception {
        return MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode post(String url, String body) throws Exception {
        return MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
