package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;

/**
 * Eight writers racing random batches at one school, then the invariants the database must keep
 * whatever the interleaving: ids unique case-insensitively, no student renamed twice, every class's
 * count equal to its memberships and within the cap, and every acknowledged change visible.
 */
abstract class StudentConcurrencyContract extends StoreContract {
    static final int WRITERS = 8;
    static final int ROUNDS = 8;
    static final int OWN_STUDENTS = 4;
    /** Seats left in the nearly full class: fewer than the writers want, so the cap is contended. */
    static final int SEATS_LEFT = 5;

    SchoolRows rows;

    @BeforeEach
    void school() {
        rows = new SchoolRows(db, corpId).gradeWithClasses(10, 11, 12, 13, 14)
                .setStudentCount(ConcurrentWriter.NEARLY_FULL, Limits.CLASS_CAPACITY - SEATS_LEFT);
    }

    @Test
    void racingWritersKeepEveryInvariant() throws Exception {
        race(List.of(services.students()));
    }

    @Test
    void writersOnTwoConnectionPoolsKeepEveryInvariant() throws Exception {
        // a second Database over the same store stands for a second server process
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            race(List.of(services.students(), new Students(second, clock)));
        }
    }

    @Test
    void studentsRacingForOneMobileOnTwoPoolsLeaveItWithExactlyOneStudent() throws Exception {
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            List<Students> servers = List.of(services.students(), new Students(second, clock));
            ConcurrentLinkedQueue<Integer> codes = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    codes.add(errcodeOf(() -> servers.get(writer % 2).create(corpId,
                            new NewStudent("m" + writer, "n", "13700000000", List.of(11L)))));
                });
                threads.add(t);
                t.start();
            }
            start.countDown();
            for (Thread t : threads) t.join();
            assertThat(codes).hasSize(WRITERS);
            assertThat(codes.stream().filter(c -> c == 0).count()).as("creates acknowledged").isEqualTo(1);
            assertThat(codes).allMatch(c -> c == 0 || c == 60149);
            long holders = db.read(tx -> tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ? AND mobile = ?", corpId, "13700000000"));
            assertThat(holders).isEqualTo(1);
            assertThat(rows.studentCount(11)).isEqualTo(rows.memberships(11)).isEqualTo(1);
        }
    }

    private void race(List<Students> servers) throws Exception {
        long seed = System.nanoTime();
        List<ConcurrentWriter> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            ConcurrentWriter writer = new ConcurrentWriter(w, servers.get(w % servers.size()), corpId, ROUNDS, seed + w);
            List<NewStudent> initial = writer.initialStudents(OWN_STUDENTS);
            writer.acknowledgeCreated(initial, services.students().batchCreate(corpId, initial));
            writers.add(writer);
        }
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (ConcurrentWriter writer : writers) {
            Thread t = new Thread(() -> {
                try {
                    writer.run();
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        assertThat(errors).as("writer failures (seed %d)", seed).isEmpty();
        assertInvariants(writers, seed);
    }

    private void assertInvariants(List<ConcurrentWriter> writers, long seed) {
        List<String[]> users = db.read(tx -> tx.query("SELECT user_key, userid FROM users WHERE corp_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, corpId));
        for (String[] u : users) assertThat(u[0]).as("key of %s", u[1]).isEqualTo(Limits.userKey(u[1]));
        assertThat(users.stream().map(u -> Limits.userKey(u[1])).distinct().count()).isEqualTo(users.size());

        // Each writer asserted that no second rename of a student was acknowledged; the flags must agree.
        // (A shared id may pass from one student to another when its holder is deleted.)
        long renamedRows = db.read(tx -> tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ? AND renamed = 1", corpId));
        long renamedExpected = writers.stream().flatMap(w -> w.alive.values().stream()).filter(e -> e.renamed).count();
        assertThat(renamedRows).as("renamed flags (seed %d)", seed).isEqualTo(renamedExpected);
        assertThat(writers.stream().mapToInt(w -> w.acknowledgedRenames.size()).sum()).as("renames happened at all").isPositive();

        for (long c : ConcurrentWriter.CLASSES) {
            long offset = c == ConcurrentWriter.NEARLY_FULL ? Limits.CLASS_CAPACITY - SEATS_LEFT : 0;
            assertThat(rows.studentCount(c)).as("count of class %d (seed %d)", c, seed).isEqualTo(rows.memberships(c) + offset);
            assertThat(rows.studentCount(c)).isLessThanOrEqualTo(Limits.CLASS_CAPACITY);
        }

        Map<String, ConcurrentWriter.Expected> expected = writers.stream().flatMap(w -> w.alive.values().stream())
                .collect(Collectors.toMap(e -> e.userid, e -> e));
        assertThat(users).hasSize(expected.size());
        for (ConcurrentWriter.Expected e : expected.values()) {
            SchoolRows.StoredStudent s = rows.student(e.userid).orElseThrow(() -> new AssertionError("lost " + e.userid + " (seed " + seed + ")"));
            assertThat(s.userid()).isEqualTo(e.userid);
            assertThat(s.name()).isEqualTo(e.name);
            assertThat(s.classes()).as("classes of %s (seed %d)", e.userid, seed).isEqualTo(e.classes);
            assertThat(s.renamed()).isEqualTo(e.renamed);
        }
    }
}
