package org.schoolcontacts.departments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.schoolcontacts.departments.DepartmentRules.Type;
import org.schoolcontacts.storage.ConstraintViolation;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * Departments and their admins in SQL, the same statements on all three databases. Writes take the
 * corp from the write transaction (whose corp row it has locked); reads name it.
 */
final class DepartmentStore {
    private DepartmentStore() {}

    private static final String COLUMNS = "dept_id, parent_id, name, type, register_year, standard_grade, sort_order, "
            + "is_graduated, open_group_chat, group_chat_id";

    static Optional<Department> find(Tx tx, String corpId, long id) throws SQLException {
        Optional<Department> d = tx.one("SELECT " + COLUMNS + " FROM departments WHERE corp_id = ? AND dept_id = ?",
                DepartmentStore::department, corpId, id);
        if (d.isEmpty()) return d;
        return Optional.of(d.get().withAdmins(admins(tx, corpId, id)));
    }

    static Map<Long, Integer> classSizes(Tx tx, String corpId) throws SQLException {
        Map<Long, Integer> sizes = new LinkedHashMap<>();
        tx.query("SELECT dept_id, student_count FROM departments WHERE corp_id = ? AND type = ? ORDER BY dept_id",
                rs -> sizes.put(rs.getLong(1), rs.getInt(2)), corpId, Type.CLASS.code);
        return sizes;
    }

