package org.schoolcontacts.model;

import static org.schoolcontacts.model.ModelSchool.key;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.schoolcontacts.model.ModelSchool.Parent;
import org.schoolcontacts.model.ModelSchool.Student;
import org.schoolcontacts.model.SchoolModel.Outcome;

/**
 * School notices (发送「学校通知」, events spec §4) as the spec describes them, over the {@link ModelSchool}:
 * the checks of §4.2 in order, the invalid lists and the recipients of §4.3 (the notifier's allow scope
 * is the whole school, every parent unsubscribed: parents are recipients not delivered, students
 * delivered), and the inbox of §4.5 (recipients linked to the person, so a renamed user keeps theirs).
 * Written from the spec; shares no class with the server.
 */
final class NoticeModel {
    /** The seed's parent app, the only one in 「家长可使用的应用」. */
    static final long NOTIFIER = 1000004;
    /** Every app of the seed: another one's agentid is 301002, one not in the school 40056. */
    private static final Set<Long> AGENTIDS = Set.of(1000001L, 1000002L, 1000003L, NOTIFIER);

    /**
     * What an answer must show beyond its errcode: the invalid lists (errcode 0 and 81013), and for an
     * accepted notice its text and its recipients as {@code "parent p1 not delivered"}, in any order.
     */
    record Prediction(List<String> invalidParents, List<String> invalidStudents, List<String> invalidParties, String text,
                      Set<String> recipients) {}

    /** An accepted notice: its text and who it reached (the people themselves, whatever their ids become). */
    private record Sent(String text, Set<Object> recipients) {}

    private final ModelSchool school;
    private final Supplier<Set<Long>> departments;
    private final List<Sent> sent = new ArrayList<>();

    /** {@code departments}: every department that exists now (root, grade, seeded and the sequences' classes). */
    NoticeModel(ModelSchool school, Supplier<Set<Long>> departments) {
        this.school = school;
        this.departments = departments;
    }

    /** The answer to {@code body} sent by the app {@code agentidOfCaller}, storing the notice when accepted. */
    Outcome send(long agentidOfCaller, Map<String, Object> body, Map<String, Integer> exercised) {
        // 1. the caller must be a parent app (48002, before the body is read)
        if (agentidOfCaller != NOTIFIER) return note(exercised, "notice from an app that is no parent app", Outcome.single(48002));
        // 2. agentid
        if (!(body.get("agentid") instanceof Long agentid)) return Outcome.single(41011);
        if (!AGENTIDS.contains(agentid)) return Outcome.single(40056);
        if (agentid != NOTIFIER) return note(exercised, "notice naming another app", Outcome.single(301002));
        // 3. the message, then the other fields
        if (!"text".equals(body.get("msgtype"))) return Outcome.single(40008);
        if (((Map<?, ?>) body.get("text")).get("content").toString().isEmpty()) return Outcome.single(44004);
        int recvScope = body.get("recv_scope") instanceof Integer r ? r : 0;
        if (recvScope < 0 || recvScope > 2) return Outcome.single(40058);
        // recv_scope 1 ignores to_parent_userid altogether (D-91609)
        List<String> parents = recvScope == 1 ? List.of() : strings(body.get("to_parent_userid"));
        List<String> students = strings(body.get("to_student_userid"));
        List<String> parties = strings(body.get("to_party"));
        Object toallValue = body.get("toall");
        boolean toall = Integer.valueOf(1).equals(toallValue) || Boolean.TRUE.equals(toallValue);
        // 4. somebody named at all
        if (parents.isEmpty() && students.isEmpty() && parties.isEmpty() && !toall) return Outcome.single(82001);

        List<String> invalidParents = new ArrayList<>();
        List<String> invalidStudents = new ArrayList<>();
        List<String> invalidParties = new ArrayList<>();
        LinkedHashSet<Object> reached = new LinkedHashSet<>();
        List<Student> targets = new ArrayList<>();
        boolean anyValid = toall;
        for (String id : parents) {
            Parent p = school.parent(key(id));
            if (p == null) {
                if (school.student(key(id)) != null) exercised.merge("notice naming a student as a parent", 1, Integer::sum);
                invalidParents.add(id);
            } else {
                anyValid = true;
                reached.add(p);
            }
        }
        for (String id : students) {
            Student s = school.student(key(id));
            if (s == null) {
                invalidStudents.add(id);
            } else {
                anyValid = true;
                targets.add(s);
            }
        }
        for (String id : parties) {
            Long dept = id.matches("[1-9][0-9]{0,8}") ? Long.parseLong(id) : null;
            if (dept == null || !departments.get().contains(dept)) {
                invalidParties.add(id);
                continue;
            }
            anyValid = true;
            // the root and the grade hold every class; a class holds its own students
            for (Student s : school.students()) if (dept == 1 || dept == SchoolModel.GRADE || s.classes.contains(dept)) targets.add(s);
        }
        if (toall) targets.addAll(school.students());
        Prediction answer = new Prediction(invalidParents, invalidStudents, invalidParties, null, Set.of());
        if (!anyValid) return note(exercised, "notice with no valid recipient", new Outcome(81013, null, answer));

        for (Student s : targets) {
            if (recvScope != 0) reached.add(s);
            if (recvScope != 1) for (Map.Entry<Parent, String> p : school.parentsOf(key(s.userid))) reached.add(p.getKey());
        }
        if (reached.isEmpty()) exercised.merge("notice accepted that reached nobody", 1, Integer::sum);
        if (!invalidParents.isEmpty() || !invalidStudents.isEmpty() || !invalidParties.isEmpty()) {
            exercised.merge("notice sent though partly invalid", 1, Integer::sum);
        }
        String text = ((Map<?, ?>) body.get("text")).get("content").toString();
        sent.add(new Sent(text, Set.copyOf(reached)));
        Set<String> recipients = new java.util.TreeSet<>();
        for (Object r : reached) recipients.add(describe(r));
        return new Outcome(0, null, new Prediction(invalidParents, invalidStudents, invalidParties, text, recipients));
    }

    /** The texts of the notices the user now holding {@code userid} received, newest first (spec 5.2's inbox). */
    List<String> inbox(String userid) {
        Object person = school.student(key(userid)) != null ? school.student(key(userid)) : school.parent(key(userid));
        List<String> out = new ArrayList<>();
        for (int i = sent.size() - 1; i >= 0; i--) if (sent.get(i).recipients().contains(person)) out.add(sent.get(i).text());
        return out;
    }

    /** A recipient as the test compares it: kind, userid at send time, delivered or not (parents are unsubscribed). */
    static String describe(String userType, String userid, boolean delivered) {
        return userType + " " + userid + (delivered ? " delivered" : " not delivered");
    }

    private static String describe(Object person) {
        return person instanceof Student s ? describe("student", s.userid, true) : describe("parent", ((Parent) person).userid, false);
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }

    private static Outcome note(Map<String, Integer> exercised, String rule, Outcome outcome) {
        exercised.merge(rule, 1, Integer::sum);
        return outcome;
    }
}
