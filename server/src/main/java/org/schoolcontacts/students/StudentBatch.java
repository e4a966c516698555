package org.schoolcontacts.students;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolcontacts.events.Change;
import org.schoolcontacts.events.ChangeRecorder;
import org.schoolcontacts.events.ChangeType;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;
import org.schoolcontacts.wecom.WeComException;

/**
 * A student batch decided in memory and applied set-based (issue 15). Everything the batch touches is
 * read up front in a few statements ({@link BatchState}); each item is then decided strictly in
 * order, with exactly the checks of {@link StudentRules} in the same order, against that state, which
 * every applied item updates, so later items see earlier ones (spec 12 Q21). The applied items'
 * change events are worked out from the same before/after views {@code DirectoryChanges} compares
 * (userid, name, mobile, classes in order) and recorded in item order, so they take the same
 * sequence numbers as on the per-item path. {@link BatchFlush} then writes the net result in a
 * handful of batched statements.
 *
 * <p>The caller runs all of this under one savepoint: if the database refuses any flushed
 * statement, the plan was wrong about something, and the batch is re-run item by item.
 */
final class StudentBatch {
    private final Tx tx;
    private final ChangeRecorder recorder;
    private final boolean recording;
    private final List<FailedItem> failures = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private BatchState state;

    private StudentBatch(Tx tx, ChangeRecorder recorder) throws SQLException {
        this.tx = tx;
        this.recorder = recorder;
        this.recording = recorder.active(tx);
    }

