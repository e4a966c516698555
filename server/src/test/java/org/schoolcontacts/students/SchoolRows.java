package org.schoolcontacts.students;

import java.util.List;
import java.util.Optional;
import org.schoolcontacts.storage.Database;

/**
 * Test set-up and inspection by plain SQL: departments and parents (other features own their
 * endpoints) and the stored state of students, including what no read endpoint returns (mobile,
 * renamed flag, class counts).
 */
final class SchoolRows {
    private final Database db;
    private final String corpId;

    SchoolRows(Database db, String corpId) {
        this.db = db;
        this.corpId = corpId;
    }

    /** What the store holds for one student. */
    record StoredStudent(String userid, String name, String mobile, boolean renamed, List<Long> classes) {}

    SchoolRows department(long id, long parentId, int type) {
        db.write(corpId, tx -> tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, student_count, created_seq)"
                + " VALUES (?, ?, ?, ?, ?, 0, ?)", corpId, id, parentId, "d" + id, type, tx.nextSeq()));
        return this;
    }

    /** A grade under the root with these classes under it. */
    SchoolRows gradeWithClasses(long gradeId, long... classIds) {
        department(gradeId, 1, 2);
        for (long c : classIds) department(c, gradeId, 1);
        return this;
    }

    SchoolRows setStudentCount(long classId, int count) {
        db.write(corpId, tx -> tx.update("UPDATE departments SET student_count = ? WHERE corp_id = ? AND dept_id = ?", count, corpId, classId));
        return this;
    }

    /** A parent linked to these students (as stored, in any case). */
    SchoolRows parent(String userid, String mobile, String... children) {
        db.write(corpId, tx -> {
            tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, parent_mobile, renamed, created_seq) VALUES (?, ?, ?, 2, ?, 0, ?)",
                    corpId, userid.toLowerCase(), userid, mobile, tx.nextSeq());
            for (int i = 0; i < children.length; i++) {
                tx.update("INSERT INTO parent_children (corp_id, parent_key, student_key, relation, position) VALUES (?, ?, ?, ?, ?)",
                        corpId, userid.toLowerCase(), children[i].toLowerCase(), "爸爸", i);
            }
            return null;
        });
        return this;
    }

    Optional<StoredStudent> student(String userid) {
        return db.read(tx -> {
            var row = tx.one("SELECT userid, name, mobile, renamed FROM users WHERE corp_id = ? AND user_key = ? AND user_type = 1",
                    rs -> new StoredStudent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, List.of()),
                    corpId, userid.toLowerCase());
            if (row.isEmpty()) return Optional.<StoredStudent>empty();
            List<Long> classes = tx.query("SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ? ORDER BY position",
                    rs -> rs.getLong(1), corpId, userid.toLowerCase());
            StoredStudent s = row.get();
            return Optional.of(new StoredStudent(s.userid(), s.name(), s.mobile(), s.renamed(), classes));
        });
    }

    /** The student keys a parent links to. */
    List<String> childrenOf(String parentUserid) {
        return db.read(tx -> tx.query("SELECT student_key FROM parent_children WHERE corp_id = ? AND parent_key = ? ORDER BY position",
                rs -> rs.getString(1), corpId, parentUserid.toLowerCase()));
    }

    long studentCount(long classId) {
        return db.read(tx -> tx.count("SELECT student_count FROM departments WHERE corp_id = ? AND dept_id = ?", corpId, classId));
    }

    long memberships(long classId) {
        return db.read(tx -> tx.count("SELECT COUNT(*) FROM student_classes WHERE corp_id = ? AND dept_id = ?", corpId, classId));
    }

    long users() {
        return db.read(tx -> tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ?", corpId));
    }
}
