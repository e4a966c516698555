package org.schoolcontacts.events;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.schoolcontacts.storage.SqlWork;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;

/**
 * What fires what (spec events §1.2), for write paths that would rather not work it out themselves:
 * each method runs one applied item's {@code work} and records its events through the
 * {@link ChangeRecorder}. "Changed something" and "parent list changed" are judged on what the reads
 * show (user/get, department/list), compared before and after the work, so a rule added to a write
 * path later cannot make the events disagree with the data. When no receiver is eligible the work just
 * runs, without the comparison queries.
 *
 * <p>Call it inside the item (its savepoint): if the work throws, nothing is recorded.
 */
public final class DirectoryChanges {
    private final ChangeRecorder recorder;

    public DirectoryChanges(ChangeRecorder recorder) {
        this.recorder = recorder;
    }

    public ChangeRecorder recorder() { return recorder; }

    // ---- students -------------------------------------------------------------------------

    /** create_student and one batch_create_student item. */
    public <T> T createStudent(Tx tx, String userid, SqlWork<T> work) throws SQLException {
        T result = work.run(tx);
        if (recorder.active(tx)) {
            recorder.record(tx, Change.of(ChangeType.CREATE_STUDENT, storedUserid(tx, userid).orElse(userid)));
        }
        return result;
    }

    /** update_student and one batch_update_student item: an event only when something visible changed. */
    public <T> T updateStudent(Tx tx, String userid, String newUserid, SqlWork<T> work) throws SQLException {
        if (!recorder.active(tx) || userid == null) return work.run(tx);
        Optional<List<Object>> before = studentView(tx, userid);
        T result = work.run(tx);
        Optional<List<Object>> after = studentView(tx, newUserid != null ? newUserid : userid);
        if (before.isPresent() && after.isPresent() && !before.equals(after)) {
            recorder.record(tx, Change.renamed(ChangeType.UPDATE_STUDENT, (String) before.get().get(0), (String) after.get().get(0)));
        }
        return result;
    }

    /** delete_student and one batch_delete_student item. */
    public <T> T deleteStudent(Tx tx, String userid, SqlWork<T> work) throws SQLException {
        if (!recorder.active(tx) || userid == null) return work.run(tx);
        String stored = storedUserid(tx, userid).orElse(userid);
        T result = work.run(tx);
        recorder.record(tx, Change.of(ChangeType.DELETE_STUDENT, stored));
        return result;
    }

    // ---- parents --------------------------------------------------------------------------

    /** create_parent: {@code create_parent}, then {@code update_student} per child in children order. */
    public <T> T createParent(Tx tx, String userid, SqlWork<T> work) throws SQLException {
        T result = work.run(tx);
        if (!recorder.active(tx) || userid == null) return result;
        Optional<ParentView> p = parentView(tx, userid);
        if (p.isEmpty()) return result;
        recorder.record(tx, Change.of(ChangeType.CREATE_PARENT, p.get().userid()));
        for (Child c : p.get().children()) recorder.record(tx, Change.of(ChangeType.UPDATE_STUDENT, c.userid()));
        return result;
    }

    /**
     * update_parent: {@code update_parent} (NewId on rename) when the parent changed, then
     * {@code update_student} for each student whose parent list changed: current children in order,
     * then removed children in their former order.
     */
    public <T> T updateParent(Tx tx, String userid, String newUserid, SqlWork<T> work) throws SQLException {
        if (!recorder.active(tx) || userid == null) return work.run(tx);
        Optional<ParentView> before = parentView(tx, userid);
        T result = work.run(tx);
        Optional<ParentView> after = parentView(tx, newUserid != null ? newUserid : userid);
        if (before.isEmpty() || after.isEmpty() || before.equals(after)) return result;
        ParentView b = before.get(), a = after.get();
        recorder.record(tx, Change.renamed(ChangeType.UPDATE_PARENT, b.userid(), a.userid()));
        boolean parentItselfChanged = !b.visible().equals(a.visible());
        Map<String, Child> former = new LinkedHashMap<>();
        for (Child c : b.children()) former.put(c.key(), c);
        for (Child c : a.children()) {
            Child was = former.remove(c.key());
            if (was == null || parentItselfChanged || !Objects.equals(was.relation(), c.relation())) {
                recorder.record(tx, Change.of(ChangeType.UPDATE_STUDENT, c.userid()));
            }
        }
        for (Child removed : former.values()) {
            recorder.record(tx, Change.of(ChangeType.UPDATE_STUDENT, storedUserid(tx, removed.userid()).orElse(removed.userid())));
        }
        return result;
    }

    /** delete_parent: {@code delete_parent}, then {@code update_student} per former child in former order. */
    public <T> T deleteParent(Tx tx, String userid, SqlWork<T> work) throws SQLException {
        if (!recorder.active(tx) || userid == null) return work.run(tx);
        Optional<ParentView> before = parentView(tx, userid);
        T result = work.run(tx);
        if (before.isEmpty()) return result;
        recorder.record(tx, Change.of(ChangeType.DELETE_PARENT, before.get().userid()));
        for (Child c : before.get().children()) recorder.record(tx, Change.of(ChangeType.UPDATE_STUDENT, c.userid()));
        return result;
    }