    static List<FailedItem> create(Tx tx, ChangeRecorder recorder, List<NewStudent> items) throws SQLException {
        StudentBatch b = new StudentBatch(tx, recorder);
        Set<String> keys = new LinkedHashSet<>();
        Set<String> mobiles = new LinkedHashSet<>();
        Set<Long> classes = new LinkedHashSet<>();
        String[] sentKeys = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            NewStudent s = items.get(i);
            sentKeys[i] = addKey(keys, s.userid());
            addMobile(mobiles, s.mobile());
            classes.addAll(s.departments());
        }
        b.state = BatchState.load(tx, keys, mobiles, classes, false);
        for (int i = 0; i < items.size(); i++) {
            NewStudent s = items.get(i);
            b.item(s.userid(), sentKeys[i], key -> b.decideCreate(s, key));
        }
        BatchFlush.apply(tx, b.state);
        return b.failures;
    }

    static List<FailedItem> update(Tx tx, ChangeRecorder recorder, List<StudentChange> items) throws SQLException {
        StudentBatch b = new StudentBatch(tx, recorder);
        Set<String> keys = new LinkedHashSet<>();
        Set<String> mobiles = new LinkedHashSet<>();
        Set<Long> classes = new LinkedHashSet<>();
        String[] sentKeys = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            StudentChange c = items.get(i);
            sentKeys[i] = addKey(keys, c.userid());
            addKey(keys, c.newUserid());
            addMobile(mobiles, c.mobile());
            classes.addAll(c.departments());
        }
        b.state = BatchState.load(tx, keys, mobiles, classes, false);
        for (int i = 0; i < items.size(); i++) {
            StudentChange c = items.get(i);
            b.item(c.userid(), sentKeys[i], key -> b.decideUpdate(c, key));
        }
        BatchFlush.apply(tx, b.state);
        return b.failures;
    }

    static List<FailedItem> delete(Tx tx, ChangeRecorder recorder, List<String> items) throws SQLException {
        StudentBatch b = new StudentBatch(tx, recorder);
        Set<String> keys = new LinkedHashSet<>();
        String[] sentKeys = new String[items.size()];
        for (int i = 0; i < items.size(); i++) sentKeys[i] = addKey(keys, items.get(i));
        b.state = BatchState.load(tx, keys, Set.of(), Set.of(), true);
        for (int i = 0; i < items.size(); i++) {
            String id = items.get(i);
            b.item(id, sentKeys[i], key -> b.decideDelete(id, key));
        }
        BatchFlush.apply(tx, b.state);
        return b.failures;
    }

    /** Adds {@code id}'s key to {@code keys} and returns it; null (and nothing added) for an id that has none. */
    private static String addKey(Set<String> keys, String id) {
        if (id == null || !Limits.userIdCharactersOk(id)) return null;
        String key = Limits.userKey(id);
        keys.add(key);
        return key;
    }

    private static void addMobile(Set<String> mobiles, String mobile) {
        if (mobile != null && !mobile.isEmpty() && Limits.mobileOk(mobile)) mobiles.add(mobile);
    }

    @FunctionalInterface
    private interface Decision {
        void run(String key) throws SQLException;
    }

    /**
     * The batch's own steps before each item's rule: as {@code Students.batch} does them. {@code key} is
     * the sent id's key as worked out while the batch's keys were gathered (null: the id has none), so
     * an id is checked and lowered once per item, not at every step (issue 15, JFR).
     */
    private void item(String sent, String key, Decision decision) throws SQLException {
        try {
            // as StudentRules.keyOf, whose answer key already is when the id has one
            if (key == null) StudentRules.keyOf(sent);
            // Spec 6.5.3 step 2: a later occurrence of an id fails, the first one is unaffected.
            if (!seen.add(key)) throw StudentRules.duplicateInRequest(sent);
            decision.run(key);
        } catch (WeComException e) {
            failures.add(FailedItem.of(sent, e));
        }
    }

    // ---- the rules, in StudentRules' order; each throws before it changes the state ---------

    private void decideCreate(NewStudent s, String key) throws SQLException {
        if (s.name() == null) throw WeComError.invalidParameter(StudentRequests.NAME);
        if (s.departments().isEmpty()) throw WeComError.invalidParameter(StudentRequests.DEPARTMENT);
        String mobile = s.mobile() == null || s.mobile().isEmpty() ? null : s.mobile();
        if (state.holder(key) != null) throw WeComError.USERID_EXISTS.with(s.userid());
        if (mobile != null) {
            if (!Limits.mobileOk(mobile)) throw WeComError.INVALID_MOBILE.exception();
            if (state.mobileHolder(mobile) != null) throw WeComError.STUDENT_MOBILE_EXISTS.exception();
        }
        checkClasses(s.departments());
        Map<Long, Integer> delta = seats(List.of(), s.departments());
        // Applied: the insert's sequence number first, then the event's, as on the per-item path.
        BatchState.Row row = state.created(key, s.userid(), s.name(), mobile, s.departments(), tx.nextSeq());
        state.moveSeats(delta);
        if (recording) recorder.record(tx, Change.of(ChangeType.CREATE_STUDENT, row.userid));
    }

    private void decideUpdate(StudentChange c, String key) throws SQLException {
        BatchState.Row row = student(key, c.userid());
        String newUserid = c.newUserid();
        boolean renaming = newUserid != null && !newUserid.equals(row.userid);
        String newKey = key;
        if (renaming) {
            if (!Limits.userIdCharactersOk(newUserid)) throw WeComError.INVALID_STUDENT_USERID.with(newUserid);
            newKey = Limits.userKey(newUserid);
            if (!newKey.equals(key) && state.holder(newKey) != null) throw WeComError.USERID_EXISTS.with(newUserid);
            if (state.renamesUsedUp(row.renamed)) throw WeComError.USERID_NOT_UPDATABLE.with(c.userid());
        }
        if (c.mobile() != null && !c.mobile().isEmpty() && !Limits.mobileOk(c.mobile())) {
            throw WeComError.INVALID_MOBILE.exception();
        }
        String mobile = c.mobile() == null ? row.mobile : c.mobile().isEmpty() ? null : c.mobile();
        if (c.mobile() != null && mobile != null) {
            BatchState.Row holder = state.mobileHolder(mobile);
            if (holder != null && holder != row) throw WeComError.STUDENT_MOBILE_EXISTS.exception();
        }
        List<Long> classes = row.classes;
        Map<Long, Integer> delta = Map.of();
        if (!c.departments().isEmpty()) {
            checkClasses(c.departments());
            delta = seats(row.classes, c.departments());
            classes = c.departments();
        }
        // Applied. What user/get shows of the student without parents (userid, name, mobile, classes
        // in order), as DirectoryChanges compares it, before and after; the class list is replaced, never changed.
        String userBefore = row.userid;
        String nameBefore = row.name;
        String mobileBefore = row.mobile;
        List<Long> classesBefore = row.classes;
        if (renaming) state.rename(row, newKey, newUserid);
        if (c.name() != null) row.name = c.name();
        state.setMobile(row, mobile);
        row.classes = classes;
        state.moveSeats(delta);
        if (recording && (!userBefore.equals(row.userid) || !java.util.Objects.equals(nameBefore, row.name)
                || !java.util.Objects.equals(mobileBefore, row.mobile) || !classesBefore.equals(row.classes))) {
            recorder.record(tx, Change.renamed(ChangeType.UPDATE_STUDENT, userBefore, row.userid));
        }
    }

    private void decideDelete(String sent, String key) throws SQLException {
        BatchState.Row row = state.holder(key);
        // batch_delete_student's 60111 reads "userid not found" without the id (D-92040)
        if (row == null) throw WeComError.USERID_NOT_FOUND.exception();
        if (!row.isStudent()) throw WeComError.NOT_A_STUDENT.with(sent);
        if (row.hasParents) throw StudentRules.hasParents(sent);
        Map<Long, Integer> delta = new HashMap<>();
        for (Long dept : row.classes) delta.put(dept, -1);
        String stored = row.userid;
        state.deleted(row);
        state.moveSeats(delta);
        if (recording) recorder.record(tx, Change.of(ChangeType.DELETE_STUDENT, stored));
    }

    /** The student holding {@code key}: 60111 when no user has it, 65010 when a parent does. */
    private BatchState.Row student(String key, String sentId) {
        BatchState.Row row = state.holder(key);
        if (row == null) throw WeComError.USERID_NOT_FOUND.with(sentId);
        if (!row.isStudent()) throw WeComError.NOT_A_STUDENT.with(sentId);
        return row;
    }

    /** Each listed id must be a department and a class (both 40066), checked in the order sent. */
    private void checkClasses(List<Long> departments) {
        for (Long id : departments) {
            Integer type = state.departmentType(id);
            if (type == null) throw WeComError.INVALID_DEPARTMENT_LIST.with(id);
            if (type != StudentStore.CLASS) throw WeComError.NOT_A_CLASS.with(id);
        }
    }

    /** The seats moving from {@code current} to {@code next}; 81001 naming the first full class joined. */
    private Map<Long, Integer> seats(List<Long> current, List<Long> next) {
        Map<Long, Integer> delta = new LinkedHashMap<>();
        for (Long dept : next) {
            if (current.contains(dept)) continue;
            if (state.studentCount(dept) >= Limits.CLASS_CAPACITY) throw WeComError.CLASS_FULL.with(dept);
            delta.put(dept, 1);
        }
        for (Long dept : current) if (!next.contains(dept)) delta.put(dept, -1);
        return delta;
    }
}
