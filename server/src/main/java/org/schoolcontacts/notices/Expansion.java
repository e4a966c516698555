package org.schoolcontacts.notices;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolcontacts.notices.NoticeDirectory.Member;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * Recipient expansion (spec 4.3). Targets are taken in the order parents, students, parties, toall,
 * each list in request order; a recipient reached twice keeps the first reason ({@code via}). A
 * student reaches, by recv_scope, the student (1), the student's parents (0) or both (2, the student
 * first); a party reaches the students in the classes at or under it; toall every student. Only
 * students inside the app's allow scope count, and parents follow their children.
 */
final class Expansion {
    /** One recipient, snapshotted: user type (1 student, 2 parent), creation number, userid then. */
    record Recipient(int userType, long userSeq, String userid, String via, int isSubscribe, boolean delivered) {}

    record Result(List<String> invalidParents, List<String> invalidStudents, List<String> invalidParties, boolean anyValid,
                  List<Recipient> recipients) {}

    private final Tx tx;
    private final String corpId;
    private final NoticeRequest request;
    private final Scope scope;
    private final LinkedHashMap<Long, Recipient> recipients = new LinkedHashMap<>();

    private Expansion(Tx tx, String corpId, NoticeRequest request, Scope scope) {
        this.tx = tx;
        this.corpId = corpId;
        this.request = request;
        this.scope = scope;
    }

    static Result run(Tx tx, String corpId, AllowScope allowScope, NoticeRequest request) throws SQLException {
        Map<Long, Long> departments = NoticeDirectory.departments(tx, corpId);
        Scope scope = new Scope(tx, corpId, allowScope, departments);
        return new Expansion(tx, corpId, request, scope).expand(departments);
    }

    private Result expand(Map<Long, Long> departments) throws SQLException {
        boolean anyValid = false;
        Set<String> keys = new HashSet<>();
        request.parents().forEach(p -> keys.add(Limits.userKey(p)));
        request.students().forEach(s -> keys.add(Limits.userKey(s)));
        Map<String, Member> named = NoticeDirectory.usersByKey(tx, corpId, keys);

        LinkedHashSet<String> invalidParents = new LinkedHashSet<>();
        for (String id : request.parents()) {
            Member m = named.get(Limits.userKey(id));
            if (m == null || m.type() != NoticeDirectory.PARENT || !scope.parentInside(m.key())) {
                invalidParents.add(id);
                continue;
            }
            anyValid = true;
            add(m, "to_parent_userid:" + id);
        }

        LinkedHashSet<String> invalidStudents = new LinkedHashSet<>();
        List<Member> targetStudents = new ArrayList<>();
        List<String> targetVia = new ArrayList<>();
        for (String id : request.students()) {
            Member m = named.get(Limits.userKey(id));
            if (m == null || m.type() != NoticeDirectory.STUDENT || !scope.studentInside(m.key())) {
                invalidStudents.add(id);
                continue;
            }
            anyValid = true;
            targetStudents.add(m);
            targetVia.add("to_student_userid:" + id);
        }

        LinkedHashSet<String> invalidParties = new LinkedHashSet<>();
        Map<Long, List<Long>> children = childrenByParent(departments);
        for (String id : request.parties()) {
            Long dept = id.trim().matches("[0-9]{1,18}") ? Long.parseLong(id.trim()) : null;
            if (dept == null || !departments.containsKey(dept) || !scope.partyOverlaps(subtree(dept, children))) {
                invalidParties.add(id);
                continue;
            }
            anyValid = true;
            for (Member s : NoticeDirectory.studentsIn(tx, corpId, subtree(dept, children))) {
                if (!scope.studentInside(s.key())) continue;
                targetStudents.add(s);
                targetVia.add("to_party:" + id);
            }
        }

        if (request.toall()) {
            anyValid = true;
            for (Member s : NoticeDirectory.allStudents(tx, corpId)) {
                if (!scope.studentInside(s.key())) continue;
                targetStudents.add(s);
                targetVia.add("toall");
            }
        }

        Map<String, List<Member>> parents = request.recvScope() == 1 ? Map.of()
                : NoticeDirectory.parentsOf(tx, corpId, targetStudents.stream().map(Member::key).collect(java.util.stream.Collectors.toSet()));
        for (int i = 0; i < targetStudents.size(); i++) {
            Member s = targetStudents.get(i);
            String via = targetVia.get(i);
            if (request.recvScope() != 0) add(s, via);
            if (request.recvScope() != 1) for (Member p : parents.getOrDefault(s.key(), List.of())) add(p, via);
        }
        return new Result(List.copyOf(invalidParents), List.copyOf(invalidStudents), List.copyOf(invalidParties), anyValid,
                new ArrayList<>(recipients.values()));
    }

