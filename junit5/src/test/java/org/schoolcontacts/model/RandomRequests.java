package org.schoolcontacts.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.schoolcontacts.model.SchoolModel.Outcome;

/**
 * Random student and parent writes over a small pool of ids, so that the interesting cases happen
 * often: ids in another case, the same id twice in a batch, renames onto taken ids and onto ids freed
 * earlier in the batch, second renames, students whose parents keep them from being deleted, parent
 * mobiles that collide. Requests stay clear of the whole-request 40058s (lengths, counts, types): every
 * id is 1-64 bytes, every name 1-32 characters, lists short; only per-item outcomes are in play.
 */
final class RandomRequests {
    static final String USER = "/cgi-bin/school/user/";

    /** A request, how the model answers it (applying it as it goes), and the app that sends it (its agentid). */
    record Operation(String endpoint, String method, String pathAndQuery, Object body, String idField,
                     Function<SchoolModel, Outcome> model, long agentid) {
        /** Sent by the editor, as every directory write is. */
        Operation(String endpoint, String method, String pathAndQuery, Object body, String idField, Function<SchoolModel, Outcome> model) {
            this(endpoint, method, pathAndQuery, body, idField, model, EDITOR);
        }

        boolean batch() { return idField != null; }
    }

    static final long EDITOR = 1000001;

