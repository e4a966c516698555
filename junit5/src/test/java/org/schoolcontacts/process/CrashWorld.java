package org.schoolcontacts.process;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client of the crash harness owns in the school — its grade, classes, students and parents —
 * as an immutable value, so that the state before and after an unanswered write can both be kept and
 * compared with what the server shows after a restart.
 */
record CrashWorld(TreeMap<Integer, Dept> depts, TreeMap<String, Student> students, TreeMap<String, Parent> parents) {

    record Dept(int id, int parentId, String name) {}

    /** classes sorted; parents as parent id → relation (mobile is the parent's). */
    record Student(String id, String name, List<Integer> classes, boolean renamed) {}

    /**
     * {@code order} is the children's order as stored (the order of the request that last set them, renames
     * kept in place): events name former children in it. The server shows no order through {@code list},
     * so it is not part of a parent's equality.
     */
    record Parent(String id, String mobile, TreeMap<String, String> children, List<String> order) {
        Parent(String id, String mobile, TreeMap<String, String> children) {
            this(id, mobile, children, List.copyOf(children.keySet()));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parent p && id.equals(p.id) && mobile.equals(p.mobile) && children.equals(p.children);
        }

        @Override
        public int hashCode() { return java.util.Objects.hash(id, mobile, children); }

        @Override
        public String toString() { return "Parent[" + id + ", " + mobile + ", " + children + "]"; }
    }

    static CrashWorld empty() { return new CrashWorld(new TreeMap<>(), new TreeMap<>(), new TreeMap<>()); }

    CrashWorld copy() {
        TreeMap<String, Parent> p = new TreeMap<>();
        parents.forEach((k, v) -> p.put(k, new Parent(v.id(), v.mobile(), new TreeMap<>(v.children()), v.order())));
        return new CrashWorld(new TreeMap<>(depts), new TreeMap<>(students), p);
    }

    /** A student renamed: its parents' links follow the new id. */
    CrashWorld rename(String from, String to) {
        CrashWorld w = copy();
        Student s = w.students.remove(from);
        w.students.put(to, new Student(to, s.name(), s.classes(), true));
        for (Map.Entry<String, Parent> e : w.parents.entrySet()) {
            Parent p = e.getValue();
            String rel = p.children().remove(from);
            if (rel != null) {
                p.children().put(to, rel);
                e.setValue(new Parent(p.id(), p.mobile(), p.children(), p.order().stream().map(c -> c.equals(from) ? to : c).toList()));
            }
        }
        return w;
    }

    boolean hasParents(String student) {
        return parents.values().stream().anyMatch(p -> p.children().containsKey(student));
    }

    /**
     * The part of the school one client owns, as the server shows it: {@code list} (students with their
     * parents) and {@code department/list}, filtered to the client's ids.
     */
    static CrashWorld observed(JsonNode studentList, JsonNode departmentList, String prefix, int grade, int firstClass, int lastClass) {
        CrashWorld w = empty();
        for (JsonNode d : departmentList.path("departments")) {
            int id = d.path("id").asInt();
            if (id == grade || id >= firstClass && id <= lastClass) w.depts.put(id, new Dept(id, d.path("parentid").asInt(), d.path("name").asText()));
        }
        Map<String, TreeMap<String, String>> children = new TreeMap<>();
        Map<String, String> mobiles = new TreeMap<>();
        for (JsonNode s : studentList.path("students")) {
            String id = s.path("student_userid").asText();
            if (!id.startsWith(prefix)) continue;
            List<Integer> classes = new ArrayList<>();
            s.path("department").forEach(c -> classes.add(c.asInt()));
            classes.sort(null);
            // renamed is not shown by the API: the harness keeps it, so compare it as the model has it
            w.students.put(id, new Student(id, s.path("name").asText(), classes, id.endsWith("r")));
            for (JsonNode p : s.path("parents")) {
                String pid = p.path("parent_userid").asText();
                children.computeIfAbsent(pid, k -> new TreeMap<>()).put(id, p.path("relation").asText());
                mobiles.put(pid, p.path("mobile").asText());
            }
        }
        children.forEach((pid, c) -> w.parents.put(pid, new Parent(pid, mobiles.get(pid), c)));
        return w;
    }

    String diff(CrashWorld other) {
        StringBuilder b = new StringBuilder();
        diff(b, "department", depts, other.depts);
        diff(b, "student", students, other.students);
        diff(b, "parent", parents, other.parents);
        return b.toString();
    }

    private static <K, V> void diff(StringBuilder b, String what, Map<K, V> mine, Map<K, V> theirs) {
        for (Map.Entry<K, V> e : mine.entrySet()) {
            V t = theirs.get(e.getKey());
            if (!e.getValue().equals(t)) b.append("  ").append(what).append(' ').append(e.getKey()).append(": expected ")
                    .append(e.getValue()).append(", server has ").append(t).append('\n');
        }
        for (K k : theirs.keySet()) {
            if (!mine.containsKey(k)) b.append("  ").append(what).append(' ').append(k).append(": not expected, server has ")
                    .append(theirs.get(k)).append('\n');
        }
    }
}
