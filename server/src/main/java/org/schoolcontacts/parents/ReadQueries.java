package org.schoolcontacts.parents;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.ParentOfStudent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.Tx;

/**
 * The read side in SQL. Every answer is built by a fixed number of set-based queries over a set of
 * users (one user, the students of some classes, the parents of a class), never one query per row:
 * listing a class of 30,000 students is two queries.
 *
 * <p>Each query starts from the set's own rows and reaches the rest through plain joins on indexed
 * keys, rather than {@code key IN (subquery)}: PostgreSQL, with statistics not yet gathered after a
 * bulk load, planned the semi-join as a nested loop over an unindexed subquery result (100 s for one
 * class of 30,000); joins on keys leave it only index lookups or hash joins to choose from. For the
 * same reason the user rows are not filtered by {@code user_type}: that filter made the
 * {@code (corp_id, user_type, created_seq)} index look like the better place to start, and with no
 * statistics it was scanned once per member. The sets cannot reach a user of the other type anyway
 * (memberships are students', links go student to parent). A user may be reached more than once (a
 * student in two classes of a grade), so rows are de-duplicated here.
 */
final class ReadQueries {
    private ReadQueries() {}

    /** Students' mobiles by stored userid (only those that have one); no read endpoint shows them. */
    static Map<String, String> studentMobiles(Tx tx, String corpId) throws SQLException {
        Map<String, String> out = new HashMap<>();
        tx.query("SELECT userid, mobile FROM users WHERE corp_id = ? AND user_type = ? AND mobile IS NOT NULL AND mobile <> ''",
                rs -> out.put(rs.getString(1), rs.getString(2)), corpId, ParentStore.STUDENT);
        return out;
    }

    /**
     * A set of users as SQL: the rows {@code m} it starts from ({@code from}, filtered by {@code where}
     * with {@code params}) and the expression giving each row's user key. {@code byKey}: the set is
     * the members of some classes, to be walked by key lookups whatever the planner thinks (see
     * {@link ReadQueries#walkByKey}); one user needs no telling, a whole school is better scanned.
     */
    record UserSet(String from, String key, String where, Object[] params, boolean byKey) {
        static UserSet one(String corpId, String userKey) {
            return new UserSet("users m", "m.user_key", "m.corp_id = ? AND m.user_key = ?", new Object[] {corpId, userKey}, false);
        }

        /** Students directly in any of these departments. */
        static UserSet studentsIn(Dialect dialect, String corpId, List<Long> deptIds) {
            Object[] params = new Object[deptIds.size() + 1];
            params[0] = corpId;
            for (int i = 0; i < deptIds.size(); i++) params[i + 1] = deptIds.get(i);
            return new UserSet("student_classes m" + indexedBy(dialect, "student_classes_by_class"), "m.student_key",
                    "m.corp_id = ? AND m.dept_id IN (" + String.join(", ", Collections.nCopies(deptIds.size(), "?")) + ")", params, true);
        }

        /**
         * Every student of the school: the same students as {@link #studentsIn} the root's subtree (every
         * student is in a class of its school), without an IN list of every department, which SQLite
         * probes once per parent link (27 s instead of 0.2 s for a school of 30,000 students).
         */
        static UserSet allStudents(String corpId) {
            return new UserSet("users m", "m.user_key", "m.corp_id = ? AND m.user_type = 1", new Object[] {corpId}, false);
        }

        /** Every parent of the school (each has at least one child: a student with parents cannot be deleted). */
        static UserSet allParents(String corpId) {
            return new UserSet("parent_children m", "m.parent_key", "m.corp_id = ?", new Object[] {corpId}, false);
        }

        /** Parents with at least one child directly in a department (list_parent, no recursion). */
        static UserSet parentsOfStudentsIn(String corpId, long deptId) {
            return new UserSet("student_classes sc JOIN parent_children m ON m.corp_id = sc.corp_id AND m.student_key = sc.student_key",
                    "m.parent_key", "sc.corp_id = ? AND sc.dept_id = ?", new Object[] {corpId, deptId}, true);
        }

