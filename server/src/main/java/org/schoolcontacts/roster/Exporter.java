package org.schoolcontacts.roster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.schoolcontacts.Services;
import org.schoolcontacts.departments.Department;
import org.schoolcontacts.parents.SchoolReads.SchoolContents;
import org.schoolcontacts.parents.SchoolViews.ParentOfStudent;
import org.schoolcontacts.parents.SchoolViews.Student;

/**
 * Roster export: one row per student (creation order) with its grade and class by name (several
 * classes as {@code ;}-separated lists), its mobile, and its parents (the school's order) as
 * {@code parent{n}_userid/mobile/relation}, as many groups as the student with most parents needs.
 * Read in one snapshot through the read service, so importing the file into an empty school gives
 * the same students, parents, grades and classes.
 */
public final class Exporter {
    private final Services services;

    public Exporter(Services services) { this.services = services; }

    /** Writes the school's roster to {@code file} (.csv or .xlsx); returns the number of student rows. */
    public int export(String corpId, Path file) {
        RosterFile.formatOf(file);
        List<List<String>> all = rows(corpId);
        RosterFile.write(file, all.get(0), all.subList(1, all.size()));
        return all.size() - 1;
    }

    /** The header and rows of the school's roster. */
    public List<List<String>> rows(String corpId) {
        if (!services.db().read(tx -> org.schoolcontacts.corps.CorpStore.exists(tx, corpId))) {
            throw new RosterException("the store holds no school " + corpId);
        }
        List<Department> tree = services.departments().list(corpId);
        SchoolContents school = services.reads().contents(corpId);
        Map<Long, Department> byId = new HashMap<>();
        for (Department d : tree) byId.put(d.id(), d);
        int parents = 0;
        for (Student s : school.students()) parents = Math.max(parents, s.parents().size());
        List<String> header = new ArrayList<>(List.of(Columns.STUDENT_USERID, Columns.NAME, Columns.GRADE, Columns.CLASS, Columns.MOBILE));
        for (int n = 1; n <= parents; n++) {
            header.add("parent" + n + "_userid");
            header.add("parent" + n + "_mobile");
            header.add("parent" + n + "_relation");
        }
        List<List<String>> out = new ArrayList<>();
        out.add(header);
        for (Student s : school.students()) {
            List<String> grades = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (Long id : s.department()) {
                Department c = byId.get(id);
                Department g = c == null ? null : byId.get(c.parentId());
                grades.add(g == null ? "" : g.name());
                classes.add(c == null ? "" : c.name());
            }
            List<String> row = new ArrayList<>(List.of(s.studentUserid(), s.name() == null ? "" : s.name(), String.join(";", grades),
                    String.join(";", classes), school.studentMobiles().getOrDefault(s.studentUserid(), "")));
            for (int n = 0; n < parents; n++) {
                ParentOfStudent p = n < s.parents().size() ? s.parents().get(n) : null;
                row.add(p == null ? "" : p.parentUserid());
                row.add(p == null || p.mobile() == null ? "" : p.mobile());
                row.add(p == null ? "" : p.relation());
            }
            out.add(row);
        }
        return out;
    }
}
