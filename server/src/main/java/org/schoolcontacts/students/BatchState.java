package org.schoolcontacts.students;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * What a student batch touches, read once at its start inside the school's write lock, and changed
 * in memory as its items are decided: the users holding every key the batch names (sent and new ids),
 * their classes in order, the users holding every mobile it sends, and the type and head count of
 * every class it names (and the school's rename limit, once an item renames). As the lock is held,
 * nothing else changes any of it meanwhile.
 */
final class BatchState {
    /** One users row as the batch sees it: as read ({@code orig*}) and as the decided items leave it. */
    static final class Row {
        final String origKey;
        final String origUserid;
        final String origName;
        final String origMobile;
        final int origRenamed;
        final List<Long> origClasses;
        final int userType;
        String key;
        String userid;
        String name;
        String mobile;
        int renamed;
        List<Long> classes;
        boolean hasParents;
        boolean deleted;
        long createdSeq;

        Row(String key, String userid, int userType, String name, String mobile, int renamed, List<Long> classes, boolean created) {
            this.origKey = created ? null : key;
            this.origUserid = userid;
            this.origName = name;
            this.origMobile = mobile;
            this.origRenamed = renamed;
            this.origClasses = classes;
            this.userType = userType;
            this.key = key;
            this.userid = userid;
            this.name = name;
            this.mobile = mobile;
            this.renamed = renamed;
            this.classes = classes;
        }

        boolean isStudent() { return userType == StudentStore.STUDENT; }

        boolean created() { return origKey == null; }

        boolean keyChanged() { return !created() && !key.equals(origKey); }

        boolean detailsChanged() {
            return !userid.equals(origUserid) || !java.util.Objects.equals(name, origName)
                    || !java.util.Objects.equals(mobile, origMobile) || renamed != origRenamed;
        }

        boolean classesChanged() { return !classes.equals(origClasses); }
    }

    /** Every key the batch names, with the row now holding it (null: none). */
    private final Map<String, Row> byKey = new HashMap<>();
    /** Every mobile the batch sends, with the row now holding it (null: none). */
    private final Map<String, Row> byMobile = new HashMap<>();
    /** type and student_count of every department the batch names that exists. */
    private final Map<Long, int[]> departments = new HashMap<>();
    /** The net seat change per class, in class order (the order every writer updates counters in). */
    final Map<Long, Integer> seatDelta = new TreeMap<>();
    /** The rows read (in key order) and the rows created (in item order): what the flush looks at. */
    final List<Row> rows = new ArrayList<>();
    private final Tx tx;
    /** The school's rename_limit, read when an item first renames (most batches rename nothing). */
    private Integer renameLimit;

    private BatchState(Tx tx) {
        this.tx = tx;
    }

    static BatchState load(Tx tx, Collection<String> keys, Collection<String> mobiles, Collection<Long> classes,
                           boolean withParents) throws SQLException {
        BatchState s = new BatchState(tx);
        for (String key : keys) s.byKey.put(key, null);
        if (!keys.isEmpty()) {
            // One statement for the users and their classes. Unordered: sorting them in the store was a
            // temporary table and a filesort on MariaDB (issue 15); the class lists are put in position
            // order here, and the rows follow the batch's own key order.
            List<Object> params = new ArrayList<>();
            params.add(tx.corpId());
            params.addAll(keys);
            Map<String, Row> found = new HashMap<>();
            Map<String, List<long[]>> classesOf = new HashMap<>(); // per key: {position, dept}
            tx.query("SELECT u.user_key, u.userid, u.user_type, u.name, u.mobile, u.renamed, sc.dept_id, sc.position FROM users u"
                            + " LEFT JOIN student_classes sc ON sc.corp_id = u.corp_id AND sc.student_key = u.user_key"
                            + " WHERE u.corp_id = ? AND u.user_key IN (" + marks(keys.size()) + ")",
                    rs -> {
                        String key = rs.getString(1);
                        if (!found.containsKey(key)) {
                            found.put(key, new Row(key, rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                                    new ArrayList<>(), false));
                        }
                        long dept = rs.getLong(7);
                        if (!rs.wasNull()) classesOf.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {rs.getLong(8), dept});
                        return null;
                    }, params.toArray());
            for (String key : keys) {
                Row r = found.get(key);
                if (r == null) continue;
                List<long[]> memberships = classesOf.get(key);
                if (memberships != null) {
                    if (memberships.size() > 1) memberships.sort(java.util.Comparator.comparingLong(m -> m[0]));
                    for (long[] m : memberships) r.classes.add(m[1]);
                }
                s.byKey.put(r.key, r);
                s.rows.add(r);
            }
            if (withParents && !found.isEmpty()) {
                List<Object> p = new ArrayList<>();
                p.add(tx.corpId());
                p.addAll(found.keySet());
                for (String key : tx.query("SELECT DISTINCT student_key FROM parent_children WHERE corp_id = ? AND student_key IN ("
                        + marks(found.size()) + ")", rs -> rs.getString(1), p.toArray())) {
                    Row r = found.get(key);
                    if (r != null) r.hasParents = true;
                }
            }
        }
        if (!mobiles.isEmpty()) {
            for (String m : mobiles) s.byMobile.put(m, null);
            List<Object> params = new ArrayList<>();
            params.add(tx.corpId());
            params.addAll(mobiles);
            tx.query("SELECT mobile, user_key, userid, user_type, name, renamed FROM users WHERE corp_id = ? AND mobile IN ("
                    + marks(mobiles.size()) + ")", rs -> {
                        String mobile = rs.getString(1);
                        String key = rs.getString(2);
                        // The holder is one of the batch's rows when the batch names it; else a bystander it never changes.
                        Row r = s.byKey.get(key);
                        if (r == null) r = new Row(key, rs.getString(3), rs.getInt(4), rs.getString(5), mobile, rs.getInt(6), List.of(), false);
                        s.byMobile.put(mobile, r);
                        return null;
                    }, params.toArray());
        }
        if (!classes.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(tx.corpId());
            params.addAll(classes);
            tx.query("SELECT dept_id, type, student_count FROM departments WHERE corp_id = ? AND dept_id IN (" + marks(classes.size()) + ")",
                    rs -> s.departments.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3)}), params.toArray());
        }
        return s;
    }

    /** The row holding {@code key} now, or null; the key must be one the batch names. */
    Row holder(String key) {
        if (!byKey.containsKey(key)) throw new IllegalStateException("key not read up front: " + key);
        return byKey.get(key);
    }

    /** The row holding {@code mobile} now, or null; the mobile must be one the batch sends. */
    Row mobileHolder(String mobile) {
        if (!byMobile.containsKey(mobile)) throw new IllegalStateException("mobile not read up front: " + mobile);
        return byMobile.get(mobile);
    }

    /** The department's type, null when there is no such department. */
    Integer departmentType(long id) {
        int[] d = departments.get(id);
        return d == null ? null : d[0];
    }

    /** The class's head count as the items decided so far leave it. */
    int studentCount(long id) {
        return departments.get(id)[1];
    }

    /** As {@code CorpStore.RENAMES_USED_UP}: the school's rename_limit, 0 meaning unlimited. */
    boolean renamesUsedUp(int renamed) throws SQLException {
        // read under the school's lock like the rest, so it cannot change before the flush
        if (renameLimit == null) {
            renameLimit = tx.one("SELECT rename_limit FROM corps WHERE corp_id = ?", rs -> rs.getInt(1), tx.corpId()).orElse(1);
        }
        return !(renamed < renameLimit || renameLimit == 0);
    }

    Row created(String key, String userid, String name, String mobile, List<Long> classes, long seq) {
        Row r = new Row(key, userid, StudentStore.STUDENT, name, mobile, 0, List.copyOf(classes), true);
        r.createdSeq = seq;
        byKey.put(key, r);
        if (mobile != null) byMobile.put(mobile, r);
        rows.add(r);
        return r;
    }

    void rename(Row r, String newKey, String newUserid) {
        if (byKey.get(r.key) == r) byKey.put(r.key, null);
        r.key = newKey;
        r.userid = newUserid;
        r.renamed++;
        byKey.put(newKey, r);
    }

    void setMobile(Row r, String mobile) {
        if (java.util.Objects.equals(r.mobile, mobile)) return;
        if (r.mobile != null && byMobile.get(r.mobile) == r) byMobile.put(r.mobile, null);
        r.mobile = mobile;
        if (mobile != null) byMobile.put(mobile, r);
    }

    void deleted(Row r) {
        r.deleted = true;
        if (byKey.get(r.key) == r) byKey.put(r.key, null);
        if (r.mobile != null && byMobile.get(r.mobile) == r) byMobile.put(r.mobile, null);
    }

    void moveSeats(Map<Long, Integer> delta) {
        for (Map.Entry<Long, Integer> e : delta.entrySet()) {
            seatDelta.merge(e.getKey(), e.getValue(), Integer::sum);
            int[] d = departments.get(e.getKey());
            if (d != null) d[1] += e.getValue();
        }
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
