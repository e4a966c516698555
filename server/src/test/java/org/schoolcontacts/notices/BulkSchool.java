package org.schoolcontacts.notices;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * A large school written straight in SQL with JDBC batches (the rows the directory features write,
 * schema V1), for the notice store contracts and the notice benchmark: grade 10 with classes 11, 12,
 * …; students {@code s<i>} spread over the classes in turn, each with one parent {@code p<i>}, every
 * {@code unsubscribedEvery}-th parent not subscribed (0: all subscribed).
 */
public final class BulkSchool {
    public static final long GRADE = 10;

    private BulkSchool() {}

    public static long classId(int index) { return 11 + index; }

    public static void fill(Database db, String corpId, int classes, int students, int unsubscribedEvery) {
        db.write(corpId, tx -> {
            department(tx, GRADE, Limits.ROOT_DEPARTMENT_ID, 2);
            for (int c = 0; c < classes; c++) department(tx, classId(c), GRADE, 1);
            var conn = tx.connection();
            try (PreparedStatement user = conn.prepareStatement("INSERT INTO users (corp_id, user_key, userid, user_type, name, parent_mobile,"
                    + " is_subscribe, created_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement member = conn.prepareStatement("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, 0)");
                 PreparedStatement link = conn.prepareStatement("INSERT INTO parent_children (corp_id, parent_key, student_key, relation, position)"
                         + " VALUES (?, ?, ?, ?, 0)")) {
                for (int i = 0; i < students; i++) {
                    String s = "s" + i;
                    String p = "p" + i;
                    int subscribed = unsubscribedEvery > 0 && i % unsubscribedEvery == 0 ? 0 : 1;
                    user(user, corpId, s, 1, "学生" + i, null, 0, tx.nextSeq());
                    user(user, corpId, p, 2, null, String.valueOf(13_000_000_000L + i), subscribed, tx.nextSeq());
                    member.setString(1, corpId);
                    member.setString(2, s);
                    member.setLong(3, classId(i % classes));
                    member.addBatch();
                    link.setString(1, corpId);
                    link.setString(2, p);
                    link.setString(3, s);
                    link.setString(4, "妈妈");
                    link.addBatch();
                    if (i % 1000 == 999 || i == students - 1) {
                        user.executeBatch();
                        member.executeBatch();
                        link.executeBatch();
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                tx.update("UPDATE departments SET student_count = (SELECT COUNT(*) FROM student_classes WHERE corp_id = ? AND dept_id = ?)"
                        + " WHERE corp_id = ? AND dept_id = ?", corpId, classId(c), corpId, classId(c));
            }
            return null;
        });
    }

    private static void department(Tx tx, long id, long parentId, int type) throws SQLException {
        tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, created_seq) VALUES (?, ?, ?, ?, ?, ?)",
                tx.corpId(), id, parentId, "dept " + id, type, tx.nextSeq());
    }

    private static void user(PreparedStatement ps, String corpId, String userid, int type, String name, String mobile, int subscribed, long seq)
            throws SQLException {
        ps.setString(1, corpId);
        ps.setString(2, userid);
        ps.setString(3, userid);
        ps.setInt(4, type);
        ps.setString(5, name);
        ps.setString(6, mobile);
        ps.setInt(7, subscribed);
        ps.setLong(8, seq);
        ps.addBatch();
    }
}