        /**
         * {@code SELECT <columns> FROM <set rows> <joins> WHERE <set filter> AND <conditions>}, unordered;
         * {@code {key}} in {@code conditions} stands for the set's user key.
         */
        String rows(String columns, String joins, String conditions) {
            return "SELECT " + columns + " FROM " + from + " " + joins + " WHERE " + where + " AND " + conditions.replace("{key}", key);
        }

        /** {@code SELECT <columns> FROM <set rows> <joins, {key} = the set's user key> WHERE <set filter> ORDER BY <orderBy>}. */
        String sql(String columns, String joins, String orderBy) {
            return "SELECT " + columns + " FROM " + from + " " + joins.replace("{key}", key) + " WHERE " + where + " ORDER BY " + orderBy;
        }
    }

    /**
     * One user as school/user/get shows it, in one statement: the user's row, a student's classes and
     * parents, a parent's children, as the four parts of a {@code UNION ALL} (column 1 says which).
     * One statement sees one snapshot on every store, so it needs no transaction: on PostgreSQL and
     * MariaDB the read is one round trip instead of four (user, parents, classes, COMMIT; issue 15).
     * A user is either a student or a parent, so only the parts of its type find rows; they come
     * unsorted and are put in their order here, as {@link #students} and {@link #parents} order them.
     */
    static Optional<SchoolViews.UserView> userView(Tx tx, String corpId, String key, boolean showMobiles) throws SQLException {
        OneUser user = new OneUser(tx.dialect(), corpId, key);
        tx.query(user.sql, rs -> {
            user.row(rs);
            return null;
        }, user.params);
        return Optional.ofNullable(user.view(showMobiles));
    }

    /**
     * {@link #userView}'s statement and its rows gathered into the view. Mobiles are read always and
     * left out of the view when the caller may not see them.
     */
    private static final class OneUser {
        /**
         * Columns: part, a number (user_type, class position, parent creation or child position), dept_id,
         * userid, name or relation, mobile (a child's name), is_subscribe, external_userid.
         */
        private static final String SQL =
                "SELECT 0 AS part, u.user_type AS num, NULL AS dept_id, u.userid AS userid, u.name AS name, "
                        + "u.parent_mobile AS mobile, u.is_subscribe AS is_subscribe, u.external_userid AS external_userid "
                        + "FROM users u WHERE u.corp_id = {corp} AND u.user_key = ? "
                        + "UNION ALL SELECT 1, c.position, c.dept_id, NULL, NULL, NULL, NULL, NULL "
                        + "FROM student_classes c WHERE c.corp_id = {corp} AND c.student_key = ? "
                        + "UNION ALL SELECT 2, p.created_seq, NULL, p.userid, pc.relation, p.parent_mobile, p.is_subscribe, p.external_userid "
                        + "FROM parent_children pc{byStudent} CROSS JOIN users p "
                        + "WHERE pc.corp_id = {corp} AND pc.student_key = ? AND p.corp_id = pc.corp_id AND p.user_key = pc.parent_key "
                        + "UNION ALL SELECT 3, pc.position, NULL, s.userid, pc.relation, s.name, NULL, NULL "
                        + "FROM parent_children pc CROSS JOIN users s "
                        + "WHERE pc.corp_id = {corp} AND pc.parent_key = ? AND s.corp_id = pc.corp_id AND s.user_key = pc.student_key";

        /** {@link #SQL} for each store, made once: building it for every get showed in the profile (issue 15). */
        private static final java.util.Map<Dialect, String> SQL_BY_DIALECT = new java.util.EnumMap<>(Dialect.class);

        static {
            for (Dialect d : Dialect.values()) {
                SQL_BY_DIALECT.put(d, SQL.replace("{byStudent}", indexedBy(d, "parent_children_by_student")).replace("{corp}", "?"));
            }
        }

        private final String sql;
        private final Object[] params;
        private int type;
        private String userid;
        private String name;
        private String mobile;
        private int isSubscribe;
        private String externalUserid;
        private final List<long[]> classes = new ArrayList<>(2);
        private final List<ParentRow> parents = new ArrayList<>(2);
        private final List<ChildRow> children = new ArrayList<>(2);

