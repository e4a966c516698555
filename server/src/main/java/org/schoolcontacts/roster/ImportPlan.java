package org.schoolcontacts.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.schoolcontacts.departments.Department;
import org.schoolcontacts.departments.DepartmentRules;
import org.schoolcontacts.parents.SchoolReads.SchoolContents;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.roster.RosterRow.ParentCell;
import org.schoolcontacts.roster.RosterRow.Place;
import org.schoolcontacts.wecom.Limits;

/**
 * What an import would change, worked out from the file and the school as it is: the grades and
 * classes to create, and per student and per parent whether to create it, update it (only the fields
 * that differ) or leave it. A row equal to the school yields nothing, which is why a second run of
 * the same file changes nothing. Nothing here judges the data: every value goes to the API's rules.
 */
final class ImportPlan {
    /** Relation sent for a new link whose row gives none (the API requires one, spec 5.4). */
    static final String DEFAULT_RELATION = "家长";

    /** A grade or class the file names; {@code existingId} null when it has to be created. */
    record DepartmentNeed(String key, boolean grade, String name, String gradeKey, Long existingId, List<Integer> rows) {}

    /** One student's write: create, or update with only the differing fields (null = leave). */
    record StudentOp(RosterRow row, boolean create, String name, String mobile, List<Place> classes) {}

    /** One child link of a parent: to the student of {@code row} (0: a link the school has that the file does not name). */
    record Link(int row, String studentUserid, String relation) {}

    /**
     * One parent's write. {@code links} is the complete wanted children list (the school's links, with
     * relations the file changes, then the file's new links); {@code changedChildren} says whether it
     * differs from the school's. {@code mobile} null = leave.
     */
    record ParentOp(String userid, boolean create, String mobile, List<Link> links, boolean changedChildren, List<Integer> rows) {}

    final List<RosterRow> rows = new ArrayList<>();
    /** Rows the roster format refuses, by row number. */
    final Map<Integer, String> rowProblems = new LinkedHashMap<>();
    final Map<String, DepartmentNeed> departments = new LinkedHashMap<>();
    final List<StudentOp> students = new ArrayList<>();
    final List<ParentOp> parents = new ArrayList<>();
    int totalRows;

    static ImportPlan of(Columns columns, RosterFile.Content content, List<Department> tree, SchoolContents school) {
        ImportPlan plan = new ImportPlan();
        plan.totalRows = content.rows().size();
        Map<String, Integer> seenStudents = new HashMap<>();
        for (RosterFile.Line line : content.rows()) {
            RosterRow row;
            try {
                row = RosterRow.of(columns, line);
            } catch (RosterRow.RowProblem p) {
                plan.rowProblems.put(line.number(), p.getMessage());
                continue;
            }
            if (!row.studentUserid().isEmpty()) {
                Integer first = seenStudents.putIfAbsent(Limits.userKey(row.studentUserid()), row.line());
                if (first != null) {
                    plan.rowProblems.put(row.line(), "duplicate userid in file: " + row.studentUserid() + " (first in row " + first + ")");
                    continue;
                }
            }
            plan.rows.add(row);
        }
        plan.checkParentsAgree();
        plan.planDepartments(tree);
        plan.planStudents(columns, school);
        plan.planParents(school);
        return plan;
    }

    /** A parent named in several rows must have one mobile; a later row that disagrees is refused. */
    private void checkParentsAgree() {
        Map<String, ParentCell> first = new HashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        List<RosterRow> kept = new ArrayList<>();
        for (RosterRow row : rows) {
            String problem = null;
            java.util.Set<String> inRow = new java.util.HashSet<>();
            for (ParentCell p : row.parents()) {
                if (p.userid().isEmpty()) continue;
                String key = Limits.userKey(p.userid());
                if (!inRow.add(key)) {
                    problem = "parent " + p.userid() + " is named twice in this row";
                    break;
                }
                ParentCell f = first.get(key);
                if (f != null && !p.mobile().isEmpty() && !f.mobile().isEmpty() && !p.mobile().equals(f.mobile())) {
                    problem = "parent " + p.userid() + " has mobile " + p.mobile() + " here but " + f.mobile() + " in row " + firstRow.get(key);
                    break;
                }
            }
            if (problem != null) {
                rowProblems.put(row.line(), problem);
                continue;
            }
            for (ParentCell p : row.parents()) {
                if (p.userid().isEmpty()) continue;
                String key = Limits.userKey(p.userid());
                ParentCell f = first.get(key);
                if (f == null || (f.mobile().isEmpty() && !p.mobile().isEmpty())) {
                    first.put(key, p);
                    firstRow.putIfAbsent(key, row.line());
                }
            }
            kept.add(row);
        }
        rows.clear();
        rows.addAll(kept);
    }

    static String gradeKey(String grade) { return "grade\u0000" + grade; }

    static String classKey(Place p) { return "class\u0000" + p.key(); }

