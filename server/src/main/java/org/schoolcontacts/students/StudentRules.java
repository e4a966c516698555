package org.schoolcontacts.students;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;
import org.schoolcontacts.wecom.WeComException;

/**
 * The per-item rules of the student writes (spec 6.1, 6.4, 6.5.3), in the spec's order, inside a
 * transaction that holds the corp lock; an instance serves one transaction. A refusal is a
 * {@link WeComException}; the caller's transaction or savepoint undoes whatever the item wrote before
 * it was refused, so each item is atomic. Checks run before writes where the order of the spec allows
 * it, so a refused item usually writes nothing; the database's keys still catch what a check missed.
 */
final class StudentRules {
    private final StudentStore store = new StudentStore();
    /**
     * Department types seen in this transaction (null = no such department). One instance of the rules
     * serves one transaction, which holds the corp lock, and a department's type never changes (spec 12
     * Q23), so a batch looks each class up once instead of once per item.
     */
    private final Map<Long, Integer> departmentTypes = new HashMap<>();

    /** Step 1 of 6.5.3: a missing id fails 41009, illegal characters 40003. Returns the case-insensitive key. */
    static String keyOf(String sentId) {
        if (sentId == null) throw WeComError.USERID_MISSING.exception();
        if (!Limits.userIdCharactersOk(sentId)) throw WeComError.INVALID_STUDENT_USERID.with(sentId);
        return Limits.userKey(sentId);
    }

    static WeComException hasParents(String sentId) {
        return WeComError.STUDENT_HAS_PARENTS.with(sentId);
    }

    static WeComException duplicateInRequest(String sentId) {
        return WeComError.INVALID_PARAMETER.withMessage("duplicate userid in request: " + sentId);
    }

    /** create_student (spec 6.1): id, required fields, uniqueness, mobile, classes, capacity. */
    void create(Tx tx, NewStudent s) throws SQLException {
        String key = keyOf(s.userid());
        if (s.name() == null) throw WeComError.invalidParameter(StudentRequests.NAME);
        if (s.departments().isEmpty()) throw WeComError.invalidParameter(StudentRequests.DEPARTMENT);
        String mobile = s.mobile() == null || s.mobile().isEmpty() ? null : s.mobile();
        // The insert is the uniqueness check (users primary key), so it comes first, keeping the update's
        // order: id, then mobile (format, then the students' mobile key: 60149), then classes.
        store.insert(tx, s.userid(), s.name());
        if (mobile != null) {
            if (!Limits.mobileOk(mobile)) throw WeComError.INVALID_MOBILE.exception();
            store.updateDetails(tx, key, null, mobile);
        }
        checkClasses(tx, s.departments());
        store.placeInClasses(tx, key, s.departments());
    }

    /** update_student and one batch_update_student item (spec 6.5.3 steps 3-7; step 1 is {@link #keyOf}). */
    void update(Tx tx, StudentChange c) throws SQLException {
        String key = keyOf(c.userid());
        StudentStore.Account student = student(tx, key, c.userid());
        String newUserid = c.newUserid();
        // Step 4: the exact current id is no rename at all; a change of case is.
        boolean renaming = newUserid != null && !newUserid.equals(student.userid());
        if (renaming) {
            if (!Limits.userIdCharactersOk(newUserid)) throw WeComError.INVALID_STUDENT_USERID.with(newUserid);
            String newKey = Limits.userKey(newUserid);
            if (!newKey.equals(key) && store.taken(tx, newKey)) throw WeComError.USERID_EXISTS.with(newUserid);
            if (student.renamesUsedUp()) throw notUpdatable(c.userid());
        }
        if (c.mobile() != null && !c.mobile().isEmpty() && !Limits.mobileOk(c.mobile())) {
            throw WeComError.INVALID_MOBILE.exception();
        }
        // Writes from here on; the item's transaction or savepoint undoes them if a later step refuses it.
        if (renaming) {
            // Conditional on the renames left: the rename-once rule holds even against a writer the checks above missed.
            if (!store.rename(tx, key, newUserid)) throw notUpdatable(c.userid());
            key = Limits.userKey(newUserid);
        }
        // Step 5: the students' mobile key refuses a mobile another student holds (60149).
        store.updateDetails(tx, key, c.name(), c.mobile());
        if (!c.departments().isEmpty()) {
            checkClasses(tx, c.departments());
            store.placeInClasses(tx, key, c.departments());
        }
    }

    /** delete_student and one batch_delete_student item (spec 6.4, 6.6; the id is already checked). */
    void delete(Tx tx, String sentId) throws SQLException {
        String key = keyOf(sentId);
        student(tx, key, sentId);
        if (store.hasParents(tx, key)) throw hasParents(sentId);
        store.delete(tx, key, sentId);
    }

    /** A batch_delete_student item: as {@link #delete}, but 60111 reads {@code userid not found} without the id (D-92040). */
    void deleteInBatch(Tx tx, String sentId) throws SQLException {
        try {
            delete(tx, sentId);
        } catch (WeComException e) {
            if (e.error() == WeComError.USERID_NOT_FOUND) throw WeComError.USERID_NOT_FOUND.exception();
            throw e;
        }
    }

    /** The student holding {@code key}: 60111 when no user has it, 65010 when a parent does (spec 5.5). */
    private StudentStore.Account student(Tx tx, String key, String sentId) throws SQLException {
        StudentStore.Account a = store.find(tx, key).orElseThrow(() -> WeComError.USERID_NOT_FOUND.with(sentId));
        if (!a.isStudent()) throw WeComError.NOT_A_STUDENT.with(sentId);
        return a;
    }

    /** Each listed id must be a department and a class (both 40066, spec 12 Q32), checked in the order sent. */
    private void checkClasses(Tx tx, List<Long> departments) throws SQLException {
        List<Long> unknown = departments.stream().filter(id -> !departmentTypes.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            Map<Long, Integer> found = store.departmentTypes(tx, unknown);
            for (Long id : unknown) departmentTypes.put(id, found.get(id));
        }
        for (Long id : departments) {
            Integer type = departmentTypes.get(id);
            if (type == null) throw WeComError.INVALID_DEPARTMENT_LIST.with(id);
            if (type != StudentStore.CLASS) throw WeComError.NOT_A_CLASS.with(id);
        }
    }

    private static WeComException notUpdatable(String sentId) {
        return WeComError.USERID_NOT_UPDATABLE.with(sentId);
    }
}
