package org.schoolcontacts.roster;

import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.roster.Columns.ParentField;

/**
 * One student row of a roster file, as text. {@code places} are the (grade, class) pairs of the
 * student's classes: one usually, several when the cells hold {@code ;}-separated lists.
 */
record RosterRow(int line, String studentUserid, String name, List<Place> places, String mobile, List<ParentCell> parents) {

    /** A class by name, within its grade by name. */
    record Place(String grade, String klass) {
        String key() { return grade + "\u0000" + klass; }
    }

    /** Parent n of the row ({@code relation} "" when not given). */
    record ParentCell(int n, String userid, String mobile, String relation) {}

    /** The row's cells read through the header; a malformed grade/class pair is a row problem, not a file problem. */
    static RosterRow of(Columns columns, RosterFile.Line line) throws RowProblem {
        List<String> cells = line.cells();
        String grade = columns.value(cells, Columns.GRADE);
        String klass = columns.value(cells, Columns.CLASS);
        List<Place> places = new ArrayList<>();
        if (!grade.isEmpty() || !klass.isEmpty()) {
            String[] grades = grade.split(";", -1);
            String[] classes = klass.split(";", -1);
            if (grades.length != classes.length) {
                throw new RowProblem("grade and class must list as many entries (separated by ;): \"" + grade + "\" / \"" + klass + "\"");
            }
            for (int i = 0; i < grades.length; i++) {
                String g = grades[i].strip();
                String c = classes[i].strip();
                if (g.isEmpty() || c.isEmpty()) throw new RowProblem("a class needs both its grade and its own name: \"" + grade + "\" / \"" + klass + "\"");
                places.add(new Place(g, c));
            }
        }
        List<ParentCell> parents = new ArrayList<>();
        for (int n : columns.parentNumbers()) {
            String userid = columns.parentValue(cells, n, ParentField.USERID);
            String mobile = columns.parentValue(cells, n, ParentField.MOBILE);
            String relation = columns.parentValue(cells, n, ParentField.RELATION);
            if (userid.isEmpty() && mobile.isEmpty() && relation.isEmpty()) continue;
            parents.add(new ParentCell(n, userid, mobile, relation));
        }
        return new RosterRow(line.number(), columns.value(cells, Columns.STUDENT_USERID), columns.value(cells, Columns.NAME),
                places, columns.value(cells, Columns.MOBILE), parents);
    }

    /** A row the roster format itself refuses (reported with errcode 40058, the API's code for a malformed request). */
    static final class RowProblem extends Exception {
        RowProblem(String message) { super(message, null, false, false); }
    }
}