    private void planDepartments(List<Department> tree) {
        // the first grade of each name (tree order), and within it the first class of each name
        Map<String, Department> grades = new HashMap<>();
        Map<String, Department> classes = new HashMap<>();
        Map<Long, Department> byId = new HashMap<>();
        for (Department d : tree) byId.put(d.id(), d);
        for (Department d : tree) if (d.type() == DepartmentRules.Type.GRADE) grades.putIfAbsent(d.name(), d);
        for (Department d : tree) {
            if (d.type() != DepartmentRules.Type.CLASS) continue;
            Department g = byId.get(d.parentId());
            if (g != null && grades.get(g.name()) == g) classes.putIfAbsent(new Place(g.name(), d.name()).key(), d);
        }
        for (RosterRow row : rows) {
            for (Place p : row.places()) {
                Department g = grades.get(p.grade());
                departments.computeIfAbsent(gradeKey(p.grade()), k -> new DepartmentNeed(k, true, p.grade(), null,
                        g == null ? null : g.id(), new ArrayList<>())).rows().add(row.line());
                Department c = classes.get(p.key());
                departments.computeIfAbsent(classKey(p), k -> new DepartmentNeed(k, false, p.klass(), gradeKey(p.grade()),
                        c == null ? null : c.id(), new ArrayList<>())).rows().add(row.line());
            }
        }
    }

    private void planStudents(Columns columns, SchoolContents school) {
        Map<String, Student> byKey = new HashMap<>();
        for (Student s : school.students()) byKey.put(Limits.userKey(s.studentUserid()), s);
        boolean mobileColumn = columns.has(Columns.MOBILE);
        for (RosterRow row : rows) {
            Student s = row.studentUserid().isEmpty() ? null : byKey.get(Limits.userKey(row.studentUserid()));
            if (s == null) {
                students.add(new StudentOp(row, true, row.name(), row.mobile(), row.places()));
                continue;
            }
            String name = !row.name().isEmpty() && !row.name().equals(s.name()) ? row.name() : null;
            String stored = school.studentMobiles().getOrDefault(s.studentUserid(), "");
            String mobile = mobileColumn && !row.mobile().equals(stored) ? row.mobile() : null;
            List<Place> classes = null;
            if (!row.places().isEmpty()) {
                List<Long> wanted = new ArrayList<>();
                for (Place p : row.places()) wanted.add(departments.get(classKey(p)).existingId());
                if (!wanted.equals(s.department())) classes = row.places();
            }
            if (name != null || mobile != null || classes != null) students.add(new StudentOp(row, false, name, mobile, classes));
        }
    }

    private void planParents(SchoolContents school) {
        Map<String, Parent> byKey = new HashMap<>();
        for (Parent p : school.parents()) byKey.put(Limits.userKey(p.parentUserid()), p);
        // file order of first appearance; each parent's cells in row order
        Map<String, List<Object[]>> named = new LinkedHashMap<>();
        int anonymous = 0;
        for (RosterRow row : rows) {
            for (ParentCell p : row.parents()) {
                String key = p.userid().isEmpty() ? "\u0000" + (anonymous++) : Limits.userKey(p.userid());
                named.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {row, p});
            }
        }
        for (Map.Entry<String, List<Object[]>> e : named.entrySet()) {
            List<Object[]> cells = e.getValue();
            ParentCell firstCell = (ParentCell) cells.get(0)[1];
            String mobile = "";
            List<Integer> rowsOf = new ArrayList<>();
            List<Link> fileLinks = new ArrayList<>();
            for (Object[] c : cells) {
                RosterRow row = (RosterRow) c[0];
                ParentCell p = (ParentCell) c[1];
                if (mobile.isEmpty()) mobile = p.mobile();
                rowsOf.add(row.line());
                fileLinks.add(new Link(row.line(), row.studentUserid(), p.relation()));
            }
            Parent stored = byKey.get(e.getKey());
            if (stored == null) {
                List<Link> links = new ArrayList<>();
                for (Link l : fileLinks) links.add(new Link(l.row(), l.studentUserid(), l.relation().isEmpty() ? DEFAULT_RELATION : l.relation()));
                parents.add(new ParentOp(firstCell.userid(), true, mobile, links, true, rowsOf));
                continue;
            }
            // the school's links in their order, relations changed where the file gives another; then new links
            List<Link> links = new ArrayList<>();
            Map<String, Link> fromFile = new LinkedHashMap<>();
            for (Link l : fileLinks) fromFile.put(Limits.userKey(l.studentUserid()), l);
            boolean changed = false;
            for (Child c : stored.children()) {
                Link f = fromFile.remove(Limits.userKey(c.studentUserid()));
                if (f == null) {
                    links.add(new Link(0, c.studentUserid(), c.relation()));
                } else {
                    String relation = f.relation().isEmpty() ? c.relation() : f.relation();
                    if (!relation.equals(c.relation())) changed = true;
                    links.add(new Link(f.row(), c.studentUserid(), relation));
                }
            }
            for (Link f : fromFile.values()) {
                links.add(new Link(f.row(), f.studentUserid(), f.relation().isEmpty() ? DEFAULT_RELATION : f.relation()));
                changed = true;
            }
            String newMobile = !mobile.isEmpty() && !Objects.equals(mobile, stored.mobile()) ? mobile : null;
            if (changed || newMobile != null) parents.add(new ParentOp(stored.parentUserid(), false, newMobile, links, changed, rowsOf));
        }
    }
}
