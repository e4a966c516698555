package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.parents.SchoolData.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.ParentOfStudent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/**
 * Students renamed and moved between classes (as the students feature does it, in SQL inside the
 * school's write transaction) while parents are created and updated against them and a reader lists
 * the grade. Afterwards no link dangles and get agrees with list; during the run every list is one
 * consistent picture.
 */
abstract class ParentConcurrencyContract extends StoreContract {
    static final int STUDENTS = 12;
    static final int ROUNDS = 12;

    @Test
    void renamesAndMovesOfStudentsNeverLeaveParentLinksDanglingOrReadsInconsistent() throws Exception {
        SchoolData.gradeWithClasses(db, corpId, 10, 11, 12);
        Map<Integer, String> names = new ConcurrentHashMap<>();
        for (int i = 0; i < STUDENTS; i++) {
            names.put(i, "s" + i);
            SchoolData.student(db, corpId, "s" + i, 11 + i % 2);
        }
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> badReads = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int half = t;
            work.add(pool.submit(() -> renameAndMove(start, names, half)));
        }
        for (int t = 0; t < 2; t++) {
            int writer = t;
            work.add(pool.submit(() -> writeParents(start, names, writer, created, refused)));
        }
        work.add(pool.submit(() -> listRepeatedly(start, badReads)));
        start.countDown();
        for (Future<?> f : work) f.get(120, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(badReads).isEmpty();
        assertThat(SchoolData.count(db, "SELECT COUNT(*) FROM parent_children pc LEFT JOIN users s"
                + " ON s.corp_id = pc.corp_id AND s.user_key = pc.student_key AND s.user_type = 1"
                + " WHERE pc.corp_id = ? AND s.user_key IS NULL", corpId)).isZero();
        assertThat(SchoolData.count(db, "SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_type = 2", corpId))
                .isEqualTo(created.size());
        assertThat(created.size() + refused.get()).isEqualTo(2 * ROUNDS);

        List<Student> listed = services.reads().list(corpId, "10", "1", true);
        assertThat(listed).extracting(Student::studentUserid).containsExactlyInAnyOrderElementsOf(names.values());
        long links = 0;
        for (Student s : listed) {
            assertThat(services.reads().get(corpId, s.studentUserid(), true)).isEqualTo(s);
            links += s.parents().size();
            for (ParentOfStudent p : s.parents()) {
                Parent parent = (Parent) services.reads().get(corpId, p.parentUserid(), true);
                assertThat(parent.children()).extracting(Child::studentUserid, Child::relation)
                        .contains(org.assertj.core.groups.Tuple.tuple(s.studentUserid(), p.relation()));
            }
        }
        assertThat(links).isEqualTo(SchoolData.count(db, "SELECT COUNT(*) FROM parent_children WHERE corp_id = ?", corpId));
    }

