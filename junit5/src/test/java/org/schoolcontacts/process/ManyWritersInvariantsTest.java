package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.reliability.Volume;
import org.schoolcontacts.wecom.Limits;

/**
 * Eight writers for a bounded time on one school, through one server process on the embedded store and
 * through three processes sharing one PostgreSQL and one MariaDB database. They race on the same ids:
 * creating ids that differ only in case, renaming the same students, filling a class that has few seats
 * left, linking parents to students others delete, and each updating a student of its own. Afterwards:
 * one student per case-insensitive id, every acknowledged rename there and no student renamed twice,
 * the class never over capacity and its counter equal to its memberships plus the pretended students,
 * no dangling parent link, each writer's last acknowledged update in place, and the store invariants of
 * the crash harness. verify: 3 s (and at least 25 requests per writer) per store; {@code -Plong}: 60 s (at least 200).
 */
class ManyWritersInvariantsTest {
    private static final int WRITERS = 8;
    private static final int SECONDS = Volume.of("concurrency.seconds", 3, 60);
    private static final int POOL = 40;
    private static final int SEATS_LEFT = 5;
    /** The school is unverified (cap 2,000 parents, 65018) and pretends to hold all but this many. */
    private static final int PARENT_SEATS_LEFT = 3;
    private static final String KEY = "manyWritersKey0123456789abcdefghijklmnopqrs";
    private static final int MIN_REQUESTS = Volume.of("concurrency.min-requests", 25, 200);
    /**
     * Each drain call waits this long: well below Jetty's 30 s idle timeout, so that when the client's
     * pool hands out the connection idle longest (the JDK's pool is first in, first out), it has not
     * been idle for about 30 s, the moment the server closes it (see docs/reliability.md).
     */
    private static final int DRAIN_CALL_MILLIS = 10_000;

    @TempDir
    Path dir;

    @Test
    void eightWritersKeepEveryInvariantOnTheEmbeddedStore() throws Exception {
        Path data = dir.resolve("data");
        run("sqlite", 1, "jdbc:sqlite:" + data.resolve("school-contacts.db"), null, "--data-dir", data.toString());
    }

    @Test
    @Tag("external-db")
    void eightWritersThroughThreeProcessesKeepEveryInvariantOnPostgres() throws Exception {
        run("postgresql", 3, TestDatabases.PG_URL, TestDatabases.PG_USER, "--db-url", TestDatabases.PG_URL, "--db-user", TestDatabases.PG_USER);
    }

    @Test
    @Tag("external-db")
    void eightWritersThroughThreeProcessesKeepEveryInvariantOnMariaDb() throws Exception {
        run("mariadb", 3, TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER, "--db-url", TestDatabases.MARIADB_URL,
                "--db-user", TestDatabases.MARIADB_USER);
    }