    /** Unsubscribed parents are recipients but not delivered (spec 6 no. 25); students always are. */
    private void add(Member m, String via) {
        if (recipients.containsKey(m.seq())) return;
        boolean parent = m.type() == NoticeDirectory.PARENT;
        recipients.put(m.seq(), new Recipient(m.type(), m.seq(), m.userid(), via, parent ? m.isSubscribe() : 0,
                !parent || m.isSubscribe() == 1));
    }

    private static Map<Long, List<Long>> childrenByParent(Map<Long, Long> departments) {
        Map<Long, List<Long>> out = new HashMap<>();
        departments.forEach((id, parent) -> out.computeIfAbsent(parent, k -> new ArrayList<>()).add(id));
        return out;
    }

    /** The department and everything under it. */
    static Set<Long> subtree(long root, Map<Long, List<Long>> children) {
        Set<Long> out = new LinkedHashSet<>();
        ArrayList<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long d = todo.remove(todo.size() - 1);
            if (out.add(d)) todo.addAll(children.getOrDefault(d, List.of()));
        }
        return out;
    }

    /** The allow scope, evaluated against the directory; the whole school needs no reads at all. */
    private static final class Scope {
        private final boolean whole;
        private final Tx tx;
        private final String corpId;
        private Set<Long> departments = Set.of();
        private Set<String> students = Set.of();
        private Map<String, List<Long>> classes;
        private final Map<String, Boolean> parentCache = new HashMap<>();

        Scope(Tx tx, String corpId, AllowScope scope, Map<Long, Long> tree) {
            this.tx = tx;
            this.corpId = corpId;
            this.whole = scope.wholeSchool();
            if (whole) return;
            Map<Long, List<Long>> children = childrenByParent(tree);
            Set<Long> depts = new HashSet<>();
            for (long d : scope.departments()) depts.addAll(subtree(d, children));
            this.departments = depts;
            Set<String> keys = new HashSet<>();
            scope.students().forEach(s -> keys.add(Limits.userKey(s)));
            this.students = keys;
        }

        private Map<String, List<Long>> classes() throws SQLException {
            if (classes == null) classes = NoticeDirectory.allClasses(tx, corpId);
            return classes;
        }

        boolean studentInside(String key) throws SQLException {
            if (whole || students.contains(key)) return true;
            for (long c : classes().getOrDefault(key, List.of())) if (departments.contains(c)) return true;
            return false;
        }

        boolean parentInside(String key) throws SQLException {
            if (whole) return true;
            Boolean known = parentCache.get(key);
            if (known != null) return known;
            boolean inside = false;
            for (String child : NoticeDirectory.childrenOf(tx, corpId, List.of(key)).getOrDefault(key, List.of())) {
                if (studentInside(child)) {
                    inside = true;
                    break;
                }
            }
            parentCache.put(key, inside);
            return inside;
        }

        /** A party is valid when it shares something with the scope: a department, or a scope student's class. */
        boolean partyOverlaps(Set<Long> subtree) throws SQLException {
            if (whole) return true;
            for (long d : subtree) if (departments.contains(d)) return true;
            for (String s : students) for (long c : classes().getOrDefault(s, List.of())) if (subtree.contains(c)) return true;
            return false;
        }
    }
}