    @Test
    void parentsRacingForTheLastSeatsUnderTheCapOnTwoPoolsNeverPassIt() throws Exception {
        SchoolData.gradeWithClasses(db, corpId, 10, 11);
        SchoolData.student(db, corpId, "kid", 11);
        int seatsLeft = 3;
        int writers = 8;
        // an unverified school (cap 2,000) with three seats left
        db.writeServer(tx -> tx.update("UPDATE corps SET verified = 0, parent_count = ? WHERE corp_id = ?",
                Limits.PARENT_CAP_UNVERIFIED - seatsLeft, corpId));
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            List<Parents> servers = List.of(services.parents(), new Parents(second, clock));
            ConcurrentLinkedQueue<Integer> codes = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    start.await();
                    codes.add(errcodeOf(() -> servers.get(writer % 2).create(corpId, json("{'parent_userid':'cap" + writer
                            + "','mobile':'" + (500 + writer) + "','children':[{'student_userid':'kid','relation':'r'}]}"))));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) f.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(codes).hasSize(writers).allMatch(c -> c == 0 || c == 65018);
            assertThat(codes.stream().filter(c -> c == 0).count()).isEqualTo(seatsLeft);
        }
        assertThat(SchoolData.count(db, "SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_type = 2", corpId)).isEqualTo(seatsLeft);
        assertThat(SchoolData.count(db, "SELECT parent_count FROM corps WHERE corp_id = ?", corpId)).isEqualTo(Limits.PARENT_CAP_UNVERIFIED);
    }

    @Test
    void theCapsConditionalIncrementAloneRefusesASeatPastTheCap() {
        db.writeServer(tx -> tx.update("UPDATE corps SET parent_count = ? WHERE corp_id = ?", Limits.PARENT_CAP_VERIFIED, corpId));
        assertThat(db.write(corpId, ParentStore::takeParentSeat)).isFalse();
        db.writeServer(tx -> tx.update("UPDATE corps SET parent_count = ? WHERE corp_id = ?", Limits.PARENT_CAP_VERIFIED - 1, corpId));
        assertThat(db.write(corpId, ParentStore::takeParentSeat)).isTrue();
        assertThat(db.write(corpId, ParentStore::takeParentSeat)).isFalse();
    }

    /** Renames this thread's half of the students and moves each to the other class, one write each. */
    private Void renameAndMove(CountDownLatch start, Map<Integer, String> names, int half) throws Exception {
        start.await();
        for (int round = 0; round < ROUNDS; round++) {
            int i = 2 * (round % (STUDENTS / 2)) + half;
            String from = names.get(i);
            String to = "s" + i + "-v" + round;
            db.write(corpId, tx -> {
                SchoolData.renameStudent(tx, from, to);
                return tx.update("UPDATE student_classes SET dept_id = CASE WHEN dept_id = 11 THEN 12 ELSE 11 END"
                        + " WHERE corp_id = ? AND student_key = ?", corpId, to.toLowerCase());
            });
            names.put(i, to);
        }
        return null;
    }

    /** Creates parents of whatever the students are called now, and re-points earlier ones. */
    private Void writeParents(CountDownLatch start, Map<Integer, String> names, int writer,
                              ConcurrentLinkedQueue<String> created, AtomicInteger refused) throws Exception {
        start.await();
        Random random = new Random(writer);
        for (int round = 0; round < ROUNDS; round++) {
            String id = "w" + writer + "p" + round;
            String a = names.get(random.nextInt(STUDENTS));
            String b = names.get(random.nextInt(STUDENTS));
            try {
                services.parents().create(corpId, json("{'parent_userid':'" + id + "','mobile':'" + (1000 * (writer + 1) + round)
                        + "','children':[{'student_userid':'" + a + "','relation':'r" + round + "'},{'student_userid':'" + b + "','relation':'q'}]}"));
                created.add(id);
            } catch (WeComException e) {
                // a name read just before its student was renamed: the only refusal this race allows
                assertThat(e.errcode()).isEqualTo(60111);
                refused.incrementAndGet();
            }
            if (!created.isEmpty()) {
                String earlier = created.peek();
                services.parents().batchUpdate(corpId, json("{'parents':[{'parent_userid':'" + earlier
                        + "','children':[{'student_userid':'" + names.get(random.nextInt(STUDENTS)) + "','relation':'u'}]}]}"))
                        .forEach(f -> assertThat(f.error().errcode()).isEqualTo(60111));
            }
        }
        return null;
    }

    /** Every list is one picture: each student once, in exactly one class of the grade. */
    private Void listRepeatedly(CountDownLatch start, ConcurrentLinkedQueue<String> badReads) throws Exception {
        start.await();
        for (int round = 0; round < 2 * ROUNDS; round++) {
            List<Student> students = services.reads().list(corpId, "10", "1", true);
            if (students.size() != STUDENTS) badReads.add("list of " + students.size() + " students");
            for (Student s : students) {
                if (s.department().size() != 1) badReads.add(s.studentUserid() + " in classes " + s.department());
            }
        }
        return null;
    }
}
