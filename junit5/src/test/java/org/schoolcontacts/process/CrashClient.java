package org.schoolcontacts.process;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.process.CrashWorld.Dept;
import org.schoolcontacts.process.CrashWorld.Parent;
import org.schoolcontacts.process.CrashWorld.Student;

/**
 * One of the crash harness's writers. It owns a grade, its classes and the students and parents whose
 * ids start with its prefix, sends random writes one after the other and keeps two worlds: the one every
 * answered write has built ({@link #acknowledged}), and, while a write is unanswered, the world it would
 * build ({@link #pending}). After a kill -9 and a restart, the server must show one of the two.
 */
final class CrashClient implements Runnable {
    final int number;
    final String prefix;
    final int grade;
    final int firstClass;
    final int lastClass;
    private final Random random;
    private final Consumer<String> failures;
    private volatile String base;
    private volatile String token;
    private volatile Runnable onAcknowledged = () -> {};
    volatile CrashWorld acknowledged = CrashWorld.empty();
    volatile CrashWorld pending;
    /** The change events every acknowledged write fires, in order ({@code EventReceiver} summaries). */
    final List<String> acknowledgedEvents = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The events the unanswered write would fire. */
    volatile List<String> pendingEvents = List.of();
    int refused;
    private int seq;
    int writes;

    CrashClient(int number, long seed, Consumer<String> failures) {
        this.number = number;
        this.prefix = "k" + number + "s";
        this.grade = 100 + number;
        this.firstClass = 1000 * number;
        this.lastClass = 1000 * number + 999;
        this.random = new Random(seed);
        this.failures = failures;
    }

    void connect(String base, String token, Runnable onAcknowledged) {
        this.base = base;
        this.token = token;
        this.onAcknowledged = onAcknowledged;
    }

    /**
     * A write: where it goes, its body (null for GET), what the world is after it, the errcode expected
     * and the change events it fires (spec events §1.2: none for a refused request or a failed item).
     */
    private record Write(String path, String body, CrashWorld after, int errcode, String failingId, List<String> events) {
        Write(String path, String body, CrashWorld after, int errcode, String failingId, String... events) {
            this(path, body, after, errcode, failingId, List.of(events));
        }
    }

