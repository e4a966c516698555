package org.schoolcontacts.students;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.storage.ConstraintViolation;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * The students' SQL, the same on all three databases. Every statement is keyed by the corp and a
 * primary key or index prefix, so a batch of 100 items costs a few indexed statements per item.
 *
 * <p>The rules that must survive concurrent writers live in the statements themselves: the users
 * primary key on the lower-cased id is the case-insensitive namespace (60102), the rename is
 * conditional on {@code renamed = 0} (301036), joining a class is a conditional increment of its
 * {@code student_count} (81001), the students' mobiles have a unique key (60149), and the foreign keys follow a rename into memberships and parents'
 * links ({@code ON UPDATE CASCADE}) and refuse to delete a student a parent still links to.
 */
final class StudentStore {
    /** users.user_type of a student (a parent is 2). */
    static final int STUDENT = 1;
    /** departments.type of a class (spec 5.1). */
    static final int CLASS = 1;

    /** A row of users: a student or a parent. */
    /** {@code renamesUsedUp}: the id may not change again (rename-once, or the school's rename_limit). */
    record Account(String key, String userid, int userType, boolean renamesUsedUp) {
        boolean isStudent() { return userType == STUDENT; }
    }

    Optional<Account> find(Tx tx, String key) throws SQLException {
        return tx.one("SELECT userid, user_type, " + CorpStore.RENAMES_USED_UP + " FROM users WHERE corp_id = ? AND user_key = ?",
                rs -> new Account(key, rs.getString(1), rs.getInt(2), rs.getInt(3) != 0), tx.corpId(), key);
    }

