package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.wecom.Limits;

/**
 * Two server processes on one PostgreSQL database, four clients each, renaming students onto a small
 * pool of new ids and moving them into a class with 20 seats left. Whatever interleaving happens, the
 * database must end with: each acknowledged rename present exactly once, no student renamed twice,
 * and the class never over 30,000.
 */
@org.junit.jupiter.api.Tag("external-db")
class TwoProcessesSharingPostgresTest {
    private static final String PG = TestDatabases.PG_URL;
    private static final int STUDENTS = 50;
    private static final int SEATS_LEFT = 20;

    @TempDir
    Path dir;

    @Test
    void renamesAndTheClassCapHoldAcrossTwoServerProcesses() throws Exception {
        String corp = "wwtwo" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        StringBuilder students = new StringBuilder();
        for (int i = 0; i < STUDENTS; i++) {
            students.append(i == 0 ? "" : ",").append("{\"student_userid\":\"s").append(i).append("\",\"name\":\"S").append(i)
                    .append("\",\"department\":[11]}");
        }
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"corps\":[{\"corpid\":\"" + corp + "\",\"name\":\"Two\",\"apps\":[{\"agentid\":1,\"kind\":\"self_built\","
                + "\"school_contacts\":\"edit\",\"secret\":\"" + corp + "-edit\"}],\"departments\":["
                + "{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2},{\"id\":11,\"parentid\":10,\"name\":\"A\",\"type\":1},"
                + "{\"id\":12,\"parentid\":10,\"name\":\"B\",\"type\":1}],\"students\":[" + students + "]}]}");
        String[] args = {"--port", "0", "--db-url", PG, "--db-user", "postgres", "--seed", seed.toString()};
        Set<String> acknowledgedRenames = ConcurrentHashMap.newKeySet();
        AtomicInteger capRefusals = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        try (ServerProcess a = ServerProcess.start(Map.of(), args); ServerProcess b = ServerProcess.start(Map.of(), args)) {
            String[] bases = {a.awaitReady(), b.awaitReady()};
            // pretend the class already holds all but 20 students
            try (Connection c = DriverManager.getConnection(PG, "postgres", null)) {
                c.createStatement().executeUpdate("UPDATE departments SET student_count = " + (Limits.CLASS_CAPACITY - SEATS_LEFT)
                        + " WHERE corp_id = '" + corp + "' AND dept_id = 12");
            }
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String base = bases[t % 2];
                long seedValue = t;
                clients.add(new Thread(() -> {
                    Random random = new Random(seedValue);
                    String token = SchoolContactsHandle.send("GET", base + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + corp + "-edit", null)
                            .body().get("access_token").asText();
                    for (int round = 0; round < 15; round++) {
                        StringBuilder batch = new StringBuilder("{\"students\":[");
                        List<String[]> items = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            String from = "s" + random.nextInt(STUDENTS);
                            String to = "n" + random.nextInt(30);
                            items.add(new String[] {from, to});
                            batch.append(i == 0 ? "" : ",").append("{\"student_userid\":\"").append(from)
                                    .append("\",\"new_student_userid\":\"").append(to).append("\",\"department\":[12]}");
                        }
                        JsonNode r = SchoolContactsHandle.send("POST", base + "/cgi-bin/school/user/batch_update_student?access_token=" + token,
                                batch.append("]}").toString()).body();
                        calls.incrementAndGet();
                        Set<String> failed = new HashSet<>();
                        for (JsonNode f : r.get("result_list")) {
                            // a repeated student fails as a duplicate, listed under the same id; the
                            // first occurrence's own failure is any other refusal
                            if (!f.get("errmsg").asText().startsWith("duplicate userid")) failed.add(f.get("student_userid").asText());
                            assertThat(f.get("errcode").asInt()).isIn(60111, 60102, 81001, 40058, 301036);
                            if (f.get("errcode").asInt() == 81001) capRefusals.incrementAndGet();
                        }
                        Set<String> seen = new HashSet<>();
                        for (String[] item : items) {
                            if (seen.add(item[0]) && !failed.contains(item[0])) acknowledgedRenames.add(item[1]);
                        }
                    }
                }));
            }
            clients.forEach(Thread::start);
            for (Thread t : clients) t.join();
        }
        assertThat(calls.get()).isEqualTo(8 * 15);
        assertThat(capRefusals.get()).as("the cap was reached").isPositive();
        try (Connection c = DriverManager.getConnection(PG, "postgres", null)) {
            Set<String> renamed = new HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT userid FROM users WHERE corp_id = '" + corp + "' AND renamed = 1")) {
                while (rs.next()) renamed.add(rs.getString(1));
            }
            // every acknowledged rename is there, and nothing else was renamed
            assertThat(renamed).isEqualTo(acknowledgedRenames);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT d.dept_id, d.student_count, "
                    + "(SELECT COUNT(*) FROM student_classes m WHERE m.corp_id = d.corp_id AND m.dept_id = d.dept_id) "
                    + "FROM departments d WHERE d.corp_id = '" + corp + "' AND d.type = 1 ORDER BY d.dept_id")) {
                rs.next();
                assertThat(rs.getLong(2)).as("class 11 counter").isEqualTo(rs.getLong(3));
                rs.next();
                assertThat(rs.getLong(2)).as("class 12 never over the cap").isLessThanOrEqualTo(Limits.CLASS_CAPACITY);
                assertThat(rs.getLong(2) - (Limits.CLASS_CAPACITY - SEATS_LEFT)).as("class 12 counter").isEqualTo(rs.getLong(3));
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM users WHERE corp_id = '" + corp + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(STUDENTS);
            }
            for (String table : List.of("parent_children", "student_classes", "users", "department_admins", "departments",
                    "tokens", "apps", "corps")) {
                c.createStatement().executeUpdate("DELETE FROM " + table + " WHERE corp_id = '" + corp + "'");
            }
        }
    }
}
