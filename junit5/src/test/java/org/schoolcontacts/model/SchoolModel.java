package org.schoolcontacts.model;

import static org.schoolcontacts.model.ModelSchool.key;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.schoolcontacts.model.ModelSchool.Link;
import org.schoolcontacts.model.ModelSchool.Parent;
import org.schoolcontacts.model.ModelSchool.Student;

/**
 * The student and parent writes as the spec describes them (5.3-5.5, 6, 12), over a {@link ModelSchool}
 * of plain maps; written from the spec, not from the server's code, with which it shares no class.
 * Every call predicts the answer (top-level errcode and, for batches, the failed items) and applies
 * the items that succeed, so afterwards {@link #school()} is what the server should now hold.
 *
 * <p>The per-item rules run in the spec's order: id (41009, 40003), duplicate in the request (40058),
 * existence (60111 / 65010 / 60102), rename (40003, 60102, 301036), mobile (60103, 60149 / 60137), classes or
 * children (40066, 81001 / 60111, 65010). A failed item changes nothing. Where the spec leaves an order open (which of
 * a create_parent's faults is reported first) the model follows 6.5.3's order, id before mobile
 * before the lists, which is also the server's.
 */
final class SchoolModel {
    /** The classes the sequences use (grade 10 of the seed); other seeded classes stay empty. */
    static final List<Long> CLASSES = List.of(11L, 12L, 13L);
    static final long GRADE = 10;
    /** Departments that exist but are not classes: the school root and the grade. */
    private static final Set<Long> NOT_CLASSES = Set.of(1L, GRADE);
    /** The seed's classes are 11..35; any id that is none of them, the grade or the root is unknown (40066). */
    private static final long LAST_SEEDED_CLASS = 35;