        /** The user {@code key} of {@code corpId}. */
        OneUser(Dialect dialect, String corpId, String key) {
            this.sql = SQL_BY_DIALECT.get(dialect);
            this.params = new Object[] {corpId, key, corpId, key, corpId, key, corpId, key};
        }

        /** One row of {@link #SQL}. */
        void row(java.sql.ResultSet rs) throws SQLException {
            switch (rs.getInt(1)) {
                case 0 -> {
                    type = rs.getInt(2);
                    userid = rs.getString(4);
                    name = rs.getString(5);
                    mobile = rs.getString(6);
                    isSubscribe = rs.getInt(7);
                    externalUserid = subscribedOnly(isSubscribe, rs.getString(8));
                }
                case 1 -> classes.add(new long[] {rs.getLong(2), rs.getLong(3)});
                case 2 -> parents.add(new ParentRow(rs.getLong(2), new ParentOfStudent(rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7),
                        subscribedOnly(rs.getInt(7), rs.getString(8)))));
                default -> children.add(new ChildRow(rs.getLong(2), new Child(rs.getString(4), rs.getString(5),
                        rs.getString(6))));
            }
        }

        /** The user as get shows it, or null when there is none. */
        SchoolViews.UserView view(boolean showMobiles) {
            if (userid == null) return null;
            if (type == ParentStore.STUDENT) {
                classes.sort(java.util.Comparator.comparingLong(c -> c[0]));
                List<Long> department = new ArrayList<>(classes.size());
                for (long[] c : classes) department.add(c[1]);
                List<ParentRow> shown = parents;
                if (!showMobiles) {
                    shown = new ArrayList<>(parents.size());
                    for (ParentRow r : parents) {
                        ParentOfStudent p = r.parent();
                        shown.add(new ParentRow(r.seq(), new ParentOfStudent(p.parentUserid(), p.relation(), null, p.isSubscribe(),
                                p.externalUserid())));
                    }
                }
                return new Student(userid, name, List.copyOf(department), parentsByCreation(shown.isEmpty() ? null : shown));
            }
            children.sort(java.util.Comparator.comparingLong(ChildRow::position));
            List<Child> ordered = new ArrayList<>(children.size());
            for (ChildRow c : children) ordered.add(c.child());
            return new Parent(userid, showMobiles ? mobile : null, isSubscribe, externalUserid, List.copyOf(ordered));
        }
    }

    private record ChildRow(long position, Child child) {}

    /**
     * SQLite's {@code INDEXED BY} clause, elsewhere nothing. SQLite keeps no statistics unless told to
     * (a full ANALYZE of a large store takes seconds), and without them it prefers the primary key's
     * covering index on {@code corp_id} alone: a class's list then scanned every membership of the
     * school (0.45 s instead of 0.01 s for a class of 3,000 in a school of 1.4 million users, measured
     * with the sqlite3 shell on the benchmark's store). PostgreSQL and MariaDB keep statistics.
     */
    static String indexedBy(Dialect dialect, String index) {
        return dialect == Dialect.SQLITE ? " INDEXED BY " + index : "";
    }

    static boolean departmentExists(Tx tx, String corpId, long deptId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM departments WHERE corp_id = ? AND dept_id = ?", corpId, deptId) > 0;
    }

    /**
     * A department and all its descendants. The school's tree is read whole (a school has hundreds of
     * departments, not tens of thousands) and walked here; the ids then go to SQL as a plain list.
     */
    static List<Long> subtree(Tx tx, String corpId, long deptId) throws SQLException {
        Map<Long, List<Long>> children = new HashMap<>();
        tx.query("SELECT dept_id, parent_id FROM departments WHERE corp_id = ?",
                rs -> children.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getLong(1)), corpId);
        List<Long> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(deptId));
        while (!todo.isEmpty()) {
            long d = todo.poll();
            if (!seen.add(d)) continue; // a parent loop cannot make this endless
            out.add(d);
            todo.addAll(children.getOrDefault(d, List.of()));
        }
        return out;
    }

    /**
     * The students of the set, by creation order, each once with its classes and parents: two queries,
     * one for the students with their classes and one for their parents (so its map is sized), each walking the set's rows
     * once and reaching the rest by key lookups, plus, only for the students in more than one class,
     * one for the order of their classes. The joins are written {@code CROSS JOIN} with their
     * conditions in {@code WHERE}: to PostgreSQL and MariaDB that is a plain inner join they plan as
     * they like (but see {@link #walkByKey}), while SQLite, which has no
     * statistics to plan with, takes it as the join order. Left to choose, SQLite started the class
     * list from the school's parent links or from all its memberships (one scan of the whole school per
     * query, whatever the size of the class). The rows come unsorted and are put in creation order
     * here: sorting 30,000 rows cost the databases more than it costs Java.
     *
     * <p>A student's classes are read by their keys alone ({@code dept_id} is in the membership's
     * primary key, so on SQLite the probe never leaves that index); their given order ({@code
     * position}) matters only for a student in two classes or more, whose positions the third query
     * reads.
     */
    static List<Student> students(Tx tx, String corpId, UserSet set, boolean showMobiles) throws SQLException {
        walkByKey(tx, set);
        List<StudentRow> rows = tx.query(set.rows("u.created_seq, u.user_key, u.userid, u.name, c.dept_id",
                        "CROSS JOIN users u LEFT JOIN student_classes c ON c.corp_id = u.corp_id AND c.student_key = u.user_key",
                        "u.corp_id = m.corp_id AND u.user_key = {key}"),
                rs -> {
                    long dept = rs.getLong(5);
                    return new StudentRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.wasNull() ? null : dept);
                },
                set.params());
        Map<String, List<ParentRow>> parents = new HashMap<>(rows.size() * 4 / 3 + 16);
        tx.query(set.rows("pc.student_key, p.created_seq, p.userid, pc.relation, p.parent_mobile, p.is_subscribe, p.external_userid",
                        "CROSS JOIN parent_children pc" + indexedBy(tx.dialect(), "parent_children_by_student") + " CROSS JOIN users p",
                        "pc.corp_id = m.corp_id AND pc.student_key = {key} AND p.corp_id = pc.corp_id AND p.user_key = pc.parent_key"),
                rs -> parents.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(new ParentRow(rs.getLong(2), new ParentOfStudent(
                        rs.getString(3), rs.getString(4), showMobiles ? rs.getString(5) : null, rs.getInt(6),
                        subscribedOnly(rs.getInt(6), rs.getString(7))))),
                set.params());
        rows.sort(StudentRow.BY_CREATION);
        List<String> inSeveral = new ArrayList<>();
        for (int i = 0, next; i < rows.size(); i = next) {
            next = i + 1;
            boolean several = false;
            for (; next < rows.size() && rows.get(next).seq() == rows.get(i).seq(); next++) {
                several |= !java.util.Objects.equals(rows.get(next).dept(), rows.get(i).dept());
            }
            if (several) inSeveral.add(rows.get(i).key());
        }
        Map<String, List<Long>> classOrder = classesInOrder(tx, corpId, inSeveral);
        List<Student> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); ) {
            StudentRow first = rows.get(i);
            List<Long> classes = classOrder.get(first.key());
            // a student reached through two classes of the set has its rows twice: keep it once
            for (; i < rows.size() && rows.get(i).seq() == first.seq(); i++) {}
            if (classes == null) classes = first.dept() == null ? List.of() : List.of(first.dept());
            out.add(new Student(first.userid(), first.name(), classes, parentsByCreation(parents.get(first.key()))));
        }
        return out;
    }

    /** The classes of each of {@code studentKeys} in their given order, a few hundred students a query. */
    private static Map<String, List<Long>> classesInOrder(Tx tx, String corpId, List<String> studentKeys) throws SQLException {
        if (studentKeys.isEmpty()) return Map.of();
        record Membership(String student, long dept, int position) {}
        Map<String, List<Long>> out = new HashMap<>();
        for (int from = 0; from < studentKeys.size(); from += 500) {
            List<String> chunk = studentKeys.subList(from, Math.min(studentKeys.size(), from + 500));
            Object[] params = new Object[chunk.size() + 1];
            params[0] = corpId;
            for (int i = 0; i < chunk.size(); i++) params[i + 1] = chunk.get(i);
            List<Membership> found = tx.query("SELECT student_key, dept_id, position FROM student_classes WHERE corp_id = ? AND student_key IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY student_key, position",
                    rs -> new Membership(rs.getString(1), rs.getLong(2), rs.getInt(3)), params);
            for (Membership m : found) out.computeIfAbsent(m.student(), k -> new ArrayList<>(2)).add(m.dept());
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    /**
     * PostgreSQL: the set's rows are walked by key lookups (nested loops over the indexes), not by
     * hash or merge joins. With statistics, PostgreSQL prices 30,000 index probes above one scan of
     * the whole school: in a school of 1.4 million users it read every user to list a class of 30,000
     * (a parallel sequential scan and a hash join, 392 ms; the lookups take a fraction of that,
     * docs/storage.md). {@code set_config(..., true)} lasts until this read transaction ends. One user
     * and sets of a whole school keep the planner's choice (and save the round trip).
     */
    static void walkByKey(Tx tx, UserSet set) throws SQLException {
        if (!set.byKey() || tx.dialect() != Dialect.POSTGRESQL) return;
        tx.query("SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)", rs -> null);
    }

    private record StudentRow(long seq, String key, String userid, String name, Long dept) {
        static final java.util.Comparator<StudentRow> BY_CREATION = java.util.Comparator.comparingLong(StudentRow::seq);
    }

    private record ParentRow(long seq, ParentOfStudent parent) {}

    /** A student's parents by creation, each once (the student may have been reached twice). */
    private static List<ParentOfStudent> parentsByCreation(List<ParentRow> rows) {
        if (rows == null) return List.of();
        if (rows.size() > 1) rows.sort(java.util.Comparator.comparingLong(ParentRow::seq));
        List<ParentOfStudent> out = new ArrayList<>(rows.size());
        long last = Long.MIN_VALUE;
        for (ParentRow r : rows) {
            if (r.seq() != last) out.add(r.parent());
            last = r.seq();
        }
        return List.copyOf(out);
    }

    /** The parents of the set, by creation order, each once with all its children (with names). */
    static List<Parent> parents(Tx tx, String corpId, UserSet set, boolean showMobiles) throws SQLException {
        walkByKey(tx, set);
        Map<String, Set<Child>> children = new HashMap<>();
        tx.query(set.sql("pc.parent_key, s.userid, pc.relation, s.name",
                        "JOIN parent_children pc ON pc.corp_id = m.corp_id AND pc.parent_key = {key}"
                                + " JOIN users s ON s.corp_id = pc.corp_id AND s.user_key = pc.student_key", "pc.position"),
                rs -> children.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                        .add(new Child(rs.getString(2), rs.getString(3), rs.getString(4))),
                set.params());
        Set<String> seen = new HashSet<>();
        List<Parent> out = new ArrayList<>();
        tx.query(set.sql("u.user_key, u.userid, u.parent_mobile, u.is_subscribe, u.external_userid, u.created_seq",
                        "JOIN users u ON u.corp_id = m.corp_id AND u.user_key = {key}", "u.created_seq"),
                rs -> seen.add(rs.getString(1)) && out.add(new Parent(rs.getString(2), showMobiles ? rs.getString(3) : null,
                        rs.getInt(4), subscribedOnly(rs.getInt(4), rs.getString(5)),
                        List.copyOf(children.getOrDefault(rs.getString(1), Set.of())))),
                set.params());
        return out;
    }

    /** external_userid is returned only for parents who follow the school's notices (spec 5.4). */
    private static String subscribedOnly(int isSubscribe, String externalUserid) {
        return isSubscribe == 1 ? externalUserid : null;
    }
}