    /** The unanswered write was applied (the restarted server shows it): its events are owed too. */
    void pendingApplied() {
        acknowledged = pending;
        acknowledgedEvents.addAll(pendingEvents);
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Write w = next(acknowledged);
            pendingEvents = w.events();
            pending = w.after();
            JsonNode answer;
            try {
                String url = base + w.path() + (w.path().contains("?") ? "&" : "?") + "access_token=" + token;
                answer = SchoolContactsHandle.send(w.body() == null ? "GET" : "POST", url, w.body()).body();
            } catch (RuntimeException connectionGone) {
                return; // the server was killed: pending stays, it may or may not have been applied
            }
            int errcode = answer == null ? -999 : answer.path("errcode").asInt(-999);
            if (errcode != w.errcode()) {
                failures.accept("client " + number + ": " + w.path() + " " + w.body() + " answered " + answer + ", expected errcode " + w.errcode());
                pending = null;
                return;
            }
            if (w.failingId() != null && !(answer.path("result_list").size() == 1
                    && answer.path("result_list").get(0).toString().contains("\"" + w.failingId() + "\""))) {
                failures.accept("client " + number + ": batch result_list should name only " + w.failingId() + ": " + answer);
            }
            acknowledged = w.after();
            acknowledgedEvents.addAll(w.events());
            pending = null;
            pendingEvents = List.of();
            if (w.errcode() != 0 && w.failingId() == null) refused++;
            writes++;
            onAcknowledged.run();
        }
    }

    /** The first writes: the client's grade and two classes (run before the first kill). */
    List<String[]> setUp() {
        return java.util.Collections.singletonList(new String[] {"/cgi-bin/school/department/create",
                "{\"id\":" + grade + ",\"parentid\":1,\"type\":2,\"name\":\"Grade k" + number + "\"}"});
    }

    void setUpDone() {
        CrashWorld w = CrashWorld.empty();
        w.depts().put(grade, new Dept(grade, 1, "Grade k" + number));
        acknowledged = w;
        acknowledgedEvents.add("create_department " + grade);
    }

    private Write next(CrashWorld w) {
        List<Integer> classes = new ArrayList<>();
        for (Dept d : w.depts().values()) if (d.id() != grade) classes.add(d.id());
        List<String> students = new ArrayList<>(w.students().keySet());
        int roll = random.nextInt(100);
        if (classes.size() < 2 || roll < 3 && classes.size() < 6) return createClass(w);
        if (roll < 6) return renameClass(w, classes);
        if (roll < 8) {
            for (Integer c : classes) {
                boolean empty = w.students().values().stream().noneMatch(s -> s.classes().contains(c));
                if (empty && classes.size() > 2) return deleteClass(w, c);
            }
        }
        if (roll == 21 && !students.isEmpty()) return createExisting(w, pick(students), classes);
        if (students.size() < 4 || roll < 22 && students.size() < 80) return createStudent(w, classes);
        if (roll < 30 && students.size() < 80) return batchCreate(w, classes);
        if (roll < 45) return updateStudent(w, pick(students), classes);
        if (roll < 52) {
            for (String s : shuffled(students)) if (!w.students().get(s).renamed()) return renameStudent(w, s);
        }
        if (roll < 68) return batchUpdate(w, students, classes);
        if (roll < 74) {
            for (String s : shuffled(students)) if (!w.hasParents(s)) return deleteStudent(w, s);
        }
        List<String> parents = new ArrayList<>(w.parents().keySet());
        if (roll < 86 || parents.isEmpty()) return createParent(w, students);
        if (roll < 94) return updateParent(w, pick(parents), students);
        return deleteParent(w, pick(parents));
    }

    private Write createClass(CrashWorld w) {
        int id = firstClass + (seq++ % 999);
        while (w.depts().containsKey(id)) id = firstClass + (seq++ % 999);
        CrashWorld after = w.copy();
        String name = "c" + number + "x" + seq;
        after.depts().put(id, new Dept(id, grade, name));
        return new Write("/cgi-bin/school/department/create", "{\"id\":" + id + ",\"parentid\":" + grade + ",\"type\":1,\"name\":\"" + name + "\"}",
                after, 0, null, "create_department " + id);
    }

    private Write renameClass(CrashWorld w, List<Integer> classes) {
        int id = pick(classes);
        CrashWorld after = w.copy();
        String name = "c" + number + "y" + (seq++);
        after.depts().put(id, new Dept(id, grade, name));
        return new Write("/cgi-bin/school/department/update", "{\"id\":" + id + ",\"name\":\"" + name + "\"}", after, 0, null,
                "update_department " + id);
    }

    private Write deleteClass(CrashWorld w, int id) {
        CrashWorld after = w.copy();
        after.depts().remove(id);
        return new Write("/cgi-bin/school/department/delete?id=" + id, null, after, 0, null, "delete_department " + id);
    }

    private String newStudentId(CrashWorld w) {
        String id;
        do id = prefix + (seq++); while (w.students().containsKey(id) || w.students().containsKey(id + "r"));
        return id;
    }

    private List<Integer> someClasses(List<Integer> classes) {
        List<Integer> c = new ArrayList<>();
        c.add(pick(classes));
        if (random.nextInt(4) == 0) {
            int other = pick(classes);
            if (!c.contains(other)) c.add(other);
        }
        c.sort(null);
        return c;
    }

    private Write createStudent(CrashWorld w, List<Integer> classes) {
        String id = newStudentId(w);
        List<Integer> c = someClasses(classes);
        String name = "n" + seq;
        CrashWorld after = w.copy();
        after.students().put(id, new Student(id, name, c, false));
        return new Write("/cgi-bin/school/user/create_student",
                "{\"student_userid\":\"" + id + "\",\"name\":\"" + name + "\",\"department\":" + c + "}", after, 0, null, "create_student " + id);
    }

    /** A create refused as a whole (the id exists): nothing changes and no event may name it. */
    private Write createExisting(CrashWorld w, String id, List<Integer> classes) {
        return new Write("/cgi-bin/school/user/create_student",
                "{\"student_userid\":\"" + id + "\",\"name\":\"dup\",\"department\":" + someClasses(classes) + "}", w, 60102, null);
    }

    private Write batchCreate(CrashWorld w, List<Integer> classes) {
        CrashWorld after = w.copy();
        List<String> events = new ArrayList<>();
        StringBuilder b = new StringBuilder("{\"students\":[");
        for (int i = 0, n = 2 + random.nextInt(6); i < n; i++) {
            String id = newStudentId(after);
            List<Integer> c = someClasses(classes);
            String name = "b" + seq;
            after.students().put(id, new Student(id, name, c, false));
            events.add("create_student " + id);
            b.append(i == 0 ? "" : ",").append("{\"student_userid\":\"").append(id).append("\",\"name\":\"").append(name)
                    .append("\",\"department\":").append(c).append('}');
        }
        return new Write("/cgi-bin/school/user/batch_create_student", b.append("]}").toString(), after, 0, null, events);
    }

    private Write updateStudent(CrashWorld w, String id, List<Integer> classes) {
        Student s = w.students().get(id);
        String name = "u" + (seq++);
        List<Integer> c = random.nextBoolean() ? someClasses(classes) : s.classes();
        CrashWorld after = w.copy();
        after.students().put(id, new Student(id, name, c, s.renamed()));
        return new Write("/cgi-bin/school/user/update_student",
                "{\"student_userid\":\"" + id + "\",\"name\":\"" + name + "\",\"department\":" + c + "}", after, 0, null, "update_student " + id);
    }

    private Write renameStudent(CrashWorld w, String id) {
        CrashWorld after = w.rename(id, id + "r");
        return new Write("/cgi-bin/school/user/update_student",
                "{\"student_userid\":\"" + id + "\",\"new_student_userid\":\"" + id + "r\"}", after, 0, null,
                "update_student " + id + "->" + id + "r");
    }

    /** Up to 8 updates (names, classes, at most one rename) and sometimes an id that does not exist. */
    private Write batchUpdate(CrashWorld w, List<String> students, List<Integer> classes) {
        CrashWorld after = w.copy();
        StringBuilder b = new StringBuilder("{\"students\":[");
        List<String> chosen = shuffled(students).subList(0, Math.min(students.size(), 1 + random.nextInt(8)));
        boolean renamed = false;
        String failing = null;
        List<String> events = new ArrayList<>();
        int i = 0;
        for (String id : chosen) {
            Student s = after.students().get(id);
            String name = "v" + (seq++);
            List<Integer> c = random.nextBoolean() ? someClasses(classes) : s.classes();
            b.append(i++ == 0 ? "" : ",").append("{\"student_userid\":\"").append(id).append("\",\"name\":\"").append(name)
                    .append("\",\"department\":").append(c);
            after.students().put(id, new Student(id, name, c, s.renamed()));
            if (!renamed && !s.renamed() && random.nextInt(3) == 0) {
                b.append(",\"new_student_userid\":\"").append(id).append("r\"");
                after = after.rename(id, id + "r");
                renamed = true;
                events.add("update_student " + id + "->" + id + "r");
            } else {
                events.add("update_student " + id);
            }
            b.append('}');
            if (failing == null && random.nextInt(5) == 0) {
                failing = prefix + "nobody" + seq;
                b.append(",{\"student_userid\":\"").append(failing).append("\",\"name\":\"x\"}");
            }
        }
        return new Write("/cgi-bin/school/user/batch_update_student", b.append("]}").toString(), after, failing == null ? 0 : 60111, failing, events);
    }

    private Write deleteStudent(CrashWorld w, String id) {
        CrashWorld after = w.copy();
        after.students().remove(id);
        return new Write("/cgi-bin/school/user/delete_student?userid=" + id, null, after, 0, null, "delete_student " + id);
    }

    private String mobile() { return "17" + number + String.format("%08d", seq++); }

    private TreeMap<String, String> someChildren(List<String> students) {
        TreeMap<String, String> c = new TreeMap<>();
        c.put(pick(students), pick("父亲", "母亲"));
        if (random.nextBoolean()) c.put(pick(students), "爷爷");
        return c;
    }

    private static String childrenJson(TreeMap<String, String> children) {
        StringBuilder b = new StringBuilder("[");
        children.forEach((id, rel) -> b.append(b.length() == 1 ? "" : ",").append("{\"student_userid\":\"").append(id)
                .append("\",\"relation\":\"").append(rel).append("\"}"));
        return b.append(']').toString();
    }

    private Write createParent(CrashWorld w, List<String> students) {
        String id = "k" + number + "p" + (seq++);
        String mobile = mobile();
        TreeMap<String, String> children = someChildren(students);
        CrashWorld after = w.copy();
        after.parents().put(id, new Parent(id, mobile, children));
        List<String> events = new ArrayList<>(List.of("create_parent " + id));
        for (String child : children.keySet()) events.add("update_student " + child);
        return new Write("/cgi-bin/school/user/create_parent", "{\"parent_userid\":\"" + id + "\",\"mobile\":\"" + mobile
                + "\",\"children\":" + childrenJson(children) + "}", after, 0, null, events);
    }

    private Write updateParent(CrashWorld w, String id, List<String> students) {
        Parent p = w.parents().get(id);
        String mobile = random.nextBoolean() ? mobile() : p.mobile();
        TreeMap<String, String> children = random.nextBoolean() ? someChildren(students) : p.children();
        // never a write that changes nothing the server shows: after a kill it could not tell whether it was applied
        if (mobile.equals(p.mobile()) && children.equals(p.children())) mobile = mobile();
        CrashWorld after = w.copy();
        after.parents().put(id, new Parent(id, mobile, new TreeMap<>(children)));
        // events §1.2: update_parent when the parent (children in order included) changed, then update_student
        // for each child whose parent list changed (all of them when the mobile changed), then removed children
        List<String> events = new ArrayList<>();
        boolean mobileChanged = !mobile.equals(p.mobile());
        if (mobileChanged || !p.order().equals(List.copyOf(children.keySet())) || !p.children().equals(children)) {
            events.add("update_parent " + id);
            for (Map.Entry<String, String> c : children.entrySet()) {
                if (mobileChanged || !c.getValue().equals(p.children().get(c.getKey()))) events.add("update_student " + c.getKey());
            }
            for (String former : p.order()) if (!children.containsKey(former)) events.add("update_student " + former);
        }
        return new Write("/cgi-bin/school/user/update_parent", "{\"parent_userid\":\"" + id + "\",\"mobile\":\"" + mobile
                + "\",\"children\":" + childrenJson(children) + "}", after, 0, null, events);
    }

    private Write deleteParent(CrashWorld w, String id) {
        CrashWorld after = w.copy();
        Parent former = after.parents().remove(id);
        List<String> events = new ArrayList<>(List.of("delete_parent " + id));
        for (String child : former.order()) events.add("update_student " + child);
        return new Write("/cgi-bin/school/user/delete_parent?userid=" + id, null, after, 0, null, events);
    }

    private <T> T pick(List<T> list) { return list.get(random.nextInt(list.size())); }

    @SafeVarargs
    private <T> T pick(T... options) { return options[random.nextInt(options.length)]; }

    private List<String> shuffled(List<String> list) {
        List<String> l = new ArrayList<>(list);
        java.util.Collections.shuffle(l, random);
        return l;
    }
}