    /**
     * A parent's subscription to 学校通知 changed (admin): {@code subscribe}/{@code unsubscribe}, then
     * {@code update_student} per child in children order. Only when {@code is_subscribe} really changed.
     */
    public <T> T subscription(Tx tx, String userid, boolean subscribe, SqlWork<T> work) throws SQLException {
        if (!recorder.active(tx)) return work.run(tx);
        Optional<ParentView> before = parentView(tx, userid);
        T result = work.run(tx);
        Optional<ParentView> after = parentView(tx, userid);
        if (before.isEmpty() || after.isEmpty() || before.get().subscribed() == after.get().subscribed()) return result;
        recorder.record(tx, Change.of(subscribe ? ChangeType.SUBSCRIBE : ChangeType.UNSUBSCRIBE, after.get().userid()));
        for (Child c : after.get().children()) recorder.record(tx, Change.of(ChangeType.UPDATE_STUDENT, c.userid()));
        return result;
    }

    // ---- departments ----------------------------------------------------------------------

    /** department/create: the work returns the new department's id. */
    public long createDepartment(Tx tx, SqlWork<Long> work) throws SQLException {
        long id = work.run(tx);
        recorder.record(tx, Change.department(ChangeType.CREATE_DEPARTMENT, id));
        return id;
    }

    /** department/update and admin changes of a class: an event only when department/list would show a change. */
    public <T> T updateDepartment(Tx tx, long id, Long newId, SqlWork<T> work) throws SQLException {
        if (!recorder.active(tx)) return work.run(tx);
        Optional<List<Object>> before = departmentView(tx, id);
        T result = work.run(tx);
        long afterId = newId != null ? newId : id;
        Optional<List<Object>> after = departmentView(tx, afterId);
        if (before.isPresent() && after.isPresent() && !(before.equals(after) && afterId == id)) {
            recorder.record(tx, new Change(ChangeType.UPDATE_DEPARTMENT, Long.toString(id), afterId == id ? null : Long.toString(afterId)));
        }
        return result;
    }

    /** department/delete. */
    public <T> T deleteDepartment(Tx tx, long id, SqlWork<T> work) throws SQLException {
        T result = work.run(tx);
        recorder.record(tx, Change.department(ChangeType.DELETE_DEPARTMENT, id));
        return result;
    }

    // ---- what the reads show ------------------------------------------------------------------

    private static Optional<String> storedUserid(Tx tx, String userid) throws SQLException {
        if (userid == null) return Optional.empty();
        return tx.one("SELECT userid FROM users WHERE corp_id = ? AND user_key = ?", rs -> rs.getString(1), tx.corpId(), Limits.userKey(userid));
    }

    /** A student as user/get shows her, without her parents: userid, name, mobile, classes in order. */
    private static Optional<List<Object>> studentView(Tx tx, String userid) throws SQLException {
        String key = Limits.userKey(userid);
        Optional<List<Object>> row = tx.one("SELECT userid, name, mobile FROM users WHERE corp_id = ? AND user_key = ? AND user_type = 1",
                rs -> {
                    List<Object> v = new ArrayList<>();
                    v.add(rs.getString(1));
                    v.add(rs.getString(2));
                    v.add(rs.getString(3));
                    return v;
                }, tx.corpId(), key);
        if (row.isEmpty()) return row;
        row.get().add(tx.query("SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ? ORDER BY position",
                rs -> rs.getLong(1), tx.corpId(), key));
        return row;
    }

    private record Child(String key, String userid, String relation) {}

    /** visible: what a student's parent list shows of the parent (userid, mobile, is_subscribe, external_userid). */
    private record ParentView(String userid, List<Object> visible, boolean subscribed, List<Child> children) {}

    private static Optional<ParentView> parentView(Tx tx, String userid) throws SQLException {
        if (userid == null) return Optional.empty();
        String key = Limits.userKey(userid);
        Optional<List<Object>> row = tx.one("SELECT userid, parent_mobile, is_subscribe, external_userid FROM users "
                        + "WHERE corp_id = ? AND user_key = ? AND user_type = 2",
                rs -> {
                    List<Object> v = new ArrayList<>();
                    v.add(rs.getString(1));
                    v.add(rs.getString(2));
                    boolean subscribed = rs.getInt(3) == 1;
                    v.add(subscribed);
                    // external_userid is shown only while subscribed
                    v.add(subscribed ? rs.getString(4) : null);
                    return v;
                }, tx.corpId(), key);
        if (row.isEmpty()) return Optional.empty();
        List<Child> children = tx.query("SELECT s.user_key, s.userid, pc.relation FROM parent_children pc "
                        + "JOIN users s ON s.corp_id = pc.corp_id AND s.user_key = pc.student_key "
                        + "WHERE pc.corp_id = ? AND pc.parent_key = ? ORDER BY pc.position",
                rs -> new Child(rs.getString(1), rs.getString(2), rs.getString(3)), tx.corpId(), key);
        List<Object> v = row.get();
        return Optional.of(new ParentView((String) v.get(0), v, (Boolean) v.get(2), children));
    }

    /** A department as department/list shows it (id aside), with its admins. */
    private static Optional<List<Object>> departmentView(Tx tx, long id) throws SQLException {
        Optional<List<Object>> row = tx.one("SELECT parent_id, name, type, register_year, standard_grade, sort_order, is_graduated, "
                        + "open_group_chat, group_chat_id FROM departments WHERE corp_id = ? AND dept_id = ?",
                rs -> {
                    List<Object> v = new ArrayList<>();
                    for (int i = 1; i <= 9; i++) v.add(rs.getString(i));
                    return v;
                }, tx.corpId(), id);
        if (row.isEmpty()) return row;
        row.get().add(tx.query("SELECT admin_key, userid, type, subject FROM department_admins WHERE corp_id = ? AND dept_id = ? ORDER BY admin_key",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4), tx.corpId(), id));
        return row;
    }
}
