package org.schoolcontacts.parents;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.schoolcontacts.storage.ConstraintViolation;
import org.schoolcontacts.storage.SqlWork;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * Parents in SQL, inside a corp write transaction. A parent is a {@code users} row of type 2 (its key
 * shares the school's one case-insensitive namespace with students) plus its {@code parent_children}
 * links, which follow student renames through ON UPDATE CASCADE and keep a linked student from being
 * deleted (ON DELETE RESTRICT).
 */
final class ParentStore {
    static final int STUDENT = 1;
    static final int PARENT = 2;

    private ParentStore() {}

    /** {@code renamesUsedUp}: the id may not change again (rename-once, or the school's rename_limit). */
    record ParentRow(String key, String userid, String mobile, boolean renamesUsedUp) {}

    /** A link to write: the student's key and the relation, in the order the request listed them. */
    record Link(String studentKey, String relation) {}

    static Optional<ParentRow> parent(Tx tx, String key) throws SQLException {
        // The type is checked here, not in the WHERE: with it there, PostgreSQL may take the index by
        // (corp, type, creation) and filter every user of that type for the key (see studentKeys).
        return tx.one("SELECT user_key, userid, parent_mobile, " + CorpStore.RENAMES_USED_UP + ", user_type"
                        + " FROM users WHERE corp_id = ? AND user_key = ?",
                rs -> rs.getInt(5) != PARENT ? null : new ParentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0),
                tx.corpId(), key);
    }

    /** Whether a student or parent holds this key. */
    static boolean userExists(Tx tx, String key) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_key = ?", tx.corpId(), key) > 0;
    }

    /** The key of the parent whose mobile this is, if any. */
    static Optional<String> mobileHolder(Tx tx, String mobile) throws SQLException {
        return tx.one("SELECT user_key FROM users WHERE corp_id = ? AND parent_mobile = ?", rs -> rs.getString(1),
                tx.corpId(), mobile);
    }

    /** Which of these keys belong to students (at most 10 keys: one parent's children). */
    static Set<String> studentKeys(Tx tx, Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) return Set.of();
        String marks = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
        Object[] params = new Object[keys.size() + 1];
        params[0] = tx.corpId();
        int i = 1;
        for (String k : keys) params[i++] = k;
        // By key only, the type checked here: with "user_type = ?" in the WHERE, PostgreSQL's generic plan
        // (statistics of a table that grew from empty) took the index by (corp, type, creation) and
        // filtered every student of the school for each parent's children — quadratic in an import
        // (30,000 students: 11 ms a lookup; the apply of 20,000 parents fell below 100 a second).
        Set<String> students = new HashSet<>();
        for (Object[] row : tx.query("SELECT user_key, user_type FROM users WHERE corp_id = ? AND user_key IN (" + marks + ")",
                rs -> new Object[] {rs.getString(1), rs.getInt(2)}, params)) {
            if ((Integer) row[1] == STUDENT) students.add((String) row[0]);
        }
        return students;
    }

    static void insert(Tx tx, String key, String userid, String mobile) throws SQLException {
        tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, parent_mobile, renamed, created_seq) "
                + "VALUES (?, ?, ?, ?, ?, 0, ?)", tx.corpId(), key, userid, PARENT, mobile, tx.nextSeq());
    }

    /**
     * Gives the parent its new id, once: the renames-left condition makes the once-only rule
     * hold in the database, whatever a concurrent writer did. The key change cascades to its links.
     */
    static boolean rename(Tx tx, String key, String newKey, String newUserid) throws SQLException {
        return tx.update("UPDATE users SET user_key = ?, userid = ?, renamed = renamed + 1 "
                + "WHERE corp_id = ? AND user_key = ? AND user_type = ? AND " + CorpStore.RENAME_ALLOWED, newKey, newUserid, tx.corpId(), key, PARENT) == 1;
    }

    static void setMobile(Tx tx, String key, String mobile) throws SQLException {
        tx.update("UPDATE users SET parent_mobile = ? WHERE corp_id = ? AND user_key = ?", mobile, tx.corpId(), key);
    }

    static void replaceChildren(Tx tx, String parentKey, List<Link> links) throws SQLException {
        tx.update("DELETE FROM parent_children WHERE corp_id = ? AND parent_key = ?", tx.corpId(), parentKey);
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            tx.update("INSERT INTO parent_children (corp_id, parent_key, student_key, relation, position) VALUES (?, ?, ?, ?, ?)",
                    tx.corpId(), parentKey, l.studentKey(), l.relation(), i);
        }
    }

    /** Deletes the parent, giving back its seat under the cap; its links go with it (ON DELETE CASCADE), its children stay. */
    static boolean delete(Tx tx, String key) throws SQLException {
        boolean deleted = tx.update("DELETE FROM users WHERE corp_id = ? AND user_key = ? AND user_type = ?", tx.corpId(), key, PARENT) == 1;
        if (deleted) tx.update("UPDATE corps SET parent_count = parent_count - 1 WHERE corp_id = ?", tx.corpId());
        return deleted;
    }

    /**
     * Takes one seat under the school's parent cap (spec 5.4: 20,000 verified, 2,000 not): a conditional
     * increment of the corp's counter, so no two writers can pass the cap; false when the school is full.
     * Lowering the cap removes nobody; creates fail until the count is below it.
     */
    static boolean takeParentSeat(Tx tx) throws SQLException {
        return tx.update("UPDATE corps SET parent_count = parent_count + 1 WHERE corp_id = ?"
                        + " AND parent_count < CASE WHEN verified = 1 THEN ? ELSE ? END",
                tx.corpId(), Limits.PARENT_CAP_VERIFIED, Limits.PARENT_CAP_UNVERIFIED) == 1;
    }

    /**
     * Runs {@code write} under its own savepoint and reports whether a unique key refused it (the
     * users primary key or the parents' mobile key). The savepoint matters on PostgreSQL, where a
     * failed statement poisons the transaction: rolled back to it, the caller may still ask the
     * database which key was taken.
     */
    static boolean refusedAsDuplicate(Tx tx, SqlWork<?> write) throws SQLException {
        try {
            tx.item(write);
            return false;
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.UNIQUE) return true;
            throw e;
        }
    }
}

