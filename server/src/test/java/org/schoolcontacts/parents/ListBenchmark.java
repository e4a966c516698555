package org.schoolcontacts.parents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.schoolcontacts.Services;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;

/**
 * How long school/user/list takes for a full class (30,000 students, spec 5.3), on the embedded store
 * and on PostgreSQL. Not a test (its name keeps it out of {@code verify}); run it by hand with the
 * classpath bench/run builds ({@code bench/run} itself looks in package {@code bench} only):
 * <pre>
 *   ./mvnw -q -pl server -DskipTests test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 *   java -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
 *       org.schoolcontacts.parents.ListBenchmark [students=30000] [runs=7] [sqlite,postgresql[,mariadb]]
 * </pre>
 * Each student has one parent, so the answer carries 30,000 parent entries too. Prints the median of
 * the runs after two warm-up runs, and each store's ratio to the first; it asserts nothing.
 */
public final class ListBenchmark {
    private static final long GRADE = 10;
    private static final long CLASS = 11;

    private ListBenchmark() {}

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : Limits.CLASS_CAPACITY;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Dialect> dialects = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(s -> Dialect.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList()
                : List.of(Dialect.SQLITE, Dialect.POSTGRESQL);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "school/user/list of one class: %d students, each with one parent; median of %d runs%n", students, runs);
        Double first = null;
        for (Dialect dialect : dialects) {
            double[] medians = measure(dialect, students, runs);
            if (first == null) first = medians[0];
            System.out.printf(Locale.ROOT, "%-10s list %8.1f ms (x%.2f)   list fetch_child=1 on the grade %8.1f ms   list_parent %8.1f ms%n",
                    dialect.name().toLowerCase(Locale.ROOT), medians[0], medians[0] / first, medians[1], medians[2]);
        }
    }

    private static double[] measure(Dialect dialect, int students, int runs) throws Exception {
        Path dir = Files.createTempDirectory("list-benchmark-");
        ServerClock clock = ServerClock.system();
        try (Database db = Database.open(StoreContract.storeFor(dialect, dir))) {
            Services services = Services.over(db, clock);
            String corpId = "wwbench" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            db.writeServer(tx -> CorpStore.createIfAbsent(tx, new CorpSpec(corpId, "Benchmark school", false, List.of()), clock.millis()));
            try {
                fill(db, corpId, students);
                SchoolReads reads = services.reads();
                String classId = String.valueOf(CLASS);
                String gradeId = String.valueOf(GRADE);
                int expected = reads.list(corpId, classId, "0", true).size();
                if (expected != students) throw new IllegalStateException("listed " + expected + " of " + students);
                return new double[] {
                    median(runs, () -> reads.list(corpId, classId, "0", true)),
                    median(runs, () -> reads.list(corpId, gradeId, "1", true)),
                    median(runs, () -> reads.listParents(corpId, classId, true))};
            } finally {
                erase(db, corpId);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A grade, a class and the students with one parent each, in bulk: JDBC batches in one transaction. */
    private static void fill(Database db, String corpId, int students) {
        db.write(corpId, tx -> {
            SchoolData.department(tx, GRADE, Limits.ROOT_DEPARTMENT_ID, 2);
            SchoolData.department(tx, CLASS, GRADE, 1);
            var c = tx.connection();
            try (PreparedStatement user = c.prepareStatement("INSERT INTO users (corp_id, user_key, userid, user_type, name, parent_mobile, created_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement member = c.prepareStatement("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, 0)");
                 PreparedStatement link = c.prepareStatement("INSERT INTO parent_children (corp_id, parent_key, student_key, relation, position)"
                         + " VALUES (?, ?, ?, ?, 0)")) {
                for (int i = 0; i < students; i++) {
                    String s = "student" + i;
                    String p = "parent" + i;
                    addUser(user, corpId, s, 1, "学生" + i, null, tx.nextSeq());
                    addUser(user, corpId, p, 2, null, String.valueOf(13_000_000_000L + i), tx.nextSeq());
                    member.setString(1, corpId);
                    member.setString(2, s);
                    member.setLong(3, CLASS);
                    member.addBatch();
                    link.setString(1, corpId);
                    link.setString(2, p);
                    link.setString(3, s);
                    link.setString(4, "妈妈");
                    link.addBatch();
                    if (i % 1000 == 999 || i == students - 1) {
                        user.executeBatch();
                        member.executeBatch();
                        link.executeBatch();
                    }
                }
            }
            tx.update("UPDATE departments SET student_count = ? WHERE corp_id = ? AND dept_id = ?", students, corpId, CLASS);
            return null;
        });
    }

    private static void addUser(PreparedStatement ps, String corpId, String userid, int type, String name, String mobile, long seq)
            throws java.sql.SQLException {
        ps.setString(1, corpId);
        ps.setString(2, userid);
        ps.setString(3, userid);
        ps.setInt(4, type);
        ps.setString(5, name);
        ps.setString(6, mobile);
        ps.setLong(7, seq);
        ps.addBatch();
    }

    /** External databases are shared: the benchmark's school goes again, children before parents. */
    private static void erase(Database db, String corpId) {
        db.writeServer(tx -> {
            for (String table : List.of("parent_children", "student_classes", "users", "department_admins", "departments", "tokens", "apps", "corps")) {
                tx.update("DELETE FROM " + table + " WHERE corp_id = ?", corpId);
            }
            return null;
        });
    }

    private static double median(int runs, Supplier<?> call) {
        for (int i = 0; i < 2; i++) call.get();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            call.get();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        ms.sort(Double::compare);
        return runs % 2 == 1 ? ms.get(runs / 2) : (ms.get(runs / 2 - 1) + ms.get(runs / 2)) / 2;
    }
}
