package org.schoolcontacts.parents;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.parents.ReadQueries.UserSet;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.parents.SchoolViews.UserView;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.ReadCache;
import org.schoolcontacts.storage.SqlWork;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * school/user/get, list and list_parent (spec 6.13-6.15). Each call reads one snapshot of the school,
 * so a student renamed or moved meanwhile shows either wholly before or wholly after the change.
 * {@code showParentMobiles} carries the field-level privacy rule of spec 3.3 (third-party apps never,
 * agency apps only when authorised); the caller decides it from the app.
 */
public final class SchoolReads {
    private final Database db;
    @SuppressWarnings("unused") // part of every domain service's constructor; reads keep no times
    private final ServerClock clock;

    /** How many users' get answers are kept answering from memory. */
    static final int CACHED_USERS = 4096;

    /** get's answers by school, user and whether mobiles show, while the school is unchanged. */
    private final ReadCache<UserAsked, Optional<UserView>> users;

    private record UserAsked(String corpId, String key, boolean showParentMobiles) {}

    public SchoolReads(Database db, ServerClock clock) {
        this.db = db;
        this.clock = clock;
        this.users = db.cache(CACHED_USERS, true, (asked, view) -> asked.corpId());
    }

    /** get: {@code userid} as received (41009 when missing, 60111 when no student or parent has it). */
    public UserView get(String corpId, String userid, boolean showParentMobiles) {
        String id = ParentRequests.queryUserid(userid);
        String key = Limits.userKey(id);
        // one statement, one snapshot: no transaction needed (ReadQueries.userView); the answer is handed
        // out again while nothing of the school has been committed since it was read (ReadCache)
        SqlWork<Optional<UserView>> read = tx -> ReadQueries.userView(tx, corpId, key, showParentMobiles);
        Optional<UserView> view = users.get(new UserAsked(corpId, key, showParentMobiles), read);
        return view.orElseThrow(() -> WeComError.USERID_NOT_FOUND.with(id));
    }

    /**
     * list: the students directly in {@code departmentId}, or with {@code fetchChild} "1" also those of
     * every descendant department; each once, by creation order (spec 6.14, 12 Q16).
     */
    public List<Student> list(String corpId, String departmentId, String fetchChild, boolean showParentMobiles) {
        long deptId = JsonFields.parseLong(departmentId, "department_id");
        // WxJava sends fetch_child=null when unset (spec 9): only the literal 1 means "recurse".
        boolean recurse = "1".equals(fetchChild);
        return db.read(tx -> {
            requireDepartment(tx, corpId, deptId);
            List<Long> scope = recurse ? ReadQueries.subtree(tx, corpId, deptId) : List.of(deptId);
            UserSet students = UserSet.studentsIn(tx.dialect(), corpId, scope);
            return ReadQueries.students(tx, corpId, students, showParentMobiles);
        });
    }

    /** list_parent: parents with a child directly in {@code departmentId}, each with all its children (spec 6.15, 12 Q17). */
    public List<Parent> listParents(String corpId, String departmentId, boolean showParentMobiles) {
        long deptId = JsonFields.parseLong(departmentId, "department_id");
        return db.read(tx -> {
            requireDepartment(tx, corpId, deptId);
            return ReadQueries.parents(tx, corpId, UserSet.parentsOfStudentsIn(corpId, deptId), showParentMobiles);
        });
    }

    /**
     * The whole school in one snapshot, for roster export and import: every student (creation order,
     * with classes and parents), the mobiles of students (which no read endpoint shows, spec 5.3) and
     * every parent (creation order, children in their given order). Parents' mobiles are included.
     */
    public SchoolContents contents(String corpId) {
        return db.read(tx -> {
            List<Student> students = ReadQueries.students(tx, corpId, UserSet.allStudents(corpId), true);
            return new SchoolContents(students, ReadQueries.studentMobiles(tx, corpId),
                    ReadQueries.parents(tx, corpId, UserSet.allParents(corpId), true));
        });
    }

    /** See {@link #contents}; {@code studentMobiles} is keyed by the stored userid. */
    public record SchoolContents(List<Student> students, java.util.Map<String, String> studentMobiles, List<Parent> parents) {}

    private static void requireDepartment(Tx tx, String corpId, long deptId) throws SQLException {
        if (!ReadQueries.departmentExists(tx, corpId, deptId)) throw WeComError.INVALID_DEPARTMENT_ID.with(deptId);
    }
}
