package org.schoolcontacts.parents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * Departments and students written straight in SQL, for parent tests that must not depend on the
 * departments and students features. The rows are the ones those features write (schema in V1).
 */
final class SchoolData {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchoolData() {}

    /** A JSON body from text written with single quotes, e.g. {@code json("{'a':1}")}. */
    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void department(Database db, String corpId, long id, long parentId, int type) {
        db.write(corpId, tx -> department(tx, id, parentId, type));
    }

    static Void department(Tx tx, long id, long parentId, int type) throws SQLException {
        tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, created_seq) VALUES (?, ?, ?, ?, ?, ?)",
                tx.corpId(), id, parentId, "dept " + id, type, tx.nextSeq());
        return null;
    }

    /** A grade under the root and classes under it. */
    static void gradeWithClasses(Database db, String corpId, long gradeId, long... classIds) {
        db.write(corpId, tx -> {
            department(tx, gradeId, Limits.ROOT_DEPARTMENT_ID, 2);
            for (long c : classIds) department(tx, c, gradeId, 1);
            return null;
        });
    }

    static void student(Database db, String corpId, String userid, long... classIds) {
        db.write(corpId, tx -> student(tx, userid, "name of " + userid, classIds));
    }

    static Void student(Tx tx, String userid, String name, long... classIds) throws SQLException {
        tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, name, created_seq) VALUES (?, ?, ?, 1, ?, ?)",
                tx.corpId(), Limits.userKey(userid), userid, name, tx.nextSeq());
        for (int i = 0; i < classIds.length; i++) {
            tx.update("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, ?)",
                    tx.corpId(), Limits.userKey(userid), classIds[i], i);
            tx.update("UPDATE departments SET student_count = student_count + 1 WHERE corp_id = ? AND dept_id = ?",
                    tx.corpId(), classIds[i]);
        }
        return null;
    }

    /** Renames a student the way the students feature does: the key change cascades to its links. */
    static void renameStudent(Tx tx, String from, String to) throws SQLException {
        tx.update("UPDATE users SET user_key = ?, userid = ?, renamed = 1 WHERE corp_id = ? AND user_key = ?",
                Limits.userKey(to), to, tx.corpId(), Limits.userKey(from));
    }

    static long count(Database db, String sql, Object... params) {
        return db.read(tx -> tx.count(sql, params));
    }
}