    /** Whether a student or parent holds this key. */
    boolean taken(Tx tx, String key) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_key = ?", tx.corpId(), key) > 0;
    }

    /**
     * Inserts a student without a mobile (set next by {@link #updateDetails}, whose key says 60149); the
     * primary key refuses an id any student or parent holds in any case (60102).
     */
    void insert(Tx tx, String userid, String name) throws SQLException {
        try {
            tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, name, renamed, created_seq)"
                    + " VALUES (?, ?, ?, ?, ?, 0, ?)",
                    tx.corpId(), Limits.userKey(userid), userid, STUDENT, name, tx.nextSeq());
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.UNIQUE) throw WeComError.USERID_EXISTS.with(userid);
            throw e;
        }
    }

    /**
     * Renames a student whose renames are not used up; false when they are. Memberships and parents'
     * links follow through {@code ON UPDATE CASCADE}.
     */
    boolean rename(Tx tx, String key, String newUserid) throws SQLException {
        try {
            return tx.update("UPDATE users SET user_key = ?, userid = ?, renamed = renamed + 1"
                    + " WHERE corp_id = ? AND user_key = ? AND " + CorpStore.RENAME_ALLOWED,
                    Limits.userKey(newUserid), newUserid, tx.corpId(), key) == 1;
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.UNIQUE) throw WeComError.USERID_EXISTS.with(newUserid);
            throw e;
        }
    }

    /**
     * Sets the name and/or mobile; null leaves a field as it is, a mobile of {@code ""} clears it. The
     * unique key on the students' mobiles ({@code users_student_mobile}) refuses one that another student
     * of the school holds: 60149, whoever wrote it first.
     */
    void updateDetails(Tx tx, String key, String name, String mobile) throws SQLException {
        if (name == null && mobile == null) return;
        List<Object> params = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        if (name != null) {
            sets.add("name = ?");
            params.add(name);
        }
        if (mobile != null) {
            sets.add("mobile = ?");
            params.add(mobile.isEmpty() ? null : mobile);
        }
        params.add(tx.corpId());
        params.add(key);
        try {
            tx.update("UPDATE users SET " + String.join(", ", sets) + " WHERE corp_id = ? AND user_key = ?", params.toArray());
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.UNIQUE) throw WeComError.STUDENT_MOBILE_EXISTS.exception();
            throw e;
        }
    }

    /** Department types by id, for the ids that exist. */
    Map<Long, Integer> departmentTypes(Tx tx, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) return Map.of();
        Map<Long, Integer> out = new HashMap<>();
        List<Object> params = new ArrayList<>();
        params.add(tx.corpId());
        params.addAll(ids);
        for (long[] row : tx.query("SELECT dept_id, type FROM departments WHERE corp_id = ? AND dept_id IN (" + marks(ids.size()) + ")",
                rs -> new long[] {rs.getLong(1), rs.getInt(2)}, params.toArray())) {
            out.put(row[0], (int) row[1]);
        }
        return out;
    }

    /** The student's classes, in its department-list order. */
    List<Long> classesOf(Tx tx, String key) throws SQLException {
        return tx.query("SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ? ORDER BY position",
                rs -> rs.getLong(1), tx.corpId(), key);
    }

    /**
     * Makes {@code classes} the student's complete class list, in that order. Each class newly joined
     * takes a seat through a conditional increment of its count, so no two writers can overfill a class;
     * a full class fails the call with 81001 naming it (the caller's savepoint undoes earlier seats).
     */
    void placeInClasses(Tx tx, String key, List<Long> classes) throws SQLException {
        Map<Long, Integer> current = new LinkedHashMap<>();
        for (long[] row : tx.query("SELECT dept_id, position FROM student_classes WHERE corp_id = ? AND student_key = ?",
                rs -> new long[] {rs.getLong(1), rs.getInt(2)}, tx.corpId(), key)) {
            current.put(row[0], (int) row[1]);
        }
        for (Long dept : classes) {
            if (current.containsKey(dept)) continue;
            int seated = tx.update("UPDATE departments SET student_count = student_count + 1"
                    + " WHERE corp_id = ? AND dept_id = ? AND student_count < ?", tx.corpId(), dept, Limits.CLASS_CAPACITY);
            if (seated == 0) throw WeComError.CLASS_FULL.with(dept);
        }
        List<Long> leaving = new ArrayList<>(current.keySet());
        leaving.removeAll(classes);
        if (!leaving.isEmpty()) {
            List<Object> params = new ArrayList<>(List.of(tx.corpId(), key));
            params.addAll(leaving);
            tx.update("DELETE FROM student_classes WHERE corp_id = ? AND student_key = ? AND dept_id IN (" + marks(leaving.size()) + ")",
                    params.toArray());
            releaseSeats(tx, leaving);
        }
        List<Object> inserts = new ArrayList<>();
        int joined = 0;
        for (int position = 0; position < classes.size(); position++) {
            Long dept = classes.get(position);
            Integer stored = current.get(dept);
            if (stored == null) {
                Collections.addAll(inserts, tx.corpId(), key, dept, position);
                joined++;
            } else if (stored != position) {
                tx.update("UPDATE student_classes SET position = ? WHERE corp_id = ? AND student_key = ? AND dept_id = ?",
                        position, tx.corpId(), key, dept);
            }
        }
        if (joined > 0) {
            String rows = String.join(", ", Collections.nCopies(joined, "(?, ?, ?, ?)"));
            tx.update("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES " + rows, inserts.toArray());
        }
    }

    private static void releaseSeats(Tx tx, List<Long> depts) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(tx.corpId());
        params.addAll(depts);
        tx.update("UPDATE departments SET student_count = student_count - 1 WHERE corp_id = ? AND dept_id IN ("
                + marks(depts.size()) + ")", params.toArray());
    }

    boolean hasParents(Tx tx, String key) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM parent_children WHERE corp_id = ? AND student_key = ?", tx.corpId(), key) > 0;
    }

    /**
     * Deletes a student, giving back its seats; memberships go with it (ON DELETE CASCADE). A parent's
     * link refuses the delete (ON DELETE RESTRICT), reported like the check before it.
     */
    void delete(Tx tx, String key, String sentId) throws SQLException {
        tx.update("UPDATE departments SET student_count = student_count - 1 WHERE corp_id = ? AND dept_id IN"
                + " (SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ?)", tx.corpId(), tx.corpId(), key);
        try {
            tx.update("DELETE FROM users WHERE corp_id = ? AND user_key = ? AND user_type = ?", tx.corpId(), key, STUDENT);
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.FOREIGN_KEY) throw StudentRules.hasParents(sentId);
            throw e;
        }
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