    private static final List<String> STUDENT_IDS = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9",
            "s10", "s11", "s12", "s13", "stu.a", "stu-b", "kid@c", "k_d");
    private static final List<String> PARENT_IDS = List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6");
    private static final List<String> RENAME_TARGETS = List.of("r0", "r1", "r2", "r3", "r4");
    /** Per-item 40003: a bad first character or a character outside [0-9A-Za-z_-@.], all within 64 bytes. */
    private static final List<String> ILLEGAL_IDS = List.of("-lead", "_under", "has space", "bang!", "名字");
    private static final List<String> NAMES = List.of("张三", "李四", "Wang Fang", "Li Lei", "名".repeat(32), "x");
    private static final List<String> RELATIONS = List.of("爸爸", "妈妈", "伯父", "guardian", "aunt");
    private static final List<String> PARENT_MOBILES = List.of("13800000000", "13800000001", "13800000002", "13800000003",
            "13800000004", "13800000005", "+86-13900000000", "13800000007");
    private static final List<String> BAD_MOBILES = List.of("12ab", "phone", "138 0000");

    private final Random random;
    private final ModelSchool school;
    private final RandomNotices notices;

    /** Requests drawn from {@code random}, aimed at what {@code school} holds when each is drawn. */
    RandomRequests(Random random, ModelSchool school) {
        this.random = random;
        this.school = school;
        this.notices = new RandomNotices(random, school);
    }

    /** The next request, weighted towards batch_update_student, the endpoint with the most rules. */
    Operation next() {
        if (school.students().size() < 3) return batchCreateStudents();
        if (random.nextInt(100) < 8) return classOperation();
        if (random.nextInt(100) < 10) return notices.next();
        int roll = random.nextInt(100);
        if (roll < 14) return batchCreateStudents();
        if (roll < 40) return batchUpdateStudents();
        if (roll < 48) return batchDeleteStudents();
        if (roll < 51) return single("create_student", newStudent(), SchoolModel::createStudent);
        if (roll < 56) return single("update_student", studentChange(List.of()), SchoolModel::updateStudent);
        if (roll < 59) return deleteOne("delete_student", anyStudentId(), SchoolModel::deleteStudent);
        if (roll < 70) return single("create_parent", newParent(), SchoolModel::createParent);
        if (roll < 82) return single("update_parent", parentChange(List.of()), SchoolModel::updateParent);
        if (roll < 85) return deleteOne("delete_parent", anyParentId(), SchoolModel::deleteParent);
        if (roll < 90) return batchOf("batch_create_parent", "parents", "parent_userid", 1 + random.nextInt(3),
                this::newParent, SchoolModel::batchCreateParents);
        if (roll < 97) return batchUpdateParents();
        return batchDelete("batch_delete_parent", "parent_userid", this::anyParentId, SchoolModel::batchDeleteParents);
    }

    // ---- classes -------------------------------------------------------------------------------

    private static final List<String> CLASS_NAMES = List.of("Maple", "Birch", "Cedar");

    /** Create, rename or delete one of the model's own class ids (40-43), existing or not. */
    private Operation classOperation() {
        long id = pick(SchoolModel.EXTRA_CLASSES);
        String name = pick(CLASS_NAMES) + " " + id;
        int roll = random.nextInt(3);
        String dept = "/cgi-bin/school/department/";
        if (roll == 0) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("parentid", SchoolModel.GRADE);
            body.put("type", 1);
            body.put("name", name);
            return new Operation("department/create", "POST", dept + "create", body, null, m -> m.createClass(id, name));
        }
        if (roll == 1) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("name", name);
            return new Operation("department/update", "POST", dept + "update", body, null, m -> m.renameClass(id, name));
        }
        return new Operation("department/delete", "GET", dept + "delete?id=" + id, null, null, m -> m.deleteClass(id));
    }

    // ---- students ------------------------------------------------------------------------------

    private Operation batchCreateStudents() {
        return batchOf("batch_create_student", "students", "student_userid", 1 + random.nextInt(5), this::newStudent,
                SchoolModel::batchCreateStudents);
    }

    private Map<String, Object> newStudent() {
        Map<String, Object> s = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        if (roll < 65) s.put("student_userid", recase(free(STUDENT_IDS)));
        else if (roll < 85) s.put("student_userid", recase(anyUserId())); // mostly taken: 60102
        else if (roll < 95) s.put("student_userid", recase(pick(RENAME_TARGETS)));
        else if (roll < 98) s.put("student_userid", pick(ILLEGAL_IDS));
        // else no id at all: 41009
        s.put("name", pick(NAMES));
        s.put("department", departments(false));
        if (random.nextInt(10) == 0) s.put("mobile", random.nextBoolean() ? "+86-13812345678" : pick(BAD_MOBILES));
        return s;
    }

    private Operation batchUpdateStudents() {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> neverRenamed = school.students().stream().filter(st -> !st.renamed).map(st -> st.userid).toList();
        if (random.nextInt(6) == 0) chainedRenames(items, "student_userid", "new_student_userid", neverRenamed, RENAME_TARGETS);
        int n = random.nextInt(6);
        for (int i = 0; i < n || items.isEmpty(); i++) items.add(studentChange(items));
        return batchOf("batch_update_student", "students", "student_userid", items, SchoolModel::batchUpdateStudents);
    }

    /** One update item; {@code earlier} are the batch's items so far, to repeat or follow their ids. */
    private Map<String, Object> studentChange(List<Map<String, Object>> earlier) {
        Map<String, Object> c = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        String own;
        if (roll < 62 || earlier.isEmpty() && roll < 80) own = anyStudentId();
        else if (roll < 72) own = (String) pick(earlier).get("student_userid");        // 40058 (or 41009 again)
        else if (roll < 80) own = orElse((String) pick(earlier).get("new_student_userid"), this::anyStudentId); // follows a rename
        else if (roll < 88) own = pick(STUDENT_IDS);                                    // may not exist: 60111
        else if (roll < 93) own = anyParentId();                                        // a parent is no student: 65010
        else if (roll < 97) own = pick(ILLEGAL_IDS);
        else own = null;                                                                // 41009
        if (own != null) c.put("student_userid", recase(own));
        if (random.nextInt(100) < 45) c.put("new_student_userid", newUserid(own, earlier, "new_student_userid"));
        if (random.nextInt(100) < 40) c.put("name", pick(NAMES));
        if (random.nextInt(100) < 10) c.put("mobile", pick(List.of("", "13912345678", pick(BAD_MOBILES))));
        if (random.nextInt(100) < 40) c.put("department", departments(true));
        return c;
    }

    private Operation batchDeleteStudents() {
        return batchDelete("batch_delete_student", "student_userid", this::anyStudentId, SchoolModel::batchDeleteStudents);
    }

    /** 1-4 ids, mostly of existing students, some repeated (40058), unknown, a parent's or malformed. */
    private Operation batchDelete(String endpoint, String idField, Supplier<String> existing, BiFunction<SchoolModel, List<String>, Outcome> rule) {
        List<String> ids = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int roll = random.nextInt(100);
            if (roll < 60 || ids.isEmpty() && roll < 75) ids.add(recase(existing.get()));
            else if (roll < 75) ids.add(recase(pick(ids)));
            else if (roll < 93) ids.add(recase(anyUserId()));
            else ids.add(pick(ILLEGAL_IDS));
        }
        List<String> sent = List.copyOf(ids);
        return new Operation(endpoint, "POST", USER + endpoint, Map.of("useridlist", sent), idField, m -> rule.apply(m, sent));
    }

    // ---- parents -------------------------------------------------------------------------------

    private Map<String, Object> newParent() {
        Map<String, Object> p = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        if (roll < 80) p.put("parent_userid", recase(free(PARENT_IDS)));
        else if (roll < 93) p.put("parent_userid", recase(anyUserId()));
        else if (roll < 97) p.put("parent_userid", pick(ILLEGAL_IDS));
        // else no id: 41009
        p.put("mobile", mobile());
        p.put("children", children(false));
        return p;
    }

    private Operation batchUpdateParents() {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> neverRenamed = school.parents().stream().filter(p -> !p.renamed).map(p -> p.userid).toList();
        if (random.nextInt(4) == 0) chainedRenames(items, "parent_userid", "new_parent_userid", neverRenamed, PARENT_IDS);
        int n = random.nextInt(4);
        for (int i = 0; i < n || items.isEmpty(); i++) items.add(parentChange(items));
        return batchOf("batch_update_parent", "parents", "parent_userid", items, SchoolModel::batchUpdateParents);
    }

    private Map<String, Object> parentChange(List<Map<String, Object>> earlier) {
        Map<String, Object> c = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        String own;
        if (roll < 70 || earlier.isEmpty() && roll < 85) own = anyParentId();
        else if (roll < 80) own = (String) pick(earlier).get("parent_userid");
        else if (roll < 85) own = orElse((String) pick(earlier).get("new_parent_userid"), this::anyParentId);
        else if (roll < 93) own = anyStudentId();                                       // a student is no parent: 60111
        else if (roll < 97) own = pick(ILLEGAL_IDS);
        else own = null;
        if (own != null) c.put("parent_userid", recase(own));
        // A parent renamed before mostly tries again here (301036): parents are few, renames of them rarer.
        boolean renamedBefore = own != null && school.parent(ModelSchool.key(own)) != null && school.parent(ModelSchool.key(own)).renamed;
        if (random.nextInt(100) < (renamedBefore ? 70 : 45)) c.put("new_parent_userid", newUserid(own, earlier, "new_parent_userid"));
        if (random.nextInt(100) < 30) c.put("mobile", mobile());
        if (random.nextInt(100) < 55) c.put("children", children(true));
        return c;
    }

    /** A parent's mobile: mostly one no parent has, sometimes a taken one (60137) or a malformed one (60103). */
    private String mobile() {
        int roll = random.nextInt(100);
        if (roll < 8) return pick(BAD_MOBILES);
        if (roll < 30) return pick(PARENT_MOBILES);
        List<String> free = PARENT_MOBILES.stream().filter(m -> school.parents().stream().noneMatch(p -> p.mobile.equals(m))).toList();
        return free.isEmpty() ? pick(PARENT_MOBILES) : pick(free);
    }

    /** 1-3 children of existing students (sometimes a stranger: 60111, sometimes one twice); [] only for updates. */
    private List<Map<String, String>> children(boolean mayBeEmpty) {
        List<Map<String, String>> out = new ArrayList<>();
        int n = mayBeEmpty && random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int roll = random.nextInt(100);
            String id = roll < 80 || out.isEmpty() && roll < 90 ? anyStudentId()
                    : roll < 90 ? pick(out).get("student_userid") : recase(anyUserId());
            out.add(Map.of("student_userid", recase(id), "relation", pick(RELATIONS)));
        }
        return out;
    }

    // ---- shared pieces -------------------------------------------------------------------------

    /**
     * A new id for a rename: the same id (no rename), the same in another case (a real rename), a free
     * or taken id of the pools, an id an earlier item of the batch renamed to or away from, or a malformed one.
     */
    private String newUserid(String own, List<Map<String, Object>> earlier, String field) {
        int roll = random.nextInt(100);
        if (own != null && roll < 10) return own;
        if (own != null && roll < 30) return recase(own);
        if (roll < 50) return recase(pick(RENAME_TARGETS));
        if (roll < 62) return recase(field.startsWith("new_student") ? pick(STUDENT_IDS) : pick(PARENT_IDS));
        if (roll < 75) return recase(anyUserId());
        if (roll < 82 && !earlier.isEmpty() && pick(earlier).get(field) instanceof String s) return recase(s);
        // The id an earlier item named: free again if that item renamed its user away.
        String ownField = field.replace("new_", "");
        if (roll < 96 && !earlier.isEmpty() && pick(earlier).get(ownField) instanceof String s) return recase(s);
        return pick(ILLEGAL_IDS);
    }

    /**
     * Two items where the second takes the id the first gives up: a -> a free id, then b -> a. Later
     * items see earlier ones' effects (12 Q21), so both succeed when a and b were never renamed.
     */
    private void chainedRenames(List<Map<String, Object>> items, String idField, String newField, List<String> candidates,
                                List<String> pool) {
        if (candidates.size() < 2) return;
        String a = pick(candidates);
        String b = pick(candidates.stream().filter(id -> !id.equals(a)).toList());
        Map<String, Object> first = new LinkedHashMap<>();
        first.put(idField, recase(a));
        first.put(newField, recase(free(pool)));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put(idField, recase(b));
        second.put(newField, recase(a));
        items.add(first);
        items.add(second);
    }

    /** 1-3 classes, sometimes repeated; sometimes with the grade (40066) or an unknown id (40066 too); [] when allowed. */
    private List<Long> departments(boolean mayBeEmpty) {
        List<Long> out = new ArrayList<>();
        if (mayBeEmpty && random.nextInt(10) == 0) return out;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) out.add(random.nextInt(6) == 0 ? pick(SchoolModel.EXTRA_CLASSES) : pick(SchoolModel.CLASSES));
        if (random.nextInt(12) == 0) out.add(random.nextInt(out.size() + 1), pick(List.of(SchoolModel.GRADE, 1L, 999L, 36L)));
        return out;
    }

    private Operation single(String endpoint, Map<String, Object> body, BiFunction<SchoolModel, Map<String, Object>, Outcome> rule) {
        return new Operation(endpoint, "POST", USER + endpoint, body, null, m -> rule.apply(m, body));
    }

    /** The GET deletes; an id is always sent (an absent one is the request's concern, not an item's). */
    private Operation deleteOne(String endpoint, String id, BiFunction<SchoolModel, String, Outcome> rule) {
        String sent = random.nextInt(10) == 0 ? pick(ILLEGAL_IDS) : recase(id);
        return new Operation(endpoint, "GET", USER + endpoint + "?userid=" + URLEncoder.encode(sent, StandardCharsets.UTF_8),
                null, null, m -> rule.apply(m, sent));
    }

    private Operation batchOf(String endpoint, String listField, String idField, int n, Supplier<Map<String, Object>> item,
                              BiFunction<SchoolModel, List<Map<String, Object>>, Outcome> rule) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Now and then the same id twice in one batch: the later one fails 40058.
            if (!items.isEmpty() && random.nextInt(8) == 0 && items.get(0).get(idField) instanceof String first) {
                Map<String, Object> again = new LinkedHashMap<>(item.get());
                again.put(idField, recase(first));
                items.add(again);
            } else {
                items.add(item.get());
            }
        }
        return batchOf(endpoint, listField, idField, items, rule);
    }

    private static Operation batchOf(String endpoint, String listField, String idField, List<Map<String, Object>> items,
                                     BiFunction<SchoolModel, List<Map<String, Object>>, Outcome> rule) {
        List<Map<String, Object>> sent = List.copyOf(items);
        return new Operation(endpoint, "POST", USER + endpoint, Map.of(listField, sent), idField, m -> rule.apply(m, sent));
    }

    /** An id of the pool no one holds, if there is one. */
    private String free(List<String> pool) {
        List<String> free = pool.stream().filter(id -> !school.taken(ModelSchool.key(id))).toList();
        return free.isEmpty() ? pick(pool) : pick(free);
    }

    private String anyStudentId() {
        List<ModelSchool.Student> all = school.students();
        return all.isEmpty() || random.nextInt(10) == 0 ? pick(STUDENT_IDS) : pick(all).userid;
    }

    /** Mostly a parent of the school; a quarter of the time one that was renamed already, if any (301036). */
    private String anyParentId() {
        List<ModelSchool.Parent> all = school.parents();
        List<ModelSchool.Parent> renamed = all.stream().filter(p -> p.renamed).toList();
        if (!renamed.isEmpty() && random.nextInt(4) == 0) return pick(renamed).userid;
        return all.isEmpty() || random.nextInt(10) == 0 ? pick(PARENT_IDS) : pick(all).userid;
    }

    private String anyUserId() {
        return random.nextBoolean() ? anyStudentId() : anyParentId();
    }

    /** The id as stored, or with each letter's case flipped at random (look-ups ignore case; renames do not). */
    private String recase(String id) {
        if (id == null || random.nextBoolean()) return id;
        StringBuilder b = new StringBuilder(id.length());
        for (char ch : id.toCharArray()) b.append(random.nextBoolean() ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
        return b.toString();
    }

    private static String orElse(String id, Supplier<String> other) {
        return id != null ? id : other.get();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
