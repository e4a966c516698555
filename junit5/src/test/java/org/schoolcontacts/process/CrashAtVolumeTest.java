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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.reliability.Volume;

/**
 * Crash durability at volume: the server process runs while four clients send random writes (creates,
 * updates, renames, batches with a failing item, deletes, parents, classes), is killed with SIGKILL
 * after a random number of acknowledged writes, and is started again on the same store. Each cycle
 * checks that the school shows every acknowledged write, that a write left unanswered by the kill is
 * either wholly there or not at all, and that the store's invariants hold (class counters equal their
 * memberships, ids lower-cased in the key, no student renamed twice, parent links between a parent and
 * a student). Change events too: two apps' callbacks point at {@link EventReceiver}s (real sockets, the
 * project's crypto) for the whole run; every cycle the outbox must hold exactly the events the
 * acknowledged changes owe each receiver (none for a refused request or a failed batch item), in each
 * writer's order, and the receivers must have got them in that order, duplicates allowed right after
 * themselves. On the embedded store every restart waits for the outbox to drain and requires every owed
 * event to have arrived; on PostgreSQL a killed process's stream lease (30 s) must run out first, so each
 * cycle checks what arrived so far and the last cycle (long run, or {@code -Dreliability.crash.drain=true})
 * waits for all of it. verify runs 2 cycles per store, {@code -Plong} 50.
 */
class CrashAtVolumeTest {
    private static final int CYCLES = Volume.of("crash.cycles", 2, 50);
    private static final int CLIENTS = 4;
    private static final String SECRET = "crash-edit-secret-01";
    private static final String KEY = "crashKey0123456789abcdefghijklmnopqrstuvwxy";
    /**
     * Waiting for the deliveries after a restart: on a shared database a killed process's lease runs out
     * first (30 s + 5 s), and after many cycles thousands of events may be owed. The wait goes on while
     * the receivers get events, and gives up after this long without one.
     */
    private static final int DRAIN_MS = 120_000;
    /** The most the final drain may take in all (a long PostgreSQL run can owe several thousand events). */
    private static final int DRAIN_CAP_MS = 30 * 60_000;

    @TempDir
    Path dir;
    private double lastDrainSeconds;

    @Test
    void acknowledgedWritesSurviveKill9OnTheEmbeddedStore() throws Exception {
        Path data = dir.resolve("data");
        run("sqlite", "jdbc:sqlite:" + data.resolve("school-contacts.db"), null, "--data-dir", data.toString());
    }

    @Test
    @Tag("external-db")
    void acknowledgedWritesSurviveKill9OnPostgres() throws Exception {
        run("postgresql", TestDatabases.PG_URL, TestDatabases.PG_USER, "--db-url", TestDatabases.PG_URL, "--db-user", TestDatabases.PG_USER);
    }

