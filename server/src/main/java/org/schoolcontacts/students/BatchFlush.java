package org.schoolcontacts.students;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * Writes a decided batch's net result ({@link BatchState}) in a handful of statements: the deleted
 * students in one, the changed rows in one JDBC batch (renames that would collide on the way, such as
 * a swap, go through temporary keys first), the new students in one multi-row insert, the changed
 * class lists in one delete, one insert and one update per move from one class to another, and one
 * counter update per class with its net change.
 *
 * <p>The schema's keys still check every row, and each statement must touch exactly the rows the
 * plan expects; anything else means the plan was wrong, and the caller re-runs the batch per item.
 */
final class BatchFlush {
    /** The database disagreed with the plan (an unexpected row count): re-run the batch per item. */
    static final class Disagreement extends RuntimeException {
        Disagreement(String message) {
            super(message, null, false, false);
        }
    }

    /** A prefix no userid can start with ({@link Limits} ids start with a letter or digit). */
    private static final String TEMP_KEY = "#batch#";

    private BatchFlush() {}

    static void apply(Tx tx, BatchState state) throws SQLException {
        String corp = tx.corpId();
        List<BatchState.Row> deleted = new ArrayList<>();
        List<BatchState.Row> changed = new ArrayList<>();
        List<BatchState.Row> created = new ArrayList<>();
        List<BatchState.Row> reclassed = new ArrayList<>();
        for (BatchState.Row r : state.rows) {
            if (r.created()) {
                if (!r.deleted) created.add(r);
                continue;
            }
            if (r.deleted) {
                deleted.add(r);
                continue;
            }
            if (r.keyChanged() || r.detailsChanged()) changed.add(r);
            if (r.classesChanged()) reclassed.add(r);
        }
        if (!deleted.isEmpty()) {
            List<Object> p = new ArrayList<>();
            p.add(corp);
            p.add(StudentStore.STUDENT);
            for (BatchState.Row r : deleted) p.add(r.origKey);
            expect(tx.update("DELETE FROM users WHERE corp_id = ? AND user_type = ? AND user_key IN (" + BatchState.marks(deleted.size()) + ")",
                    p.toArray()), deleted.size(), "deleted students");
        }
        if (!changed.isEmpty()) updateRows(tx, changed);
        if (!created.isEmpty()) {
            List<Object> p = new ArrayList<>();
            for (BatchState.Row r : created) {
                Collections.addAll(p, corp, r.key, r.userid, StudentStore.STUDENT, r.name, r.mobile, r.renamed, r.createdSeq);
            }
            expect(tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, name, mobile, renamed, created_seq) VALUES "
                    + String.join(", ", Collections.nCopies(created.size(), "(?, ?, ?, ?, ?, ?, ?, ?)")), p.toArray()),
                    created.size(), "new students");
        }
        memberships(tx, reclassed, created);
        seats(tx, state.seatDelta);
    }

    /**
     * The surviving rows whose id, name, mobile or rename count changed. When a new key or mobile is one
     * another changed row still holds at that moment (a swap, a chain), the rows first move out of the
     * way: keys to temporary ones, mobiles to none; the keys and the final values then hold at the end.
     */
    private static void updateRows(Tx tx, List<BatchState.Row> changed) throws SQLException {
        Set<String> keysHeld = new HashSet<>();
        Set<String> mobilesHeld = new HashSet<>();
        for (BatchState.Row r : changed) {
            keysHeld.add(r.origKey);
            if (r.origMobile != null) mobilesHeld.add(r.origMobile);
        }
        boolean keysCollide = false;
        boolean mobilesCollide = false;
        for (BatchState.Row r : changed) {
            if (r.keyChanged() && keysHeld.contains(r.key)) keysCollide = true;
            if (r.mobile != null && !r.mobile.equals(r.origMobile) && mobilesHeld.contains(r.mobile)) mobilesCollide = true;
        }
        String corp = tx.corpId();
        String[] current = new String[changed.size()];
        for (int i = 0; i < changed.size(); i++) current[i] = changed.get(i).origKey;
        if (keysCollide || mobilesCollide) {
            try (Tx.Prepared p = tx.prepare(
                    "UPDATE users SET user_key = ?, mobile = NULL WHERE corp_id = ? AND user_key = ? AND user_type = 1")) {
                PreparedStatement ps = p.statement();
                for (int i = 0; i < changed.size(); i++) {
                    BatchState.Row r = changed.get(i);
                    String to = keysCollide && r.keyChanged() ? TEMP_KEY + i : r.origKey;
                    ps.setString(1, to);
                    ps.setString(2, corp);
                    ps.setString(3, r.origKey);
                    ps.addBatch();
                    current[i] = to;
                }
                expectEach(p.executeBatch(), "rows moved aside");
            }
        }
        List<Integer> renamed = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        List<Integer> keptSameMobile = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            BatchState.Row r = changed.get(i);
            if (r.keyChanged()) renamed.add(i);
            // moving rows aside above cleared every changed row's mobile: each must be set again, even to what it was
            else if (!keysCollide && !mobilesCollide && Objects.equals(r.mobile, r.origMobile)) keptSameMobile.add(i);
            else kept.add(i);
        }
        // Three shapes: a row keeping its key does not set it, so nothing cascades and no key index is
        // touched; a row keeping its mobile does not set that, so the mobile's unique index is not rewritten.
        updateUsers(tx, corp, changed, current, renamed, true, true, "renamed students");
        updateUsers(tx, corp, changed, current, kept, false, true, "changed students");
        updateUsers(tx, corp, changed, current, keptSameMobile, false, false, "changed students");
    }

    /** One JDBC batch of user updates for the rows at {@code indices}; {@code setKey} only for renamed rows (a kept key cascades nothing). */
    private static void updateUsers(Tx tx, String corp, List<BatchState.Row> changed, String[] current, List<Integer> indices,
                                    boolean setKey, boolean setMobile, String what) throws SQLException {
        if (indices.isEmpty()) return;
        try (Tx.Prepared p = tx.prepare("UPDATE users SET " + (setKey ? "user_key = ?, " : "")
                + "userid = ?, name = ?, " + (setMobile ? "mobile = ?, " : "") + "renamed = ? WHERE corp_id = ? AND user_key = ? AND user_type = 1")) {
            PreparedStatement ps = p.statement();
            for (int i : indices) {
                BatchState.Row r = changed.get(i);
                int n = 1;
                if (setKey) ps.setString(n++, r.key);
                ps.setString(n++, r.userid);
                ps.setString(n++, r.name);
                if (setMobile) ps.setString(n++, r.mobile);
                ps.setInt(n++, r.renamed);
                ps.setString(n++, corp);
                ps.setString(n, current[i]);
                ps.addBatch();
            }
            expectEach(p.executeBatch(), what);
        }
    }

    /**
     * The changed class lists and the new students' ones. A changed list keeps the memberships it keeps
     * (their position set where it moved), turns each class left into a class joined by changing that
     * row's class (the common move from one class to another is one update, not a delete and an
     * insert), and deletes or inserts the rest.
     */
    private static void memberships(Tx tx, List<BatchState.Row> reclassed, List<BatchState.Row> created) throws SQLException {
        String corp = tx.corpId();
        List<Object[]> moves = new ArrayList<>();     // new dept, position, key, old dept
        List<Object[]> positions = new ArrayList<>(); // position, key, dept
        List<Object> deletes = new ArrayList<>();     // (key, dept) pairs
        List<Object> inserts = new ArrayList<>();
        int deleted = 0;
        int inserted = 0;
        for (BatchState.Row r : reclassed) {
            List<Long> left = new ArrayList<>();
            for (Long d : r.origClasses) if (!r.classes.contains(d)) left.add(d);
            int nextLeft = 0;
            for (int position = 0; position < r.classes.size(); position++) {
                Long d = r.classes.get(position);
                int was = r.origClasses.indexOf(d);
                if (was >= 0) {
                    if (was != position) positions.add(new Object[] {position, r.key, d});
                } else if (nextLeft < left.size()) {
                    moves.add(new Object[] {d, position, r.key, left.get(nextLeft++)});
                } else {
                    Collections.addAll(inserts, corp, r.key, d, position);
                    inserted++;
                }
            }
            for (; nextLeft < left.size(); nextLeft++) {
                Collections.addAll(deletes, r.key, left.get(nextLeft));
                deleted++;
            }
        }
        for (BatchState.Row r : created) {
            for (int position = 0; position < r.classes.size(); position++) {
                Collections.addAll(inserts, corp, r.key, r.classes.get(position), position);
                inserted++;
            }
        }
        if (deleted > 0) {
            List<Object> p = new ArrayList<>();
            p.add(corp);
            p.addAll(deletes);
            expect(tx.update("DELETE FROM student_classes WHERE corp_id = ? AND (student_key, dept_id) IN ("
                    + String.join(", ", Collections.nCopies(deleted, "(?, ?)")) + ")", p.toArray()), deleted, "memberships left");
        }
        // Positions first: a kept class moving to position 0 frees nothing a move needs, as positions are not keys.
        if (!positions.isEmpty()) {
            try (Tx.Prepared p = tx.prepare(
                    "UPDATE student_classes SET position = ? WHERE corp_id = ? AND student_key = ? AND dept_id = ?")) {
                PreparedStatement ps = p.statement();
                for (Object[] m : positions) {
                    ps.setInt(1, (Integer) m[0]);
                    ps.setString(2, corp);
                    ps.setString(3, (String) m[1]);
                    ps.setLong(4, (Long) m[2]);
                    ps.addBatch();
                }
                expectEach(p.executeBatch(), "memberships reordered");
            }
        }
        if (!moves.isEmpty()) moveMemberships(tx, moves);
        if (inserted > 0) {
            expect(tx.update("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES "
                    + String.join(", ", Collections.nCopies(inserted, "(?, ?, ?, ?)")), inserts.toArray()), inserted, "memberships joined");
        }
    }

    /**
     * The moves, one statement for all that leave the same class for the same class at the same
     * position: a batch moving its students from one class to another is one update of 98 rows, not
     * 98 updates of one (issue 15: on SQLite 0.25 ms instead of 0.45-0.6 under the write lock).
     * The list of keys is padded to a power of two with its last key (a key listed twice is still one
     * row), so a few statement texts serve every batch and the kept statements are reused.
     */
    private static void moveMemberships(Tx tx, List<Object[]> moves) throws SQLException {
        Map<List<Object>, List<String>> byMove = new LinkedHashMap<>(); // (old dept, new dept, position) -> keys
        for (Object[] m : moves) {
            byMove.computeIfAbsent(List.of(m[3], m[0], m[1]), k -> new ArrayList<>()).add((String) m[2]);
        }
        for (Map.Entry<List<Object>, List<String>> e : byMove.entrySet()) {
            List<String> keys = e.getValue();
            int listed = Integer.highestOneBit(keys.size()) == keys.size() ? keys.size() : Integer.highestOneBit(keys.size()) << 1;
            List<Object> p = new ArrayList<>(listed + 4);
            Collections.addAll(p, e.getKey().get(1), e.getKey().get(2), tx.corpId(), e.getKey().get(0));
            p.addAll(keys);
            for (int i = keys.size(); i < listed; i++) p.add(keys.get(keys.size() - 1));
            expect(tx.update("UPDATE student_classes SET dept_id = ?, position = ? WHERE corp_id = ? AND dept_id = ? AND student_key IN ("
                    + BatchState.marks(listed) + ")", p.toArray()), keys.size(), "memberships moved");
        }
    }

    /** One counter update per class with its net change, in class order; a class may never pass its capacity. */
    private static void seats(Tx tx, Map<Long, Integer> delta) throws SQLException {
        List<Map.Entry<Long, Integer>> moves = delta.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (moves.isEmpty()) return;
        if (moves.size() == 1) {
            Map.Entry<Long, Integer> e = moves.get(0);
            expect(tx.update("UPDATE departments SET student_count = student_count + ? WHERE corp_id = ? AND dept_id = ?"
                    + " AND student_count + ? <= ?", e.getValue(), tx.corpId(), e.getKey(), e.getValue(), Limits.CLASS_CAPACITY), 1, "seats");
            return;
        }
        try (Tx.Prepared p = tx.prepare(
                "UPDATE departments SET student_count = student_count + ? WHERE corp_id = ? AND dept_id = ? AND student_count + ? <= ?")) {
            PreparedStatement ps = p.statement();
            for (Map.Entry<Long, Integer> e : moves) {
                ps.setInt(1, e.getValue());
                ps.setString(2, tx.corpId());
                ps.setLong(3, e.getKey());
                ps.setInt(4, e.getValue());
                ps.setInt(5, Limits.CLASS_CAPACITY);
                ps.addBatch();
            }
            expectEach(p.executeBatch(), "seats");
        }
    }

    private static void expect(int count, int expected, String what) {
        if (count != expected) throw new Disagreement(what + ": " + count + " rows, expected " + expected);
    }

    private static void expectEach(int[] counts, String what) {
        for (int c : counts) {
            // a driver sending the batch in bulk may not report each row's count
            if (c != 1 && c != Statement.SUCCESS_NO_INFO) throw new Disagreement(what + ": a statement touched " + c + " rows");
        }
    }
}