    private void run(String store, int processes, String jdbcUrl, String jdbcUser, String... storeArgs) throws Exception {
        long seed = Long.getLong("reliability.concurrency.seed", System.nanoTime());
        String corp = "wwmany" + String.format("%010d", Math.floorMod(seed, 10_000_000_000L));
        StringBuilder students = new StringBuilder();
        for (int i = 0; i < POOL; i++) {
            students.append(i == 0 ? "" : ",").append("{\"student_userid\":\"o").append(i).append("\",\"name\":\"O").append(i)
                    .append("\",\"department\":[11]}");
        }
        for (int w = 0; w < WRITERS; w++) {
            students.append(",{\"student_userid\":\"own").append(w).append("\",\"name\":\"start\",\"department\":[11]}");
        }
        Path seedFile = dir.resolve("seed.json");
        OneAtATimeReceiver receiver = new OneAtATimeReceiver("ManyTok01", KEY, corp);
        Files.writeString(seedFile, "{\"corps\":[{\"corpid\":\"" + corp + "\",\"name\":\"Many\",\"verified\":false,\"apps\":[{\"agentid\":1,"
                + "\"kind\":\"self_built\",\"school_contacts\":\"edit\",\"secret\":\"" + corp + "-edit\",\"callback\":{\"url\":\"" + receiver.url()
                + "\",\"token\":\"" + receiver.token + "\",\"encoding_aes_key\":\"" + KEY + "\",\"school_contact_events\":true}}],\"departments\":["
                + "{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"A\",\"type\":1},"
                + "{\"id\":12,\"parentid\":10,\"name\":\"Full\",\"type\":1}],\"students\":[" + students + "]}]}");
        // the whole outbox is compared with what the receivers got: keep every finished delivery
        List<String> args = new ArrayList<>(List.of("--port", "0", "--seed", seedFile.toString(), "--delivery-log-size", "10000000"));
        args.addAll(List.of(storeArgs));
        List<ServerProcess> servers = new ArrayList<>();
        Set<String> acknowledgedRenames = ConcurrentHashMap.newKeySet();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger seatsTaken = new AtomicInteger();
        Map<Integer, Integer> refusals = new ConcurrentHashMap<>();
        String[] lastOwnName = new String[WRITERS];
        int[] ownUpdates = new int[WRITERS];
        String eventFigures = "";
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < processes; i++) servers.add(ServerProcess.start(Map.of(), args.toArray(String[]::new)));
            List<String> bases = new ArrayList<>();
            for (ServerProcess p : servers) bases.add(p.awaitReady());
            // pretend class 12 already holds all but a few students
            try (Connection c = connect(jdbcUrl, jdbcUser)) {
                c.createStatement().executeUpdate("UPDATE departments SET student_count = " + (Limits.CLASS_CAPACITY - SEATS_LEFT)
                        + " WHERE corp_id = '" + corp + "' AND dept_id = 12");
                // and that the unverified school holds all but a few parents: creates race for the last seats
                c.createStatement().executeUpdate("UPDATE corps SET parent_count = " + (Limits.PARENT_CAP_UNVERIFIED - PARENT_SEATS_LEFT)
                        + " WHERE corp_id = '" + corp + "'");
            }
            long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                String base = bases.get(w % bases.size());
                Random random = new Random(seed + w);
                threads.add(new Thread(() -> {
                    String token = SchoolContactsHandle.send("GET", base + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + corp + "-edit", null)
                            .body().path("access_token").asText();
                    int version = 0;
                    // a bounded time, and at least a few requests each however slow the machine is
                    for (int n = 0; (n < MIN_REQUESTS || System.nanoTime() < deadline) && failures.isEmpty(); n++) {
                        int roll = random.nextInt(6);
                        String path;
                        String body;
                        String ownName = null;
                        String created = null;
                        String renameTo = null;
                        boolean seat = false;
                        if (roll == 0) {
                            // the same id in another case: one create wins
                            String id = "c" + random.nextInt(POOL);
                            created = random.nextBoolean() ? id.toUpperCase(Locale.ROOT) : id;
                            path = "/cgi-bin/school/user/create_student";
                            body = "{\"student_userid\":\"" + created + "\",\"name\":\"C\",\"department\":[" + (random.nextInt(4) == 0 ? 12 : 11) + "]}";
                            seat = body.contains("[12]");
                        } else if (roll == 1) {
                            String from = "o" + random.nextInt(POOL);
                            renameTo = "r" + random.nextInt(POOL) + "w" + writer;
                            path = "/cgi-bin/school/user/update_student";
                            body = "{\"student_userid\":\"" + from + "\",\"new_student_userid\":\"" + renameTo + "\"}";
                        } else if (roll == 2) {
                            path = "/cgi-bin/school/user/create_parent";
                            String child = random.nextBoolean() ? "c" + random.nextInt(POOL) : "o" + random.nextInt(POOL);
                            body = "{\"parent_userid\":\"p" + random.nextInt(POOL) + "\",\"mobile\":\"1" + String.format("%010d", random.nextInt(1_000_000))
                                    + "\",\"children\":[{\"student_userid\":\"" + child + "\",\"relation\":\"父亲\"}]}";
                        } else if (roll == 3) {
                            path = "/cgi-bin/school/user/delete_student?userid=" + (random.nextBoolean() ? "c" : "C") + random.nextInt(POOL);
                            body = null;
                        } else if (roll == 4) {
                            path = "/cgi-bin/school/user/delete_parent?userid=p" + random.nextInt(POOL);
                            body = null;
                        } else {
                            ownName = "w" + writer + "v" + (++version);
                            path = "/cgi-bin/school/user/update_student";
                            body = "{\"student_userid\":\"own" + writer + "\",\"name\":\"" + ownName + "\",\"department\":[" + (random.nextBoolean() ? 11 : 12) + "]}";
                            seat = body.contains("[12]");
                        }
                        JsonNode r = SchoolContactsHandle.send(body == null ? "GET" : "POST", base + path + (path.contains("?") ? "&" : "?")
                                + "access_token=" + token, body).body();
                        calls.incrementAndGet();
                        int errcode = r == null ? -999 : r.path("errcode").asInt(-999);
                        if (errcode == 0) {
                            if (renameTo != null) acknowledgedRenames.add(renameTo);
                            if (created != null && seat) seatsTaken.incrementAndGet();
                            if (ownName != null) {
                                lastOwnName[writer] = ownName;
                                ownUpdates[writer]++;
                            }
                        } else {
                            refusals.merge(errcode, 1, Integer::sum);
                            if (!Set.of(60102, 60111, 301036, 81001, 60104, 40058, 60123, 65013, 65018, 60137).contains(errcode)) {
                                failures.add(store + ": " + path + " " + body + " answered " + r);
                            }
                            if (ownName != null && errcode != 81001) failures.add("own update refused: " + r);
                        }
                    }
                }, "writer-" + w));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) t.join();
            JsonNode list = SchoolContactsHandle.send("GET", bases.get(0) + "/cgi-bin/school/user/list?department_id=10&fetch_child=1&access_token="
                    + SchoolContactsHandle.send("GET", bases.get(0) + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + corp + "-edit", null)
                    .body().path("access_token").asText(), null).body();
            Map<String, JsonNode> byId = new HashMap<>();
            Set<String> lower = new HashSet<>();
            for (JsonNode s : list.path("students")) {
                String id = s.path("student_userid").asText();
                byId.put(id, s);
                if (!lower.add(id.toLowerCase(Locale.ROOT))) failures.add("two students for " + id.toLowerCase(Locale.ROOT));
            }
            for (int w = 0; w < WRITERS; w++) {
                String expected = lastOwnName[w] == null ? "start" : lastOwnName[w];
                assertThat(byId.get("own" + w).path("name").asText()).as("writer %d's last acknowledged update", w).isEqualTo(expected);
            }
            for (String to : acknowledgedRenames) {
                if (!byId.containsKey(to)) failures.add("acknowledged rename to " + to + " is missing");
            }
            try (Connection c = connect(jdbcUrl, jdbcUser)) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM users WHERE corp_id = '" + corp + "' AND renamed = 1")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("renamed students").isEqualTo(acknowledgedRenames.size());
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT d.student_count, (SELECT COUNT(*) FROM student_classes m WHERE "
                        + "m.corp_id = d.corp_id AND m.dept_id = d.dept_id) FROM departments d WHERE d.corp_id = '" + corp + "' AND d.dept_id = 12")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("class 12 never over the cap").isLessThanOrEqualTo(Limits.CLASS_CAPACITY);
                    assertThat(rs.getLong(1) - (Limits.CLASS_CAPACITY - SEATS_LEFT)).as("class 12 counter").isEqualTo(rs.getLong(2));
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT c.parent_count, (SELECT COUNT(*) FROM users u WHERE "
                        + "u.corp_id = c.corp_id AND u.user_type = 2) FROM corps c WHERE c.corp_id = '" + corp + "'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("parents never over the unverified cap").isLessThanOrEqualTo(Limits.PARENT_CAP_UNVERIFIED);
                    assertThat(rs.getLong(1) - (Limits.PARENT_CAP_UNVERIFIED - PARENT_SEATS_LEFT)).as("parent counter").isEqualTo(rs.getLong(2));
                }
                // the crash harness's invariants, with class 12's pretended students and the pretended parents taken out
                c.createStatement().executeUpdate("UPDATE departments SET student_count = student_count - " + (Limits.CLASS_CAPACITY - SEATS_LEFT)
                        + " WHERE corp_id = '" + corp + "' AND dept_id = 12");
                c.createStatement().executeUpdate("UPDATE corps SET parent_count = parent_count - " + (Limits.PARENT_CAP_UNVERIFIED - PARENT_SEATS_LEFT)
                        + " WHERE corp_id = '" + corp + "'");
            }
            failures.addAll(CrashAtVolumeTest.invariants(store, 0, jdbcUrl, jdbcUser, corp));
            eventFigures = checkEvents(store, bases.get(0), servers.get(0), jdbcUrl, jdbcUser, corp, receiver, ownUpdates, failures);
        } finally {
            for (int i = 0; i < servers.size(); i++) {
                servers.get(i).keepOutput(Path.of("target", "reliability", "many-writers-" + store + "-" + Volume.describe() + "-server-" + i + ".log"));
                servers.get(i).close();
            }
            receiver.close();
        }
        double minutes = (System.nanoTime() - t0) / 6e10;
        String report = String.format("many writers, %s, %s run: %d writers through %d processes for %d s, %d requests, %d renames, refusals %s,"
                        + " %s, %.1f minutes, load average %.2f, failures: %d%n", store, Volume.describe(), WRITERS, processes, SECONDS, calls.get(),
                acknowledgedRenames.size(), new java.util.TreeMap<>(refusals), eventFigures, minutes,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), failures.size());
        System.out.print(report);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("many-writers-" + store + "-" + Volume.describe() + ".txt"), report + String.join("\n", failures));
        assertThat(failures).as(report).isEmpty();
        assertThat(calls.get()).isGreaterThanOrEqualTo(WRITERS * MIN_REQUESTS);
        if (!jdbcUrl.startsWith("jdbc:sqlite")) TestDatabases.deleteCorp(jdbcUrl, jdbcUser, corp);
    }

    /**
     * The one stream of the editor's callback, delivered while every process runs its delivery workers:
     * the receiver got exactly the outbox in stream (commit) order — nothing twice, nothing out of order,
     * nothing missing —, never two pushes at once, each delivery in one attempt, and every acknowledged
     * update of a writer's own student fired its update_student.
     */
    private static String checkEvents(String store, String base, ServerProcess server, String url, String user, String corp, OneAtATimeReceiver receiver,
                                      int[] ownUpdates, List<String> failures) throws Exception {
        // a 60 s run owes thousands of events to one stream, sent one at a time: wait while they keep arriving
        boolean drained = false;
        int seen = -1;
        long quietSince = System.nanoTime();
        while (!drained && System.nanoTime() - quietSince < 120_000_000_000L) {
            // this school's streams only: another test's leftovers in a shared database are not this run's to wait for
            long callStart = System.nanoTime();
            try {
                drained = SchoolContactsHandle.send("POST", base + "/__admin/events/drain",
                        "{\"timeout_ms\":" + DRAIN_CALL_MILLIS + ",\"receiver\":\"app:" + corp + ":\"}").status() == 200;
            } catch (RuntimeException e) {
                throw new AssertionError(store + ": a drain call got no answer after " + (System.nanoTime() - callStart) / 1_000_000 + " ms, "
                        + receiver.summaries().size() + " events received; the server " + server.state() + "; its standard error ends: "
                        + tail(server.stderr()), e);
            }
            int now = receiver.summaries().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        if (!drained) failures.add(store + ": the outbox did not drain (120 s without a delivery)");
        String stream = "app:" + corp + ":1";
        List<String> outbox = new ArrayList<>();
        long retried;
        long notDelivered;
        try (Connection c = connect(url, user)) {
            try (var ps = c.prepareStatement("SELECT change_type, target_id, new_id FROM event_deliveries WHERE stream_key = ? ORDER BY stream_seq")) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) outbox.add(rs.getString(1) + " " + rs.getString(2) + (rs.getString(3) == null ? "" : "->" + rs.getString(3)));
                }
            }
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM event_attempts a JOIN event_deliveries d ON d.delivery_id = a.delivery_id"
                    + " WHERE d.stream_key = ? AND a.n > 1")) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    retried = rs.getLong(1);
                }
            }
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM event_deliveries WHERE stream_key = ? AND status <> 'delivered'")) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    notDelivered = rs.getLong(1);
                }
            }
        }
        List<String> received = receiver.summaries();
        if (!received.equals(outbox)) {
            int i = 0;
            while (i < Math.min(received.size(), outbox.size()) && received.get(i).equals(outbox.get(i))) i++;
            failures.add(store + ": the receiver's " + received.size() + " events differ from the outbox's " + outbox.size() + " from " + i
                    + ": received " + received.subList(i, Math.min(received.size(), i + 5)) + ", outbox " + outbox.subList(i, Math.min(outbox.size(), i + 5)));
        }
        if (receiver.maxInFlight() != 1) failures.add(store + ": " + receiver.maxInFlight() + " pushes of one stream were in flight at once");
        if (retried != 0) failures.add(store + ": " + retried + " deliveries took more than one attempt");
        if (notDelivered != 0) failures.add(store + ": " + notDelivered + " deliveries are not delivered");
        if (!receiver.refused().isEmpty()) failures.add(store + ": the receiver refused pushes: " + receiver.refused());
        for (int w = 0; w < ownUpdates.length; w++) {
            String own = "update_student own" + w;
            long got = received.stream().filter(own::equals).count();
            if (got != ownUpdates[w]) failures.add(store + ": writer " + w + " had " + ownUpdates[w] + " acknowledged updates, the receiver " + got + " events");
        }
        return String.format("%d events delivered in order, at most %d in flight", received.size(), receiver.maxInFlight());
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    static Connection connect(String url, String user) throws java.sql.SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, null);
    }
}