    private void run(String store, String jdbcUrl, String jdbcUser, String... storeArgs) throws Exception {
        long seed = Long.getLong("reliability.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String corp = "wwcrash" + String.format("%09d", Math.floorMod(seed, 1_000_000_000L));
        // two callback receivers on real sockets, subscribed from the seed, for the whole run (every restart)
        EventReceiver editorReceiver = EventReceiver.start("CrashTok1", KEY, corp);
        EventReceiver readerReceiver = EventReceiver.start("CrashTok2", KEY, corp);
        try {
            run(store, jdbcUrl, jdbcUser, seed, random, corp, Map.of("editor app", editorReceiver, "reader app", readerReceiver), storeArgs);
        } finally {
            editorReceiver.close();
            readerReceiver.close();
            // a shared database keeps no school of this run: its undelivered events would otherwise go on
            // being retried by the next test's servers and hold up that test's drain
            if (!jdbcUrl.startsWith("jdbc:sqlite")) TestDatabases.deleteCorp(jdbcUrl, jdbcUser, corp);
        }
    }

    private static String callback(EventReceiver r) {
        return "\"callback\":{\"url\":\"" + r.url() + "\",\"token\":\"" + r.token() + "\",\"encoding_aes_key\":\"" + KEY
                + "\",\"school_contact_events\":true}";
    }

    /** The writer an event belongs to, by its id: grade 10N and classes N000-N999, users kNs… and kNp…. */
    static Integer owner(String summary) {
        String[] parts = summary.split("[ >-]+");
        if (parts.length < 2) return null;
        String id = parts[1];
        int n;
        if (parts[0].endsWith("_department")) {
            int d = Integer.parseInt(id);
            n = d < 1000 ? d - 100 : d / 1000;
        } else {
            n = id.length() > 2 && id.charAt(0) == 'k' ? id.charAt(1) - '0' : -1;
        }
        return n >= 1 && n <= CLIENTS ? n : null;
    }

    private void run(String store, String jdbcUrl, String jdbcUser, long seed, Random random, String corp, Map<String, EventReceiver> receivers,
                     String... storeArgs) throws Exception {
        boolean embedded = jdbcUrl.startsWith("jdbc:sqlite");
        Path seedFile = dir.resolve("seed.json");
        EventReceiver editorReceiver = receivers.get("editor app");
        EventReceiver readerReceiver = receivers.get("reader app");
        Files.writeString(seedFile, "{\"corps\":[{\"corpid\":\"" + corp + "\",\"name\":\"Crash school\",\"apps\":[{\"agentid\":1000001,"
                + "\"name\":\"editor\",\"kind\":\"self_built\",\"school_contacts\":\"edit\",\"secret\":\"" + SECRET + "\","
                + callback(editorReceiver) + "},{\"agentid\":1000002,\"name\":\"reader\",\"kind\":\"self_built\",\"school_contacts\":\"read\","
                + "\"secret\":\"crash-read-secret-001\"," + callback(readerReceiver) + "}]}]}");
        int[] eventFigures = new int[3];
        lastDrainSeconds = 0;
        // the whole outbox is compared with what the receivers got: keep every finished delivery
        List<String> args = new ArrayList<>(List.of("--port", "0", "--seed", seedFile.toString(), "--delivery-log-size", "10000000"));
        args.addAll(List.of(storeArgs));
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<CrashClient> clients = new ArrayList<>();
        for (int i = 1; i <= CLIENTS; i++) clients.add(new CrashClient(i, random.nextLong(), failures::add));
        long t0 = System.nanoTime();
        int unanswered = 0;
        int appliedUnanswered = 0;
        for (int cycle = 0; cycle <= CYCLES; cycle++) {
            try (ServerProcess p = ServerProcess.start(Map.of(), args.toArray(String[]::new))) {
                String base = p.awaitReady();
                String token = SchoolContactsHandle.send("GET", base + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + SECRET, null)
                        .body().path("access_token").asText();
                if (cycle == 0) {
                    for (CrashClient c : clients) {
                        for (String[] w : c.setUp()) {
                            JsonNode r = SchoolContactsHandle.send("POST", base + w[0] + "?access_token=" + token, w[1]).body();
                            assertThat(r.path("errcode").asInt()).as(w[0] + " " + w[1] + " -> " + r).isZero();
                        }
                        c.setUpDone();
                    }
                } else {
                    // after a kill: every client's part of the school is its acknowledged world, or that world
                    // plus the one write the kill left unanswered, applied whole
                    JsonNode students = get(base, token, "/cgi-bin/school/user/list?department_id=1&fetch_child=1");
                    JsonNode depts = get(base, token, "/cgi-bin/school/department/list?id=1");
                    for (CrashClient c : clients) {
                        CrashWorld seen = CrashWorld.observed(students, depts, c.prefix, c.grade, c.firstClass, c.lastClass);
                        if (seen.equals(c.acknowledged)) {
                            if (c.pending != null) unanswered++;
                        } else if (c.pending != null && seen.equals(c.pending)) {
                            unanswered++;
                            appliedUnanswered++;
                            c.pendingApplied();
                        } else {
                            failures.add(store + " cycle " + cycle + ", client " + c.number + ": the school is neither the acknowledged state"
                                    + " nor that plus the unanswered write:\n" + c.acknowledged.diff(seen)
                                    + (c.pending == null ? "" : "(against the unanswered write's state:\n" + c.pending.diff(seen) + ")"));
                            c.acknowledged = seen;
                        }
                        c.pending = null;
                        c.pendingEvents = List.of();
                    }
                    failures.addAll(invariants(store, cycle, jdbcUrl, jdbcUser, corp));
                    // events: on the embedded store every cycle waits for the outbox to drain (the restarted process takes
                    // the dead one's streams at once); on a shared database the dead process's lease must run out first, so
                    // each cycle checks what arrived so far and the last one waits for everything
                    boolean drain = embedded || cycle == CYCLES && (Volume.LONG || Boolean.getBoolean("reliability.crash.drain"));
                    long drainStart = System.nanoTime();
                    if (drain && !drain(base, corp, receivers.values())) {
                        failures.add(store + " cycle " + cycle + ": the outbox did not drain (" + DRAIN_MS + " ms without a delivery)");
                    }
                    if (cycle == CYCLES) lastDrainSeconds = (System.nanoTime() - drainStart) / 1e9;
                    Map<Integer, List<String>> owed = new java.util.HashMap<>();
                    for (CrashClient c : clients) owed.put(c.number, List.copyOf(c.acknowledgedEvents));
                    // the outbox itself, every cycle: one delivery per owed event and receiver, in each writer's order,
                    // none for a refused change or a failed item (unless the log was trimmed: it keeps 10,000 finished)
                    for (String agent : List.of("1000001", "1000002")) {
                        List<String> rows = outbox(jdbcUrl, jdbcUser, "app:" + corp + ":" + agent);
                        if (rows == null) continue;
                        StreamCheck.Result result = StreamCheck.checkSummaries(store + " cycle " + cycle + ", outbox of " + agent, rows, owed,
                                CrashAtVolumeTest::owner, true);
                        failures.addAll(result.failures());
                        if (result.duplicates() > 0) failures.add(store + " cycle " + cycle + ": the outbox of " + agent + " holds a change twice");
                        if (rows.size() != result.expected()) failures.add(store + " cycle " + cycle + ": the outbox of " + agent + " holds "
                                + rows.size() + " deliveries for " + result.expected() + " owed events");
                    }
                    for (Map.Entry<String, EventReceiver> r : receivers.entrySet()) {
                        StreamCheck.Result result = StreamCheck.check(store + " cycle " + cycle + ", " + r.getKey(), r.getValue().events(), owed,
                                CrashAtVolumeTest::owner, drain);
                        failures.addAll(result.failures());
                        if (!r.getValue().refused().isEmpty()) failures.add(r.getKey() + " refused pushes: " + r.getValue().refused());
                        if (r.getValue() == editorReceiver) {
                            eventFigures[0] = result.expected();
                            eventFigures[1] = result.received();
                            eventFigures[2] = result.duplicates();
                        }
                    }
                    if (!failures.isEmpty()) break;
                    if (cycle == CYCLES) break;
                }
                // random writes until a random number of them is acknowledged, then kill -9 mid-stream
                CountDownLatch killAfter = new CountDownLatch(5 + random.nextInt(60));
                List<Thread> threads = new ArrayList<>();
                for (CrashClient c : clients) {
                    c.connect(base, token, killAfter::countDown);
                    Thread t = new Thread(c, "crash-client-" + c.number);
                    threads.add(t);
                    t.start();
                }
                boolean enough = killAfter.await(120, TimeUnit.SECONDS);
                p.kill9();
                for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(120));
                assertThat(enough).as("writes were acknowledged before the kill; failures: " + failures).isTrue();
                if (!failures.isEmpty()) break;
            }
        }
        double minutes = (System.nanoTime() - t0) / 6e10;
        int writes = clients.stream().mapToInt(c -> c.writes).sum();
        int refused = clients.stream().mapToInt(c -> c.refused).sum();
        String report = String.format("crash at volume, %s, %s run: %d cycles, %d clients, %d acknowledged writes (%d of them refused as a whole),"
                        + " %d writes left unanswered by a kill (%d of them applied whole, the rest not at all), events per receiver (2 receivers):"
                        + " %d owed, %d received, %d duplicates, the last drain %.0f s, %.1f minutes, seed %d, load average %.2f, failures: %d%n",
                store, Volume.describe(), CYCLES, CLIENTS, writes, refused, unanswered, appliedUnanswered, eventFigures[0], eventFigures[1],
                eventFigures[2], lastDrainSeconds, minutes, seed,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), failures.size());
        System.out.print(report);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("crash-" + store + "-" + Volume.describe() + ".txt"), report + String.join("\n", failures));
        assertThat(failures).as(report).isEmpty();
        assertThat(writes).isGreaterThan(CYCLES * 5);
    }

    /** Drain, in pieces shorter than the client's 60 s timeout, for as long as the receivers keep getting events. */
    private static boolean drain(String base, String corp, java.util.Collection<EventReceiver> receivers) {
        long cap = System.nanoTime() + DRAIN_CAP_MS * 1_000_000L;
        long quietSince = System.nanoTime();
        int received = -1;
        while (System.nanoTime() < cap) {
            // this school's streams only (a shared database may hold another run's)
            if (SchoolContactsHandle.send("POST", base + "/__admin/events/drain",
                    "{\"timeout_ms\":30000,\"receiver\":\"app:" + corp + ":\"}").status() == 200) return true;
            int now = receivers.stream().mapToInt(r -> r.events().size()).sum();
            if (now != received) {
                received = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > DRAIN_MS * 1_000_000L) {
                return false;
            }
        }
        return false;
    }

    /** The stream's deliveries as event summaries in stream order, or null when the log has been trimmed. */
    private static List<String> outbox(String url, String user, String stream) throws Exception {
        try (Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, null)) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM event_deliveries")) {
                rs.next();
                if (rs.getLong(1) > 9_000) return null;
            }
            List<String> rows = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT change_type, target_id, new_id FROM event_deliveries WHERE stream_key = ? ORDER BY stream_seq")) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(rs.getString(1) + " " + rs.getString(2) + (rs.getString(3) == null ? "" : "->" + rs.getString(3)));
                }
            }
            return rows;
        }
    }

    private static JsonNode get(String base, String token, String path) {
        JsonNode r = SchoolContactsHandle.send("GET", base + path + "&access_token=" + token, null).body();
        assertThat(r.path("errcode").asInt()).as(path + " -> " + r).isZero();
        return r;
    }

    /** Invariants read from the store itself. */
    static List<String> invariants(String store, int cycle, String url, String user, String corp) throws Exception {
        List<String> broken = new ArrayList<>();
        String[][] checks = {
                {"a class counter differs from its memberships", "SELECT COUNT(*) FROM departments d WHERE d.corp_id = ? AND d.student_count <> "
                        + "(SELECT COUNT(*) FROM student_classes sc WHERE sc.corp_id = d.corp_id AND sc.dept_id = d.dept_id)"},
                {"a userid whose key is not its lower case", "SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_key <> LOWER(userid)"},
                {"a student or parent renamed more than once", "SELECT COUNT(*) FROM users WHERE corp_id = ? AND renamed > 1"},
                {"a parent link whose student is not a student", "SELECT COUNT(*) FROM parent_children pc LEFT JOIN users u ON u.corp_id = pc.corp_id"
                        + " AND u.user_key = pc.student_key WHERE pc.corp_id = ? AND (u.user_type IS NULL OR u.user_type <> 1)"},
                {"a parent link whose parent is not a parent", "SELECT COUNT(*) FROM parent_children pc LEFT JOIN users u ON u.corp_id = pc.corp_id"
                        + " AND u.user_key = pc.parent_key WHERE pc.corp_id = ? AND (u.user_type IS NULL OR u.user_type <> 2)"},
                {"a membership of a missing student or of a department that is not a class", "SELECT COUNT(*) FROM student_classes sc"
                        + " LEFT JOIN users u ON u.corp_id = sc.corp_id AND u.user_key = sc.student_key LEFT JOIN departments d ON d.corp_id = sc.corp_id"
                        + " AND d.dept_id = sc.dept_id WHERE sc.corp_id = ? AND (u.user_type IS NULL OR u.user_type <> 1 OR d.type IS NULL OR d.type <> 1)"},
                {"a parent without children", "SELECT COUNT(*) FROM users u WHERE u.corp_id = ? AND u.user_type = 2 AND NOT EXISTS"
                        + " (SELECT 1 FROM parent_children pc WHERE pc.corp_id = u.corp_id AND pc.parent_key = u.user_key)"},
                {"the parent counter (the cap's, 65018) differs from the parents", "SELECT COUNT(*) FROM corps c WHERE c.corp_id = ? AND c.parent_count <> "
                        + "(SELECT COUNT(*) FROM users u WHERE u.corp_id = c.corp_id AND u.user_type = 2)"},
                {"a department whose parent is missing", "SELECT COUNT(*) FROM departments d WHERE d.corp_id = ? AND d.dept_id <> 1 AND NOT EXISTS"
                        + " (SELECT 1 FROM departments p WHERE p.corp_id = d.corp_id AND p.dept_id = d.parent_id)"}};
        try (Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, null)) {
            for (String[] check : checks) {
                try (var ps = c.prepareStatement(check[1])) {
                    ps.setString(1, corp);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) != 0) broken.add(store + " cycle " + cycle + ": " + check[0] + " (" + rs.getLong(1) + " rows)");
                    }
                }
            }
        }
        return broken;
    }

}
