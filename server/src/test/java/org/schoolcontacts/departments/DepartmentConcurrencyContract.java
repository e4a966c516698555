package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/**
 * Several writers of one school at once, half of them through a second connection pool over the same
 * store (a second server process): creating, moving, renumbering and deleting departments while
 * students are added to and removed from classes in plain SQL, as the students feature does. Whatever
 * the interleaving, the tree must stay whole and no student may be left in a department that is gone.
 */
abstract class DepartmentConcurrencyContract extends StoreContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 4;
    private static final int OPS_PER_THREAD = 40;
    /** Small id ranges, so that writers collide on the same departments all the time. */
    private static final int FIRST_ID = 100;
    private static final int GRADES = 4;
    private static final int CLASSES = 8;
    private static final int KINDS = 7;
    /** The refusals a writer may meet when others change the tree under it. */
    private static final Set<Integer> EXPECTED_REFUSALS = Set.of(40058, 60003, 60004, 60005, 60006, 60008, 60010);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void concurrentWritersLeaveNoStudentInADeletedClassAndNoBrokenTree() throws Exception {
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray succeeded = new AtomicIntegerArray(KINDS);
        Queue<String> students = new ConcurrentLinkedQueue<>();
        race((thread, store) -> {
            Departments departments = new Departments(store, clock);
            Random random = new Random(31L * thread + 7);
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                try {
                    int kind = step(random, store, departments, "t" + thread + "s" + i, students);
                    if (kind >= 0) succeeded.incrementAndGet(kind);
                } catch (WeComException e) {
                    if (!EXPECTED_REFUSALS.contains(e.errcode())) unexpected.add(e.errcode() + " " + e.errmsg());
                } catch (RuntimeException e) {
                    unexpected.add(e.toString());
                }
            }
        });

        assertThat(unexpected).isEmpty();
        // the run exercised what it claims to: every kind of operation succeeded at least once
        for (int kind = 0; kind < KINDS; kind++) assertThat(succeeded.get(kind)).as("successes of kind %s", kind).isPositive();
        assertTreeIsWhole();
    }

    /**
     * One random operation; the kind of operation that succeeded, or -1. Grades take ids 100-103 and
     * classes 104-111, so that most operations are plausible and many succeed, yet collide.
     */
    private int step(Random random, Database store, Departments departments, String userid, Queue<String> students) {
        long grade = FIRST_ID + random.nextInt(GRADES);
        long otherGrade = FIRST_ID + random.nextInt(GRADES);
        long klass = FIRST_ID + GRADES + random.nextInt(CLASSES);
        long otherClass = FIRST_ID + GRADES + random.nextInt(CLASSES);
        int kind = random.nextInt(KINDS);
        switch (kind) {
            case 0 -> departments.create(corpId, json("{'id':" + grade + ",'parentid':1,'type':2,'name':'G" + grade + "'}"));
            case 1 -> departments.create(corpId, json("{'id':" + klass + ",'parentid':" + grade + ",'type':1,'name':'C" + klass + "'}"));
            // a grade under another grade is allowed, and may make a loop
            case 2 -> departments.update(corpId, json("{'id':" + (random.nextBoolean() ? klass : grade) + ",'parentid':" + otherGrade + "}"));
            case 3 -> departments.update(corpId, json("{'id':" + klass + ",'new_id':" + otherClass + "}"));
            case 4 -> departments.delete(corpId, random.nextBoolean() ? klass : grade);
            case 5 -> {
                if (!addStudent(store, userid, klass)) return -1;
                students.add(userid);
            }
            default -> {
                String student = students.poll();
                if (student == null) return -1;
                removeStudent(store, student);
            }
        }
        return kind;
    }

    /** Adds a student to a class in SQL inside the corp's write transaction, if the class exists. */
    private boolean addStudent(Database store, String userid, long classId) {
        return store.write(corpId, tx -> {
            if (tx.count("SELECT COUNT(*) FROM departments WHERE corp_id = ? AND dept_id = ? AND type = 1", corpId, classId) == 0) {
                return false;
            }
            String key = Limits.userKey(userid);
            tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, name, created_seq) VALUES (?, ?, ?, 1, ?, ?)",
                    corpId, key, userid, "Student " + userid, tx.nextSeq());
            tx.update("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, 0)", corpId, key, classId);
            tx.update("UPDATE departments SET student_count = student_count + 1 WHERE corp_id = ? AND dept_id = ? AND student_count < ?",
                    corpId, classId, Limits.CLASS_CAPACITY);
            return true;
        });
    }

    private void removeStudent(Database store, String userid) {
        store.write(corpId, tx -> {
            String key = Limits.userKey(userid);
            tx.update("UPDATE departments SET student_count = student_count - 1 WHERE corp_id = ? AND dept_id IN "
                    + "(SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ?)", corpId, corpId, key);
            tx.update("DELETE FROM users WHERE corp_id = ? AND user_key = ?", corpId, key);
            return null;
        });
    }

    private void assertTreeIsWhole() {
        record Row(long id, long parent, int type, long students) {}
        List<Row> rows = db.read(tx -> tx.query(
                "SELECT dept_id, parent_id, type, student_count FROM departments WHERE corp_id = ?",
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)), corpId));
        Map<Long, Row> byId = new ConcurrentHashMap<>();
        for (Row r : rows) assertThat(byId.put(r.id(), r)).as("duplicate id %s", r.id()).isNull();
        for (Row r : rows) {
            if (r.id() == Limits.ROOT_DEPARTMENT_ID) continue;
            Row parent = byId.get(r.parent());
            assertThat(parent).as("parent of %s exists", r.id()).isNotNull();
            assertThat(parent.type()).as("parent of %s is not a class", r.id()).isNotEqualTo(1);
            if (r.type() == 1) assertThat(parent.type()).as("parent of class %s is a grade", r.id()).isEqualTo(2);
        }
        // every department hangs from the root: no orphans, no loops
        assertThat(services.departments().list(corpId)).hasSize(rows.size());

        List<long[]> memberships = db.read(tx -> tx.query(
                "SELECT sc.dept_id, d.type FROM student_classes sc LEFT JOIN departments d "
                        + "ON d.corp_id = sc.corp_id AND d.dept_id = sc.dept_id WHERE sc.corp_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getObject(2) == null ? -1 : rs.getLong(2)}, corpId));
        Map<Long, Long> perClass = new ConcurrentHashMap<>();
        for (long[] m : memberships) {
            assertThat(m[1]).as("student in department %s, which must be an existing class", m[0]).isEqualTo(1);
            perClass.merge(m[0], 1L, Long::sum);
        }
        for (Row r : rows) assertThat(r.students()).as("student_count of %s", r.id()).isEqualTo(perClass.getOrDefault(r.id(), 0L));
    }

    @Test
    void racingCreatesOfOneIdLetExactlyOneWinAndTheOthersGet60008() throws Exception {
        long grade = services.departments().create(corpId, json("{'parentid':1,'type':2,'name':'G'}"));
        Queue<Integer> outcomes = new ConcurrentLinkedQueue<>();
        race((thread, store) -> {
            String body = "{'id':500,'parentid':" + grade + ",'type':1,'name':'C" + thread + "'}";
            try {
                new Departments(store, clock).create(corpId, json(body));
                outcomes.add(0);
            } catch (WeComException e) {
                outcomes.add(e.errcode());
            }
        });
        assertThat(outcomes).hasSize(THREADS);
        assertThat(outcomes.stream().filter(c -> c == 0)).hasSize(1);
        assertThat(outcomes.stream().filter(c -> c == 60008)).hasSize(THREADS - 1);
    }

    /** One racer's work: its thread number and its store (half the racers use a second pool, as a second process would). */
    @FunctionalInterface
    interface Racer {
        void run(int thread, Database store) throws Exception;
    }

    /** Starts {@code THREADS} racers at once, on this store and a second pool over the same database, and waits for all. */
    private void race(Racer racer) throws Exception {
        try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
            Database[] stores = {db, second};
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    racer.run(thread, stores[thread % 2]);
                    return null;
                }));
            }
            start.countDown();
            try {
                for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
