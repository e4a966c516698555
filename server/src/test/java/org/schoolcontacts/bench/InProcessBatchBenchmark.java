package org.schoolcontacts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.students.NewStudent;
import org.schoolcontacts.students.StudentChange;
import org.schoolcontacts.students.Students;

/**
 * batch_update_student of 100 (98 renamed and moved to the other class, 2 unknown) as the domain call
 * on the embedded store, without HTTP, against the JDBC floor's transaction ({@link JdbcFloor}'s
 * update) on the same file, the two taking turns call by call. Prints both medians: what the write
 * lock costs beyond the floor, apart from HTTP and JSON (issue 15). Not a test: it asserts nothing.
 * Run with {@code bench/run InProcessBatchBenchmark [rounds]}.
 */
public final class InProcessBatchBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path dir = Files.createTempDirectory("probe-");
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir))) {
            String corp = "wwschool00000001";
            server.services().departments().create(corp, new ObjectMapper().readTree("{\"id\":12,\"parentid\":10,\"name\":\"Class 2\",\"type\":1}"));
            Students students = server.services().students();
            for (int g = 0; g < 16; g++) {
                List<NewStudent> c = new ArrayList<>();
                for (int i = 0; i < 100; i++) c.add(new NewStudent("bu0_" + g + "_" + i, "s" + i, null, List.of(11L)));
                if (!students.batchCreate(corp, c).isEmpty()) throw new IllegalStateException("create failed");
            }
            String url = "jdbc:sqlite:" + dir.resolve("school-contacts.db").toAbsolutePath()
                    + "?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=60000";
            List<Long> ours = new ArrayList<>();
            List<Long> floor = new ArrayList<>();
            int[] k = {0, 0};
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                for (int r = 0; r < rounds; r++) {
                    int kk = k[0]++;
                    int g = kk % 8;
                    long to = (kk / 8) % 2 == 0 ? 12 : 11;
                    List<StudentChange> items = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        if (i == 33 || i == 66) items.add(new StudentChange("nobody" + i, null, "x", null, List.of()));
                        else items.add(new StudentChange("bu0_" + g + "_" + i, null, "n" + kk + "_" + i, null, List.of(to)));
                    }
                    long t0 = System.nanoTime();
                    if (students.batchUpdate(corp, items).size() != 2) throw new IllegalStateException("update failed");
                    ours.add(System.nanoTime() - t0);
                    t0 = System.nanoTime();
                    floor(c, corp, k[1]++);
                    floor.add(System.nanoTime() - t0);
                }
            }
            double o = median(ours), f = median(floor);
            System.out.printf(Locale.ROOT, "batch_update_student of 100 in process: ours %.3f ms, JDBC floor %.3f ms, ours / floor %.2f (medians of the last %d)%n",
                    o, f, o / f, rounds - rounds / 5);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The floor's update, on groups 8-15 (ours moves 0-7); the server's writer holds no lock between its calls. */
    private static void floor(Connection c, String corp, int k) throws Exception {
        JdbcFloor.renameAndMove(c, corp, "bu0_" + (8 + k % 8) + "_", k, (k / 8) % 2 == 0 ? 12 : 11);
        c.commit();
    }

    private static double median(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos.subList(nanos.size() / 5, nanos.size()));
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }
}
