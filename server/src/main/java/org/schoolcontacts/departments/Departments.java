package org.schoolcontacts.departments;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.departments.DepartmentRules.Type;
import org.schoolcontacts.events.DirectoryChanges;
import org.schoolcontacts.events.Outbox;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * The school's department tree (spec 5.1, 7): create, update, delete and list, with WeCom's rules.
 * Every write runs in {@link Database#write}, which holds the corp's lock: the checks below (id free,
 * parent exists, no loop, no children, no students) cannot be raced by another writer of the school.
 * Keys back them up: a duplicate id is refused by the primary key (60008), a class with students by
 * the student_classes foreign key (60005).
 */
public final class Departments {
    private final Database db;
    private final ServerClock clock;

    private final DirectoryChanges changes;

    public Departments(Database db, ServerClock clock) {
        this(db, clock, new DirectoryChanges(new Outbox(clock)));
    }

    /** @param changes where each applied write reports its change events (spec events §1.2) */
    public Departments(Database db, ServerClock clock, DirectoryChanges changes) {
        this.db = db;
        this.clock = clock;
        this.changes = changes;
    }

    /** Applies one seed item with the create endpoint's rules. */
    public void seed(Tx tx, JsonNode item) throws SQLException {
        createIn(tx, DepartmentRequests.create(item));
    }

    /** POST department/create with this body; returns the new department's id. */
    public long create(String corpId, JsonNode body) {
        NewDepartment request = DepartmentRequests.create(body);
        return db.writeDirectory(corpId, tx -> changes.createDepartment(tx, t -> createIn(t, request)));
    }

    /** POST department/update with this body. */
    public void update(String corpId, JsonNode body) {
        DepartmentChange change = DepartmentRequests.update(body);
        db.writeDirectory(corpId, tx -> changes.updateDepartment(tx, change.id(), change.newId(), t -> {
            updateIn(t, change);
            return null;
        }));
    }

    /** GET department/delete?id=. */
    public void delete(String corpId, long id) {
        db.writeDirectory(corpId, tx -> changes.deleteDepartment(tx, id, t -> {
            deleteIn(t, id);
            return null;
        }));
    }

    /** GET department/list[?id=]: {@code top} and its descendants, parents first (spec 7.4). */
    public List<Department> list(String corpId, long top) {
        return db.read(tx -> DepartmentTree.subtree(DepartmentStore.all(tx, corpId), top))
                .orElseThrow(() -> WeComError.DEPARTMENT_NOT_FOUND.with(top));
    }

    /**
     * How many students each class of the school holds (the counter that enforces the 30,000 cap), by
     * class id; classes without students are present with 0. For the console's tree.
     */
    public Map<Long, Integer> classSizes(String corpId) {
        return db.read(tx -> DepartmentStore.classSizes(tx, corpId));
    }

    /** The whole school, root first. */
    public List<Department> list(String corpId) {
        return list(corpId, Limits.ROOT_DEPARTMENT_ID);
    }

    long createIn(Tx tx, NewDepartment n) throws SQLException {
        String corpId = tx.corpId();
        if (n.id() != null && DepartmentStore.exists(tx, corpId, n.id())) throw WeComError.DEPARTMENT_EXISTS.with(n.id());
        Department parent = DepartmentStore.find(tx, corpId, n.parentId())
                .orElseThrow(WeComError.PARENT_DEPARTMENT_NOT_FOUND::exception);
        DepartmentRules.checkParent(n.type(), parent.type());
        long id = n.id() != null ? n.id() : DepartmentStore.nextId(tx);

        String name = n.name();
        Integer registerYear = n.registerYear();
        if (n.standardGrade() != null) {
            name = DepartmentRules.standardGradeName(n.standardGrade());
            if (registerYear == null) registerYear = DepartmentRules.registerYear(n.standardGrade(), clock.year());
        }
        DepartmentStore.insert(tx, new Department(id, parent.id(), name, n.type(), registerYear, n.standardGrade(),
                n.order(), false, false, null, List.of()));
        DepartmentAdmins.write(tx, id, List.of(), DepartmentAdmins.plan(n.type(), List.of(), n.admins()));
        return id;
    }

