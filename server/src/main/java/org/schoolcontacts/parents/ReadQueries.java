package org.schoolcontacts.parents;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.ParentOfStudent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.storage.Tx;

/**
 * The read side in SQL. Every answer is built by a fixed number of set-based queries over a set of
 * users (one user, the students of a class or subtree, the parents of a class), never one query per
 * row: listing a class of 30,000 students is three queries.
 */
final class ReadQueries {
    private ReadQueries() {}

    /**
     * A set of user keys as SQL: an optional CTE prefix, the text inside {@code IN (...)}, and their
     * parameters, so the same set can drive several queries.
     */
    record UserSet(String cte, Object[] cteParams, String in, Object[] inParams) {
        static UserSet one(String key) {
            return new UserSet("", new Object[0], "?", new Object[] {key});
        }

        /** Students directly in a department. */
        static UserSet studentsIn(String corpId, long deptId) {
            return new UserSet("", new Object[0],
                    "SELECT DISTINCT student_key FROM student_classes WHERE corp_id = ? AND dept_id = ?",
                    new Object[] {corpId, deptId});
        }

        /**
         * Students of a department and all its descendants (fetch_child=1). UNION, not UNION ALL, so
         * even a corrupted parent loop could not make the recursion endless.
         */
        static UserSet studentsUnder(String corpId, long deptId) {
            return new UserSet("WITH RECURSIVE scope (dept_id) AS ("
                    + " SELECT dept_id FROM departments WHERE corp_id = ? AND dept_id = ?"
                    + " UNION SELECT d.dept_id FROM departments d JOIN scope s ON d.parent_id = s.dept_id WHERE d.corp_id = ?) ",
                    new Object[] {corpId, deptId, corpId},
                    "SELECT DISTINCT sc.student_key FROM student_classes sc WHERE sc.corp_id = ? AND sc.dept_id IN (SELECT dept_id FROM scope)",
                    new Object[] {corpId});
        }

        /** Parents with at least one child directly in a department (list_parent, no recursion). */
        static UserSet parentsOfStudentsIn(String corpId, long deptId) {
            return new UserSet("", new Object[0],
                    "SELECT DISTINCT pc.parent_key FROM parent_children pc JOIN student_classes sc"
                            + " ON sc.corp_id = pc.corp_id AND sc.student_key = pc.student_key WHERE pc.corp_id = ? AND sc.dept_id = ?",
                    new Object[] {corpId, deptId});
        }

        /** {@code select} must end in "IN (" and have {@code corpId} as its one parameter before it. */
        String sql(String select, String rest) {
            return cte + select + in + ")" + rest;
        }

        Object[] params(String corpId) {
            Object[] out = new Object[cteParams.length + 1 + inParams.length];
            System.arraycopy(cteParams, 0, out, 0, cteParams.length);
            out[cteParams.length] = corpId;
            System.arraycopy(inParams, 0, out, cteParams.length + 1, inParams.length);
            return out;
        }
    }

    record UserRow(String key, String userid, int type, String name, String parentMobile, int isSubscribe, String externalUserid) {}

    static Optional<UserRow> user(Tx tx, String corpId, String key) throws SQLException {
        return tx.one("SELECT user_key, userid, user_type, name, parent_mobile, is_subscribe, external_userid"
                        + " FROM users WHERE corp_id = ? AND user_key = ?",
                rs -> new UserRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7)),
                corpId, key);
    }

    static boolean departmentExists(Tx tx, String corpId, long deptId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM departments WHERE corp_id = ? AND dept_id = ?", corpId, deptId) > 0;
    }

    /** The students of the set, by creation order, each with its classes and parents. */
    static List<Student> students(Tx tx, String corpId, UserSet set, boolean showMobiles) throws SQLException {
        Map<String, List<Long>> classes = new HashMap<>();
        for (Map.Entry<String, Long> row : tx.query(set.sql("SELECT sc.student_key, sc.dept_id FROM student_classes sc"
                + " WHERE sc.corp_id = ? AND sc.student_key IN (", " ORDER BY sc.position"),
                rs -> Map.entry(rs.getString(1), rs.getLong(2)), set.params(corpId))) {
            classes.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        Map<String, List<ParentOfStudent>> parents = new HashMap<>();
        tx.query(set.sql("SELECT pc.student_key, p.userid, pc.relation, p.parent_mobile, p.is_subscribe, p.external_userid"
                        + " FROM parent_children pc JOIN users p ON p.corp_id = pc.corp_id AND p.user_key = pc.parent_key"
                        + " WHERE pc.corp_id = ? AND pc.student_key IN (", " ORDER BY p.created_seq"),
                rs -> parents.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ParentOfStudent(
                        rs.getString(2), rs.getString(3), showMobiles ? rs.getString(4) : null, rs.getInt(5),
                        subscribedOnly(rs.getInt(5), rs.getString(6)))),
                set.params(corpId));
        return tx.query(set.sql("SELECT u.user_key, u.userid, u.name FROM users u WHERE u.corp_id = ? AND u.user_type = "
                        + ParentStore.STUDENT + " AND u.user_key IN (", " ORDER BY u.created_seq"),
                rs -> new Student(rs.getString(2), rs.getString(3),
                        List.copyOf(classes.getOrDefault(rs.getString(1), List.of())),
                        List.copyOf(parents.getOrDefault(rs.getString(1), List.of()))),
                set.params(corpId));
    }

    /** The parents of the set, by creation order, each with all its children (with names). */
    static List<Parent> parents(Tx tx, String corpId, UserSet set, boolean showMobiles) throws SQLException {
        Map<String, List<Child>> children = new HashMap<>();
        tx.query(set.sql("SELECT pc.parent_key, s.userid, pc.relation, s.name FROM parent_children pc"
                        + " JOIN users s ON s.corp_id = pc.corp_id AND s.user_key = pc.student_key"
                        + " WHERE pc.corp_id = ? AND pc.parent_key IN (", " ORDER BY pc.position"),
                rs -> children.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Child(rs.getString(2), rs.getString(3), rs.getString(4))),
                set.params(corpId));
        return tx.query(set.sql("SELECT u.user_key, u.userid, u.parent_mobile, u.is_subscribe, u.external_userid FROM users u"
                        + " WHERE u.corp_id = ? AND u.user_type = " + ParentStore.PARENT + " AND u.user_key IN (", " ORDER BY u.created_seq"),
                rs -> new Parent(rs.getString(2), showMobiles ? rs.getString(3) : null, rs.getInt(4),
                        subscribedOnly(rs.getInt(4), rs.getString(5)),
                        List.copyOf(children.getOrDefault(rs.getString(1), List.of()))),
                set.params(corpId));
    }

    /** external_userid is returned only for parents who follow the school's notices (spec 5.4). */
    private static String subscribedOnly(int isSubscribe, String externalUserid) {
        return isSubscribe == 1 ? externalUserid : null;
    }
}
