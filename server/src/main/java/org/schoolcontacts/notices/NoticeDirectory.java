package org.schoolcontacts.notices;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.schoolcontacts.storage.Tx;

/**
 * The directory reads recipient expansion needs, each one statement (or one per 500 ids), run inside
 * the sending transaction so the snapshot is the one the notice is stored with. Students and parents
 * share the users table; {@code created_seq} is a user's creation number, unique in the school and
 * kept by renames.
 */
final class NoticeDirectory {
    static final int STUDENT = 1;
    static final int PARENT = 2;
    private static final int CHUNK = 500;
    /** Above this many students, one query over the school beats chunked IN lists. */
    private static final int WHOLE_SCHOOL_READ = 2000;
    private static final String MEMBER = "u.user_key, u.userid, u.created_seq, u.user_type, u.is_subscribe";

    record Member(String key, String userid, long seq, int type, int isSubscribe) {}

    private NoticeDirectory() {}

    private static Member member(java.sql.ResultSet rs, int from) throws SQLException {
        return new Member(rs.getString(from), rs.getString(from + 1), rs.getLong(from + 2), rs.getInt(from + 3), rs.getInt(from + 4));
    }

    /** Users by key (lower-cased userid), any type. */
    static Map<String, Member> usersByKey(Tx tx, String corpId, Collection<String> keys) throws SQLException {
        Map<String, Member> out = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(keys))) {
            for (Member m : tx.query("SELECT " + MEMBER + " FROM users u WHERE u.corp_id = ? AND u.user_key IN (" + marks(chunk.size()) + ")",
                    rs -> member(rs, 1), params(corpId, chunk))) {
                out.put(m.key(), m);
            }
        }
        return out;
    }

    static List<Member> allStudents(Tx tx, String corpId) throws SQLException {
        return tx.query("SELECT " + MEMBER + " FROM users u WHERE u.corp_id = ? AND u.user_type = ? ORDER BY u.created_seq",
                rs -> member(rs, 1), corpId, STUDENT);
    }

    /** Students in any of these departments (classes), in creation order, each once. */
    static List<Member> studentsIn(Tx tx, String corpId, Collection<Long> departments) throws SQLException {
        TreeMap<Long, Member> bySeq = new TreeMap<>();
        for (List<Long> chunk : chunks(new ArrayList<>(departments))) {
            for (Member m : tx.query("SELECT " + MEMBER + " FROM student_classes sc JOIN users u ON u.corp_id = sc.corp_id AND u.user_key = sc.student_key"
                    + " WHERE sc.corp_id = ? AND sc.dept_id IN (" + marks(chunk.size()) + ")", rs -> member(rs, 1), params(corpId, chunk))) {
                bySeq.put(m.seq(), m);
            }
        }
        return new ArrayList<>(bySeq.values());
    }

    /** Each student's parents in the parents' creation order (a student's parent order in reads). */
    static Map<String, List<Member>> parentsOf(Tx tx, String corpId, Collection<String> studentKeys) throws SQLException {
        Map<String, List<Member>> out = new HashMap<>();
        String sql = "SELECT pc.student_key, " + MEMBER + " FROM parent_children pc JOIN users u ON u.corp_id = pc.corp_id AND u.user_key = pc.parent_key"
                + " WHERE pc.corp_id = ?";
        if (studentKeys.size() > WHOLE_SCHOOL_READ) {
            java.util.Set<String> wanted = new java.util.HashSet<>(studentKeys);
            for (Object[] row : tx.query(sql + " ORDER BY u.created_seq", rs -> new Object[] {rs.getString(1), member(rs, 2)}, corpId)) {
                if (wanted.contains((String) row[0])) out.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((Member) row[1]);
            }
            return out;
        }
        for (List<String> chunk : chunks(new ArrayList<>(studentKeys))) {
            for (Object[] row : tx.query(sql + " AND pc.student_key IN (" + marks(chunk.size()) + ") ORDER BY u.created_seq",
                    rs -> new Object[] {rs.getString(1), member(rs, 2)}, params(corpId, chunk))) {
                out.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((Member) row[1]);
            }
        }
        return out;
    }

    /** Children (student keys) of these parents. */
    static Map<String, List<String>> childrenOf(Tx tx, String corpId, Collection<String> parentKeys) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(parentKeys))) {
            for (String[] row : tx.query("SELECT parent_key, student_key FROM parent_children WHERE corp_id = ? AND parent_key IN ("
                    + marks(chunk.size()) + ")", rs -> new String[] {rs.getString(1), rs.getString(2)}, params(corpId, chunk))) {
                out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
            }
        }
        return out;
    }

    /** Every student's classes (only read when an app's scope is narrower than the school). */
    static Map<String, List<Long>> allClasses(Tx tx, String corpId) throws SQLException {
        Map<String, List<Long>> out = new HashMap<>();
        for (Object[] row : tx.query("SELECT student_key, dept_id FROM student_classes WHERE corp_id = ?",
                rs -> new Object[] {rs.getString(1), rs.getLong(2)}, corpId)) {
            out.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((Long) row[1]);
        }
        return out;
    }

    /** Department id → parent id. */
    static Map<Long, Long> departments(Tx tx, String corpId) throws SQLException {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (long[] row : tx.query("SELECT dept_id, parent_id FROM departments WHERE corp_id = ?", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, corpId)) {
            out.put(row[0], row[1]);
        }
        return out;
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        return out;
    }

    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Object[] params(String corpId, List<?> rest) {
        Object[] p = new Object[rest.size() + 1];
        p[0] = corpId;
        for (int i = 0; i < rest.size(); i++) p[i + 1] = rest.get(i);
        return p;
    }
}