    private static final Pattern USERID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_\\-@.]*");
    private static final Pattern MOBILE = Pattern.compile("[0-9+\\-]{1,32}");

    /** The rules {@link #exercised()} counts; a run of the default seeds should reach all of them. */
    static final Set<String> TRACKED_RULES = Set.of("id repeated in a request", "student renamed", "student renamed, case only",
            "student renamed to an id freed earlier in the batch", "student's second rename refused", "student with parents renamed",
            "student with parents not deleted", "parent renamed", "parent renamed to an id freed earlier in the batch",
            "parent's second rename refused", "parent's children replaced", "parent mobile taken", "student mobile taken",
            "notice with no valid recipient", "notice sent though partly invalid", "notice from an app that is no parent app");

    /** One failed batch item as result_list shows it: the id as sent ("" if none) and its errcode. */
    record Failure(String id, int errcode) {}

    /** A predicted answer: the top-level errcode and, for a batch, the failed items (null for single calls). */
    record Outcome(int errcode, List<Failure> failures, NoticeModel.Prediction notice) {
        Outcome(int errcode, List<Failure> failures) { this(errcode, failures, null); }

        static Outcome single(int errcode) { return new Outcome(errcode, null); }
    }

    private final ModelSchool school = new ModelSchool();
    /** How often each tracked rule fired, so a test can tell that its sequences reach them. */
    private final Map<String, Integer> exercised = new TreeMap<>();
    /** Keys that renames of the current request gave up, to tell when a later item takes one (12 Q21). */
    private final Set<String> freedInRequest = new HashSet<>();
    /**
     * The change events the answered requests owe the editor's callback, in commit order, as
     * {@code EventReceiver} summaries (events spec §1.2): one per applied item, none for a failed one,
     * none for an update that changes nothing a read shows.
     */
    private final List<String> events = new ArrayList<>();
    /** Classes the sequences create and delete under the grade (the seed's 11-35 stay). */
    static final List<Long> EXTRA_CLASSES = List.of(40L, 41L, 42L, 43L);
    private final Map<Long, String> extraClasses = new TreeMap<>();
    private final NoticeModel notices = new NoticeModel(school, this::departments);

    // ---- the endpoints -------------------------------------------------------------------------

    Outcome batchCreateStudents(List<Map<String, Object>> items) { return batch(items, "student_userid", this::createStudent); }

    Outcome batchUpdateStudents(List<Map<String, Object>> items) { return batch(items, "student_userid", this::updateStudent); }

    Outcome batchDeleteStudents(List<String> ids) {
        return batch(ids.stream().map(id -> Map.<String, Object>of("student_userid", id)).toList(), "student_userid",
                (item, seen) -> deleteStudent((String) item.get("student_userid"), seen));
    }

    Outcome createStudent(Map<String, Object> item) { return single(item, this::createStudent); }

    Outcome updateStudent(Map<String, Object> item) { return single(item, this::updateStudent); }

    Outcome deleteStudent(String id) { return single(id, this::deleteStudent); }

    Outcome createParent(Map<String, Object> item) { return single(item, this::createParent); }

    Outcome updateParent(Map<String, Object> item) { return single(item, this::updateParent); }

    Outcome deleteParent(String id) { return single(id, this::deleteParent); }

    private <T> Outcome single(T request, BiFunction<T, Set<String>, Integer> rule) {
        freedInRequest.clear();
        return Outcome.single(rule.apply(request, new HashSet<>()));
    }

    Outcome batchCreateParents(List<Map<String, Object>> items) { return batch(items, "parent_userid", this::createParent); }

    Outcome batchUpdateParents(List<Map<String, Object>> items) { return batch(items, "parent_userid", this::updateParent); }

    Outcome batchDeleteParents(List<String> ids) {
        return batch(ids.stream().map(id -> Map.<String, Object>of("parent_userid", id)).toList(), "parent_userid",
                (item, seen) -> deleteParent((String) item.get("parent_userid"), seen));
    }

    // ---- school notices (events spec §4) ----------------------------------------------------------

    /** A message/send by the app {@code agentid}, answered and, when accepted, stored in the inbox. */
    Outcome sendNotice(long agentid, Map<String, Object> body) { return notices.send(agentid, body, exercised); }

    /** The notices the user holding {@code userid} now received, newest first, by text. */
    List<String> inbox(String userid) { return notices.inbox(userid); }

    /** Every department there is: the root, the grade, the seeded classes and the sequences' own. */
    private Set<Long> departments() {
        Set<Long> out = new HashSet<>(NOT_CLASSES);
        for (long id = GRADE + 1; id <= LAST_SEEDED_CLASS; id++) out.add(id);
        out.addAll(extraClasses.keySet());
        return out;
    }

    // ---- departments (school spec 7.1-7.3): classes of the grade, made and removed --------------------

    Outcome createClass(long id, String name) {
        if (id <= 1) return Outcome.single(40058);
        if (id <= LAST_SEEDED_CLASS || id == GRADE || extraClasses.containsKey(id)) return Outcome.single(60008);
        extraClasses.put(id, name);
        events.add("create_department " + id);
        return Outcome.single(0);
    }

    Outcome renameClass(long id, String name) {
        if (!extraClasses.containsKey(id)) return Outcome.single(60003); // the sequences aim only at their own classes' ids
        if (!name.equals(extraClasses.get(id))) {
            note("class renamed");
            events.add("update_department " + id);
        } else {
            note("class update that changes nothing");
        }
        extraClasses.put(id, name);
        return Outcome.single(0);
    }

    Outcome deleteClass(long id) {
        if (!extraClasses.containsKey(id)) return Outcome.single(60003);
        if (school.students().stream().anyMatch(st -> st.classes.contains(id))) {
            note("class with students not deleted");
            return Outcome.single(60005);
        }
        extraClasses.remove(id);
        events.add("delete_department " + id);
        return Outcome.single(0);
    }

    /** The events owed so far (see {@link #events}). */
    List<String> events() { return List.copyOf(events); }

    // ---- per-item rules: 0 when the item succeeded (and was applied), else its errcode --------------

    private interface ItemRule {
        int apply(Map<String, Object> item, Set<String> seenKeys);
    }

    /** Items strictly in order, each seeing the earlier ones' effects (12 Q21); failures listed in order (6.5.4). */
    private Outcome batch(List<Map<String, Object>> items, String idField, ItemRule rule) {
        freedInRequest.clear();
        Set<String> seen = new HashSet<>();
        List<Failure> failures = new ArrayList<>();
        for (Map<String, Object> item : items) {
            int code = rule.apply(item, seen);
            if (code != 0) failures.add(new Failure(item.get(idField) == null ? "" : (String) item.get(idField), code));
        }
        return new Outcome(failures.isEmpty() ? 0 : failures.get(0).errcode(), failures);
    }

    /** Step 1 and 2 of 6.5.3: missing 41009, bad grammar 40003, an id named earlier in the request 40058. */
    private int idFault(String id, Set<String> seen) {
        if (id == null) return 41009;
        if (!USERID.matcher(id).matches()) return 40003;
        if (!seen.add(key(id))) {
            note("id repeated in a request");
            return 40058;
        }
        return 0;
    }

    private int createStudent(Map<String, Object> item, Set<String> seen) {
        String id = (String) item.get("student_userid");
        int fault = idFault(id, seen);
        if (fault != 0) return fault;
        if (school.taken(key(id))) return 60102; // one namespace for students and parents (5.5, 12 Q9)
        fault = studentMobileFault((String) item.get("mobile"), null);
        if (fault != 0) return fault;
        List<Long> classes = classes(item);
        fault = classFault(classes);
        if (fault != 0) return fault;
        school.addStudent(id, (String) item.get("name"), classes, (String) item.get("mobile"));
        events.add("create_student " + id);
        return 0;
    }

    private int updateStudent(Map<String, Object> item, Set<String> seen) {
        String id = (String) item.get("student_userid");
        int fault = idFault(id, seen);
        if (fault != 0) return fault;
        Student s = school.student(key(id));
        if (s == null) return school.parent(key(id)) != null ? 65010 : 60111; // a parent is no student (5.5)
        String newId = (String) item.get("new_student_userid");
        boolean renaming = newId != null && !newId.equals(s.userid); // exact same id: no rename (6.5.3 step 4)
        if (renaming) {
            fault = renameFault(newId, key(s.userid), s.renamed);
            if (fault == 301036) note("student's second rename refused");
            if (fault != 0) return fault;
        }
        String mobile = (String) item.get("mobile");
        fault = studentMobileFault(mobile, s);
        if (fault != 0) return fault;
        List<Long> classes = classes(item);
        fault = classFault(classes);
        if (fault != 0) return fault;

        String before = studentView(s);
        String oldUserid = s.userid;
        if (mobile != null) s.mobile = mobile.isEmpty() ? null : mobile;
        if (renaming) {
            String oldKey = key(s.userid);
            note(oldKey.equals(key(newId)) ? "student renamed, case only" : "student renamed");
            if (freedInRequest.contains(key(newId))) note("student renamed to an id freed earlier in the batch");
            freedInRequest.add(oldKey);
            if (school.hasParents(oldKey)) note("student with parents renamed");
            school.renameStudent(s, newId); // a case-only change counts (12 Q5); parents' links follow (5.5)
        }
        if (item.get("name") != null) s.name = (String) item.get("name");
        if (!classes.isEmpty()) s.classes = classes; // replace; [] or absent leaves them (12 Q4)
        if (!before.equals(studentView(s))) {
            events.add("update_student " + oldUserid + (oldUserid.equals(s.userid) ? "" : "->" + s.userid));
        } else {
            note("student update that changes nothing");
        }
        return 0;
    }

    private int deleteStudent(String id, Set<String> seen) {
        int fault = idFault(id, seen);
        if (fault != 0) return fault;
        if (school.student(key(id)) == null) return school.parent(key(id)) != null ? 65010 : 60111;
        if (school.hasParents(key(id))) {
            note("student with parents not deleted");
            return 65013; // 12 Q15
        }
        events.add("delete_student " + school.student(key(id)).userid);
        school.removeStudent(key(id));
        return 0;
    }

    private int createParent(Map<String, Object> item, Set<String> seen) {
        String id = (String) item.get("parent_userid");
        int fault = idFault(id, seen);
        if (fault != 0) return fault;
        if (school.taken(key(id))) return 60102;
        String mobile = (String) item.get("mobile");
        fault = parentMobileFault(mobile, null);
        if (fault != 0) return fault;
        Map<String, String> children = children(item);
        fault = childrenFault(children);
        if (fault != 0) return fault;
        school.addParent(id, mobile, links(children));
        events.add("create_parent " + id);
        for (Link l : links(children)) events.add("update_student " + school.student(l.studentKey()).userid);
        return 0;
    }

    private int updateParent(Map<String, Object> item, Set<String> seen) {
        String id = (String) item.get("parent_userid");
        int fault = idFault(id, seen);
        if (fault != 0) return fault;
        Parent p = school.parent(key(id));
        if (p == null) return 60111;
        String newId = (String) item.get("new_parent_userid");
        boolean renaming = newId != null && !newId.equals(p.userid);
        if (renaming) {
            fault = renameFault(newId, key(p.userid), p.renamed); // 6.8: same rules as a student rename
            if (fault == 301036) note("parent's second rename refused");
            if (fault != 0) return fault;
        }
        String mobile = (String) item.get("mobile");
        if (mobile != null) {
            fault = parentMobileFault(mobile, p);
            if (fault != 0) return fault;
        }
        Map<String, String> children = children(item);
        fault = childrenFault(children);
        if (fault != 0) return fault;

        String oldUserid = p.userid;
        String oldMobile = p.mobile;
        List<Link> formerChildren = p.children;
        if (renaming) {
            note("parent renamed");
            if (freedInRequest.contains(key(newId))) note("parent renamed to an id freed earlier in the batch");
            freedInRequest.add(key(p.userid));
            school.renameParent(p, newId);
        }
        if (mobile != null) p.mobile = mobile;
        if (!children.isEmpty()) {
            note("parent's children replaced");
            p.children = links(children); // full replacement; empty leaves them (6.8)
        }
        parentEvents(p, oldUserid, oldMobile, formerChildren);
        return 0;
    }

    private int deleteParent(String id, Set<String> seen) {
        int fault = idFault(id, seen);
        if (fault != 0) return fault;
        Parent p = school.parent(key(id));
        if (p == null || !school.removeParent(key(id))) return 60111;
        events.add("delete_parent " + p.userid);
        for (Link l : p.children) events.add("update_student " + school.student(l.studentKey()).userid);
        return 0;
    }

    /** A student as user/get shows her without her parents (what an update must change to fire an event). */
    private static String studentView(Student s) {
        return s.userid + "|" + s.name + "|" + s.mobile + "|" + s.classes;
    }

    /**
     * update_parent's events: the parent's own when anything of it changed (children and their order
     * included), then update_student for each current child whose parent list changed (every one when
     * the parent's id or mobile did), then for each removed child in the former order.
     */
    private void parentEvents(Parent p, String oldUserid, String oldMobile, List<Link> formerChildren) {
        boolean itselfChanged = !oldUserid.equals(p.userid) || !oldMobile.equals(p.mobile);
        if (!itselfChanged && formerChildren.equals(p.children)) {
            note("parent update that changes nothing");
            return;
        }
        events.add("update_parent " + oldUserid + (oldUserid.equals(p.userid) ? "" : "->" + p.userid));
        Map<String, String> former = new LinkedHashMap<>();
        for (Link l : formerChildren) former.put(l.studentKey(), l.relation());
        for (Link l : p.children) {
            boolean had = former.containsKey(l.studentKey());
            String was = former.remove(l.studentKey());
            if (!had || itselfChanged || !l.relation().equals(was)) events.add("update_student " + school.student(l.studentKey()).userid);
        }
        for (String removed : former.keySet()) events.add("update_student " + school.student(removed).userid);
    }

    private int renameFault(String newId, String ownKey, boolean renamed) {
        if (!USERID.matcher(newId).matches()) return 40003;
        if (!key(newId).equals(ownKey) && school.taken(key(newId))) return 60102;
        if (renamed) return 301036; // the userid may change once (12 Q5)
        return 0;
    }

    private int studentMobileFault(String mobile, Student self) {
        // Write-only, unique among the school's students (12 Q13); "" clears it and never conflicts.
        if (mobile == null || mobile.isEmpty()) return 0;
        if (!MOBILE.matcher(mobile).matches()) return 60103;
        for (Student other : school.students()) {
            if (other != self && mobile.equals(other.mobile)) {
                note("student mobile taken");
                return 60149;
            }
        }
        return 0;
    }

    private int parentMobileFault(String mobile, Parent self) {
        if (!MOBILE.matcher(mobile).matches()) return 60103;
        for (Parent other : school.parents()) {
            if (other != self && other.mobile.equals(mobile)) {
                note("parent mobile taken");
                return 60137; // unique per school (12 Q14)
            }
        }
        return 0;
    }

    /** The first listed department that is unknown or not a class (both 40066, 12 Q32). */
    private int classFault(List<Long> classes) {
        for (Long id : classes) {
            if (NOT_CLASSES.contains(id)) return 40066;
            if (extraClasses.containsKey(id)) continue;
            if (id < CLASSES.get(0) || id > LAST_SEEDED_CLASS) return 40066;
        }
        return 0;
    }

    private int childrenFault(Map<String, String> children) {
        for (String studentKey : children.keySet()) {
            if (school.student(studentKey) == null) return school.parent(studentKey) != null ? 65010 : 60111;
        }
        return 0;
    }

    /** Class ids in the order sent, duplicates collapsed (5.3). */
    @SuppressWarnings("unchecked")
    private static List<Long> classes(Map<String, Object> item) {
        Object sent = item.get("department");
        if (sent == null) return List.of();
        Set<Long> out = new LinkedHashSet<>();
        for (Number n : (List<Number>) sent) out.add(n.longValue());
        return List.copyOf(out);
    }

    /** One entry per student, in the order first listed, with the last entry's relation (5.4). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> children(Map<String, Object> item) {
        Map<String, String> out = new LinkedHashMap<>();
        Object sent = item.get("children");
        if (sent == null) return out;
        for (Map<String, String> child : (List<Map<String, String>>) sent) out.put(key(child.get("student_userid")), child.get("relation"));
        return out;
    }

    private static List<Link> links(Map<String, String> children) {
        List<Link> out = new ArrayList<>();
        children.forEach((k, relation) -> out.add(new Link(k, relation)));
        return out;
    }

    private void note(String rule) {
        exercised.merge(rule, 1, Integer::sum);
    }

    /** How often each of {@link #TRACKED_RULES} fired so far. */
    Map<String, Integer> exercised() { return exercised; }

    /** What the school holds now. */
    ModelSchool school() { return school; }
}
