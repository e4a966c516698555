package org.schoolcontacts.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the model school holds: students and parents in plain maps keyed by the case-insensitive id,
 * one namespace for both (spec 5.5, 12 Q9). No rules here, only the data and the ways
 * {@link SchoolModel} changes it once an item has passed its checks.
 */
final class ModelSchool {
    static final class Student {
        String userid;
        String name;
        List<Long> classes;
        boolean renamed;
        /** Write-only (no read shows it) but unique among the school's students (5.3): null when none. */
        String mobile;
        final long seq;

        Student(String userid, String name, List<Long> classes, long seq) {
            this.userid = userid;
            this.name = name;
            this.classes = classes;
            this.seq = seq;
        }
    }

    /** A parent's link to a student, by the student's key, so a student rename rewrites it in one place. */
    record Link(String studentKey, String relation) {}

    static final class Parent {
        String userid;
        String mobile;
        List<Link> children;
        boolean renamed;
        final long seq;

        Parent(String userid, String mobile, List<Link> children, long seq) {
            this.userid = userid;
            this.mobile = mobile;
            this.children = children;
            this.seq = seq;
        }
    }

    private final Map<String, Student> students = new HashMap<>();
    private final Map<String, Parent> parents = new HashMap<>();
    /** Creation order: list and list_parent answer by it (6.14); a student's parents are read in it. */
    private long seq;

    static String key(String userid) { return userid.toLowerCase(Locale.ROOT); }

    boolean taken(String key) { return students.containsKey(key) || parents.containsKey(key); }

    Student student(String key) { return students.get(key); }

    Parent parent(String key) { return parents.get(key); }

    /** Students by creation order. */
    List<Student> students() {
        return students.values().stream().sorted(Comparator.comparingLong(s -> s.seq)).toList();
    }

    /** Parents by creation order. */
    List<Parent> parents() {
        return parents.values().stream().sorted(Comparator.comparingLong(p -> p.seq)).toList();
    }

    boolean hasParents(String studentKey) {
        return parents.values().stream().anyMatch(p -> p.children.stream().anyMatch(l -> l.studentKey().equals(studentKey)));
    }

    /** The student's parents, by the parents' creation order, with the relation each gave. */
    List<Map.Entry<Parent, String>> parentsOf(String studentKey) {
        List<Map.Entry<Parent, String>> out = new ArrayList<>();
        for (Parent p : parents()) {
            for (Link l : p.children) if (l.studentKey().equals(studentKey)) out.add(Map.entry(p, l.relation()));
        }
        return out;
    }

    // ---- changes, made only by items that passed every check -----------------------------------

    void addStudent(String userid, String name, List<Long> classes, String mobile) {
        Student s = new Student(userid, name, classes, ++seq);
        s.mobile = mobile == null || mobile.isEmpty() ? null : mobile;
        students.put(key(userid), s);
    }

    /** The new id, the once-only flag set, and every parent's link following the student (5.5). */
    void renameStudent(Student s, String newUserid) {
        String oldKey = key(s.userid);
        students.remove(oldKey);
        s.userid = newUserid;
        s.renamed = true;
        students.put(key(newUserid), s);
        for (Parent p : parents.values()) {
            p.children.replaceAll(l -> l.studentKey().equals(oldKey) ? new Link(key(newUserid), l.relation()) : l);
        }
    }

    void removeStudent(String key) { students.remove(key); }

    void addParent(String userid, String mobile, List<Link> children) {
        parents.put(key(userid), new Parent(userid, mobile, children, ++seq));
    }

    void renameParent(Parent p, String newUserid) {
        parents.remove(key(p.userid));
        p.userid = newUserid;
        p.renamed = true;
        parents.put(key(newUserid), p);
    }

    boolean removeParent(String key) { return parents.remove(key) != null; }
}