    static boolean exists(Tx tx, String corpId, long id) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM departments WHERE corp_id = ? AND dept_id = ?", corpId, id) > 0;
    }

    /** The parent of {@code id}, or empty when there is no such department. */
    static Optional<Long> parentOf(Tx tx, String corpId, long id) throws SQLException {
        return tx.one("SELECT parent_id FROM departments WHERE corp_id = ? AND dept_id = ?", rs -> rs.getLong(1), corpId, id);
    }

    /**
     * Every department of the school with its admins (in the order they were appointed). One statement,
     * so that it reads one snapshot even at READ COMMITTED, while writers carry on.
     */
    static List<Department> all(Tx tx, String corpId) throws SQLException {
        record Row(Department department, Department.Admin admin) {}
        List<Row> rows = tx.query("SELECT d.dept_id, d.parent_id, d.name, d.type, d.register_year, d.standard_grade, "
                        + "d.sort_order, d.is_graduated, d.open_group_chat, d.group_chat_id, a.userid, a.type, a.subject "
                        + "FROM departments d LEFT JOIN department_admins a ON a.corp_id = d.corp_id AND a.dept_id = d.dept_id "
                        + "WHERE d.corp_id = ? ORDER BY d.dept_id, a.created_seq",
                rs -> new Row(department(rs), rs.getString(11) == null ? null
                        : new Department.Admin(rs.getString(11), rs.getInt(12), rs.getString(13))), corpId);
        Map<Long, Department> departments = new LinkedHashMap<>();
        Map<Long, List<Department.Admin>> admins = new HashMap<>();
        for (Row r : rows) {
            departments.putIfAbsent(r.department().id(), r.department());
            if (r.admin() != null) admins.computeIfAbsent(r.department().id(), k -> new ArrayList<>()).add(r.admin());
        }
        List<Department> out = new ArrayList<>(departments.size());
        for (Department d : departments.values()) out.add(d.withAdmins(admins.getOrDefault(d.id(), List.of())));
        return out;
    }

    static List<Department.Admin> admins(Tx tx, String corpId, long id) throws SQLException {
        return tx.query("SELECT userid, type, subject FROM department_admins WHERE corp_id = ? AND dept_id = ? ORDER BY created_seq",
                rs -> new Department.Admin(rs.getString(1), rs.getInt(2), rs.getString(3)), corpId, id);
    }

    /**
     * The id for a create without one: max + 1 (spec 5.1). Once the int32 range is used up at the top,
     * the lowest free id above the root instead, so an id can always be found.
     */
    static long nextId(Tx tx) throws SQLException {
        long max = tx.count("SELECT MAX(dept_id) FROM departments WHERE corp_id = ?", tx.corpId());
        if (max < Limits.MAX_DEPARTMENT_ID) return Math.max(max + 1, Limits.MIN_CREATED_DEPARTMENT_ID);
        return tx.count("SELECT MIN(d.dept_id + 1) FROM departments d WHERE d.corp_id = ? AND d.dept_id < ? AND NOT EXISTS "
                + "(SELECT 1 FROM departments e WHERE e.corp_id = d.corp_id AND e.dept_id = d.dept_id + 1)",
                tx.corpId(), Limits.MAX_DEPARTMENT_ID);
    }

    /** Inserts a department; a key clash (the same id created concurrently elsewhere) is 60008. */
    static void insert(Tx tx, Department d) throws SQLException {
        try {
            tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, register_year, standard_grade, "
                            + "sort_order, created_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tx.corpId(), d.id(), d.parentId(), d.name(), d.type().code, d.registerYear(), d.standardGrade(),
                    d.order(), tx.nextSeq());
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.UNIQUE) throw WeComError.DEPARTMENT_EXISTS.with(d.id());
            throw e;
        }
    }

    static void updateAttributes(Tx tx, long id, String name, Integer registerYear, Integer standardGrade, Long order)
            throws SQLException {
        tx.update("UPDATE departments SET name = ?, register_year = ?, standard_grade = ?, sort_order = ? "
                + "WHERE corp_id = ? AND dept_id = ?", name, registerYear, standardGrade, order, tx.corpId(), id);
    }

    static void move(Tx tx, long id, long parentId) throws SQLException {
        tx.update("UPDATE departments SET parent_id = ? WHERE corp_id = ? AND dept_id = ?", parentId, tx.corpId(), id);
    }

    /**
     * Gives a department a new id. Memberships (student_classes) and admins follow through their
     * foreign keys' ON UPDATE CASCADE; children's parent_id is not a foreign key and is moved here.
     */
    static void renumber(Tx tx, long id, long newId) throws SQLException {
        try {
            tx.update("UPDATE departments SET dept_id = ? WHERE corp_id = ? AND dept_id = ?", newId, tx.corpId(), id);
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.UNIQUE) throw WeComError.DEPARTMENT_EXISTS.with(newId);
            throw e;
        }
        tx.update("UPDATE departments SET parent_id = ? WHERE corp_id = ? AND parent_id = ?", newId, tx.corpId(), id);
    }

    static boolean hasChildren(Tx tx, long id) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM departments WHERE corp_id = ? AND parent_id = ?", tx.corpId(), id) > 0;
    }

    static boolean hasStudents(Tx tx, long id) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM student_classes WHERE corp_id = ? AND dept_id = ?", tx.corpId(), id) > 0;
    }

    /**
     * Deletes a department and its admins. The student_classes foreign key (ON DELETE RESTRICT) refuses
     * to delete a class that still has students, whoever added them: that is 60005, not a fault.
     */
    static void delete(Tx tx, long id) throws SQLException {
        try {
            tx.update("DELETE FROM departments WHERE corp_id = ? AND dept_id = ?", tx.corpId(), id);
        } catch (SQLException e) {
            if (ConstraintViolation.of(e) == ConstraintViolation.FOREIGN_KEY) throw WeComError.DEPARTMENT_HAS_MEMBERS.with(id);
            throw e;
        }
    }

    static void insertAdmin(Tx tx, long deptId, String key, Department.Admin a) throws SQLException {
        tx.update("INSERT INTO department_admins (corp_id, dept_id, admin_key, userid, type, subject, created_seq) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", tx.corpId(), deptId, key, a.userid(), a.type(), a.subject(), tx.nextSeq());
    }

    static void updateAdmin(Tx tx, long deptId, String key, Department.Admin a) throws SQLException {
        tx.update("UPDATE department_admins SET userid = ?, type = ?, subject = ? WHERE corp_id = ? AND dept_id = ? AND admin_key = ?",
                a.userid(), a.type(), a.subject(), tx.corpId(), deptId, key);
    }

    static void deleteAdmin(Tx tx, long deptId, String key) throws SQLException {
        tx.update("DELETE FROM department_admins WHERE corp_id = ? AND dept_id = ? AND admin_key = ?", tx.corpId(), deptId, key);
    }

    private static Department department(ResultSet rs) throws SQLException {
        return new Department(rs.getLong(1), rs.getLong(2), rs.getString(3), Type.of(rs.getInt(4)),
                nullableInt(rs, 5), nullableInt(rs, 6), nullableLong(rs, 7), rs.getInt(8) == 1, rs.getInt(9) == 1,
                rs.getString(10), List.of());
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
