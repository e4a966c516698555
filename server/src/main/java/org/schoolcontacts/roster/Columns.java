package org.schoolcontacts.roster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of a roster file: one row per student, in any order, English names or their Chinese
 * aliases. {@code student_userid} is required; {@code name}, {@code grade}, {@code class},
 * {@code mobile} and, for each parent n = 1, 2, ..., {@code parent{n}_userid}, {@code parent{n}_mobile}
 * and {@code parent{n}_relation} are optional. A column the format does not know is refused by name.
 */
public final class Columns {
    public static final String STUDENT_USERID = "student_userid";
    public static final String NAME = "name";
    public static final String GRADE = "grade";
    public static final String CLASS = "class";
    public static final String MOBILE = "mobile";

    /** Aliases of the student columns (compared after trimming, ignoring case and spaces). */
    static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

    static {
        ALIASES.put(STUDENT_USERID, List.of("学生userid", "学生账号", "学生帐号"));
        ALIASES.put(NAME, List.of("姓名", "学生姓名"));
        ALIASES.put(GRADE, List.of("年级"));
        ALIASES.put(CLASS, List.of("班级"));
        ALIASES.put(MOBILE, List.of("手机号", "学生手机号", "手机"));
    }

    /** Parent columns: {@code parent{n}_userid|mobile|relation} and {@code 家长{n}userid|账号|手机号|关系}. */
    private static final Pattern PARENT = Pattern.compile("parent(\\d{1,2})_(userid|mobile|relation)");
    private static final Pattern PARENT_ZH = Pattern.compile("家长(\\d{1,2})(userid|账号|帐号|手机号|手机|关系)");

    /** The parent fields in column order. */
    public enum ParentField { USERID, MOBILE, RELATION }

    private final Map<String, Integer> student = new LinkedHashMap<>();
    /** parent number (1-based) → field → column index. */
    private final Map<Integer, Map<ParentField, Integer>> parents = new LinkedHashMap<>();
    private final int width;

    private Columns(int width) { this.width = width; }

    /** Reads a header row; refuses unknown, repeated or missing-required columns with their names. */
    public static Columns of(List<String> header) {
        Columns c = new Columns(header.size());
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String raw = header.get(i) == null ? "" : header.get(i);
            String key = normalise(raw);
            if (key.isEmpty()) {
                unknown.add("(empty header in column " + (i + 1) + ")");
                continue;
            }
            String field = studentField(key);
            if (field != null) {
                if (c.student.putIfAbsent(field, i) != null) throw new RosterException("column " + field + " appears twice (\"" + raw.trim() + "\")");
                continue;
            }
            Matcher m = PARENT.matcher(key);
            Matcher z = PARENT_ZH.matcher(key);
            Integer n = null;
            ParentField pf = null;
            if (m.matches()) {
                n = Integer.valueOf(m.group(1));
                pf = ParentField.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            } else if (z.matches()) {
                n = Integer.valueOf(z.group(1));
                pf = switch (z.group(2)) {
                    case "userid", "账号", "帐号" -> ParentField.USERID;
                    case "手机号", "手机" -> ParentField.MOBILE;
                    default -> ParentField.RELATION;
                };
            }
            if (n == null || n < 1) {
                unknown.add("\"" + raw.trim() + "\"");
                continue;
            }
            if (c.parents.computeIfAbsent(n, k -> new LinkedHashMap<>()).putIfAbsent(pf, i) != null) {
                throw new RosterException("column parent" + n + "_" + pf.name().toLowerCase(Locale.ROOT) + " appears twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw new RosterException("unknown column" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + "; known: " + String.join(", ", ALIASES.keySet()) + ", parent{n}_userid, parent{n}_mobile, parent{n}_relation"
                    + " (or their Chinese names, see docs/roster.md)");
        }
        if (!c.student.containsKey(STUDENT_USERID)) throw new RosterException("the file has no student_userid column (学生UserID)");
        for (Map.Entry<Integer, Map<ParentField, Integer>> p : c.parents.entrySet()) {
            if (!p.getValue().containsKey(ParentField.USERID)) {
                throw new RosterException("columns of parent " + p.getKey() + " given without parent" + p.getKey() + "_userid");
            }
        }
        boolean gradeCol = c.student.containsKey(GRADE);
        boolean classCol = c.student.containsKey(CLASS);
        if (gradeCol != classCol) throw new RosterException("grade and class columns go together (a class is found by its grade's name and its own)");
        return c;
    }

    private static String normalise(String header) {
        String s = header.strip();
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') s = s.substring(1).strip();
        return s.replace(" ", "").replace("\u3000", "").toLowerCase(Locale.ROOT);
    }

    private static String studentField(String key) {
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            if (e.getKey().equals(key)) return e.getKey();
            for (String alias : e.getValue()) if (alias.equals(key)) return e.getKey();
        }
        return null;
    }

    public boolean has(String field) { return student.containsKey(field); }

    /** The parent numbers present, ascending. */
    public List<Integer> parentNumbers() { return parents.keySet().stream().sorted().toList(); }

    public boolean hasParentField(int n, ParentField f) {
        return parents.containsKey(n) && parents.get(n).containsKey(f);
    }

    /** One row's value of a student column ("" when the column is absent or the cell empty), trimmed. */
    public String value(List<String> row, String field) {
        Integer i = student.get(field);
        return cell(row, i);
    }

    public String parentValue(List<String> row, int n, ParentField f) {
        Map<ParentField, Integer> cols = parents.get(n);
        return cell(row, cols == null ? null : cols.get(f));
    }

    private static String cell(List<String> row, Integer i) {
        if (i == null || i >= row.size() || row.get(i) == null) return "";
        return row.get(i).strip();
    }

    int width() { return width; }
}