    void updateIn(Tx tx, DepartmentChange c) throws SQLException {
        String corpId = tx.corpId();
        Department d = DepartmentStore.find(tx, corpId, c.id()).orElseThrow(() -> WeComError.DEPARTMENT_NOT_FOUND.with(c.id()));
        boolean renumber = c.newId() != null && c.newId() != d.id();
        boolean move = c.parentId() != null && c.parentId() != d.parentId();
        // The root is the school itself: fixed id 1 under 0 (spec 5.1, 7.2).
        if (d.type() == Type.SCHOOL && renumber) throw WeComError.invalidParameter("new_id");
        if (d.type() == Type.SCHOOL && move) throw WeComError.invalidParameter("parentid");

        Attributes a = attributes(d, c);
        Map<String, Department.Admin> admins = DepartmentAdmins.plan(d.type(), d.admins(), c.admins());

        if (renumber && DepartmentStore.exists(tx, corpId, c.newId())) throw WeComError.DEPARTMENT_EXISTS.with(c.newId());
        if (move) checkMove(tx, d, c);

        DepartmentStore.updateAttributes(tx, d.id(), a.name, a.registerYear, a.standardGrade,
                c.order() != null ? c.order() : d.order());
        if (move) DepartmentStore.move(tx, d.id(), c.parentId());
        DepartmentAdmins.write(tx, d.id(), d.admins(), admins);
        if (renumber) DepartmentStore.renumber(tx, d.id(), c.newId());
    }

    private record Attributes(String name, Integer registerYear, Integer standardGrade) {}

    /**
     * Name and standard-grade fields after an update. register_year and standard_grade count only for
     * grades; standard_grade 0 makes a plain grade again; a standard grade's name is generated, so a
     * name sent for one is ignored (spec 5.1, 5.2).
     */
    private Attributes attributes(Department d, DepartmentChange c) {
        Integer standardGrade = d.standardGrade();
        Integer registerYear = d.registerYear();
        if (d.type() == Type.GRADE) {
            if (c.registerYear() != null && !DepartmentRules.registerYearOk(c.registerYear())) {
                throw WeComError.INVALID_REGISTER_YEAR.exception();
            }
            Integer newYear = c.registerYear() == null ? null : c.registerYear().intValue();
            if (c.standardGrade() != null && c.standardGrade() == DepartmentRules.NOT_A_STANDARD_GRADE) {
                standardGrade = null;
                registerYear = null;
            } else if (c.standardGrade() != null) {
                if (!DepartmentRules.isStandardGrade(c.standardGrade())) throw WeComError.INVALID_STANDARD_GRADE.exception();
                int code = c.standardGrade().intValue();
                // Computed only when the grade changes or had no year: re-sending the same grade in a later
                // calendar year must not shift the enrolment year.
                boolean changed = standardGrade == null || standardGrade != code || registerYear == null;
                standardGrade = code;
                if (newYear != null) registerYear = newYear;
                else if (changed) registerYear = DepartmentRules.registerYear(code, clock.year());
            } else if (newYear != null) {
                registerYear = newYear;
            }
        }
        String name = d.name();
        if (standardGrade != null) name = DepartmentRules.standardGradeName(standardGrade);
        else if (c.name() != null) name = DepartmentRules.checkName(c.name());
        return new Attributes(name, registerYear, standardGrade);
    }

    /** A move must not create a loop (60010) and must fit the parent/child type rules (65015). */
    private static void checkMove(Tx tx, Department d, DepartmentChange c) throws SQLException {
        long target = c.parentId();
        if (target == d.id() || (c.newId() != null && target == c.newId())) throw WeComError.DEPARTMENT_LOOP.with(d.id());
        Department parent = DepartmentStore.find(tx, tx.corpId(), target)
                .orElseThrow(WeComError.PARENT_DEPARTMENT_NOT_FOUND::exception);
        // Walk up from the new parent: meeting the moved department means it would sit under itself.
        Set<Long> seen = new HashSet<>();
        for (long up = parent.parentId(); up != 0; up = DepartmentStore.parentOf(tx, tx.corpId(), up).orElse(0L)) {
            if (up == d.id()) throw WeComError.DEPARTMENT_LOOP.with(d.id());
            if (!seen.add(up)) throw new IllegalStateException("department tree of " + tx.corpId() + " has a loop at " + up);
        }
        DepartmentRules.checkParent(d.type(), parent.type());
    }

    void deleteIn(Tx tx, long id) throws SQLException {
        if (id == Limits.ROOT_DEPARTMENT_ID) throw WeComError.ROOT_NOT_DELETABLE.exception();
        if (!DepartmentStore.exists(tx, tx.corpId(), id)) throw WeComError.DEPARTMENT_NOT_FOUND.with(id);
        if (DepartmentStore.hasChildren(tx, id)) throw WeComError.DEPARTMENT_HAS_CHILDREN.with(id);
        if (DepartmentStore.hasStudents(tx, id)) throw WeComError.DEPARTMENT_HAS_MEMBERS.with(id);
        DepartmentStore.delete(tx, id);
    }
}
