package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One writer of the concurrency contract: random batches over students only it owns, so its model of
 * them stays exact, while it competes with the other writers for rename targets (shared ids in random
 * case) and for the few seats left in the nearly full class. Every item the server acknowledges is
 * applied to the model; every refusal must be one that competition explains.
 */
final class ConcurrentWriter implements Runnable {
    /** What this writer knows one of its students must look like. */
    static final class Expected {
        String userid;
        String name;
        List<Long> classes;
        boolean renamed;

        Expected(String userid, String name, List<Long> classes) {
            this.userid = userid;
            this.name = name;
            this.classes = classes;
        }
    }

    static final List<Long> CLASSES = List.of(11L, 12L, 13L, 14L);
    static final long NEARLY_FULL = 14L;
    static final int SHARED_TARGETS = 4;

    private final int writer;
    private final Students students;
    private final String corpId;
    private final int rounds;
    private final Random random;
    final Map<String, Expected> alive = new LinkedHashMap<>();
    final List<String> acknowledgedRenames = new ArrayList<>();
    private int created;

    ConcurrentWriter(int writer, Students students, String corpId, int rounds, long seed) {
        this.writer = writer;
        this.students = students;
        this.corpId = corpId;
        this.rounds = rounds;
        this.random = new Random(seed);
    }

    /** The writer's first students, created before the race starts. */
    List<NewStudent> initialStudents(int n) {
        List<NewStudent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(newStudent(List.of(11L)));
        return out;
    }

    void acknowledgeCreated(List<NewStudent> batch, List<FailedItem> failed) {
        Set<String> failedIds = failedIds(failed);
        for (NewStudent s : batch) {
            if (!failedIds.contains(s.userid())) alive.put(s.userid(), new Expected(s.userid(), s.name(), s.departments()));
        }
    }

    @Override
    public void run() {
        for (int round = 0; round < rounds; round++) {
            int kind = random.nextInt(10);
            if (kind < 6 || alive.size() < 2) updates();
            else if (kind < 8) creates();
            else deletes();
        }
    }

    private void creates() {
        List<NewStudent> batch = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) batch.add(newStudent(randomClasses()));
        List<FailedItem> failed = students.batchCreate(corpId, batch);
        for (FailedItem f : failed) assertThat(f.errcode()).as("create %s", f).isEqualTo(81001);
        acknowledgeCreated(batch, failed);
    }

    private void deletes() {
        List<String> ids = pick(1 + random.nextInt(2));
        assertThat(students.batchDelete(corpId, ids)).isEmpty();
        ids.forEach(alive::remove);
    }

    private void updates() {
        List<String> ids = pick(1 + random.nextInt(6));
        List<StudentChange> batch = new ArrayList<>();
        for (String id : ids) {
            Expected e = alive.get(id);
            StudentChange c = StudentChange.of(randomCase(e.userid));
            if (random.nextInt(3) == 0) c = c.renamedTo(randomCase("shared" + random.nextInt(SHARED_TARGETS)));
            if (random.nextBoolean()) c = c.named("名字" + writer + "-" + random.nextInt(1000));
            if (random.nextBoolean()) c = c.inClasses(randomClasses());
            batch.add(c);
        }
        List<FailedItem> failed = students.batchUpdate(corpId, batch);
        Set<String> failedIds = failedIds(failed);
        for (int i = 0; i < batch.size(); i++) {
            StudentChange c = batch.get(i);
            Expected e = alive.get(ids.get(i));
            boolean renaming = c.newUserid() != null && !c.newUserid().equals(e.userid);
            if (failedIds.contains(c.userid())) {
                FailedItem f = failed.stream().filter(x -> x.studentUserid().equals(c.userid())).findFirst().orElseThrow();
                // 60102 is checked before 301036, so a taken target also refuses a second rename with 60102
                if (renaming && e.renamed) assertThat(f.errcode()).as("second rename %s", f).isIn(301036, 60102);
                else assertThat(f.errcode()).as("update %s", f).isIn(60102, 81001);
                continue;
            }
            assertThat(renaming && e.renamed).as("a second rename was acknowledged: %s", c).isFalse();
            if (renaming) {
                e.userid = c.newUserid();
                e.renamed = true;
                acknowledgedRenames.add(c.newUserid().toLowerCase());
            }
            if (c.name() != null) e.name = c.name();
            if (!c.departments().isEmpty()) e.classes = c.departments();
        }
        // later rounds address students by their current ids
        Map<String, Expected> rekeyed = new LinkedHashMap<>();
        alive.values().forEach(e -> rekeyed.put(e.userid, e));
        alive.clear();
        alive.putAll(rekeyed);
    }

    private NewStudent newStudent(List<Long> classes) {
        return new NewStudent("w" + writer + "n" + (created++), "学生" + writer, null, classes);
    }

    private List<String> pick(int n) {
        List<String> ids = new ArrayList<>(alive.keySet());
        Collections.shuffle(ids, random);
        return new ArrayList<>(ids.subList(0, Math.min(n, ids.size())));
    }

    private List<Long> randomClasses() {
        List<Long> c = new ArrayList<>(CLASSES);
        Collections.shuffle(c, random);
        return List.copyOf(c.subList(0, 1 + random.nextInt(c.size())));
    }

    private String randomCase(String id) {
        StringBuilder b = new StringBuilder();
        for (char ch : id.toCharArray()) b.append(random.nextBoolean() ? Character.toUpperCase(ch) : ch);
        return b.toString();
    }

    private static Set<String> failedIds(List<FailedItem> failed) {
        return failed.stream().map(FailedItem::studentUserid).collect(java.util.stream.Collectors.toSet());
    }
}
