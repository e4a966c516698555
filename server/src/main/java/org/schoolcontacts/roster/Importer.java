package org.schoolcontacts.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.schoolcontacts.Services;
import org.schoolcontacts.http.Reply;
import org.schoolcontacts.roster.ImportPlan.DepartmentNeed;
import org.schoolcontacts.roster.ImportPlan.Link;
import org.schoolcontacts.roster.ImportPlan.ParentOp;
import org.schoolcontacts.roster.ImportPlan.StudentOp;
import org.schoolcontacts.roster.RosterRow.Place;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;
import org.schoolcontacts.wecom.WeComException;

/**
 * Roster import: read the file, work out the changes ({@link ImportPlan}), then
 * <ol>
 * <li><b>check</b>: run every change through the school endpoints' own handlers on a private copy of
 *     the school ({@link CheckCopy}), inside one transaction of the copy that is rolled back, so each
 *     bad row is named with the errcode the API gives it, given everything the rows before it did;</li>
 * <li>with {@code dryRun}, stop there: nothing has changed;</li>
 * <li>else <b>apply</b> the good rows the same way for real, in batches of up to 100 per request,
 *     each batch its own transaction exactly as over HTTP.</li>
 * </ol>
 * Order: the grades and classes the rows name (created when missing), then the students, then the
 * parents, each in file order. An import never deletes or unlinks anything.
 */
public final class Importer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A bad row: what in it was refused, and the API's errcode and errmsg. */
    public record Problem(int row, String subject, int errcode, String errmsg) {}

    /** What was (or, in a dry run, would be) written. */
    public record Counts(int grades, int classes, int studentsCreated, int studentsUpdated, int parentsCreated, int parentsUpdated) {
        public int writes() { return grades + classes + studentsCreated + studentsUpdated + parentsCreated + parentsUpdated; }
    }

    /**
     * The outcome. {@code applied}: rows with a change, all of it accepted; {@code unchanged}: rows equal
     * to the school; problems: the bad rows, in row order. In a dry run the counts are those the check saw.
     */
    public record Result(String corpId, int rows, int applied, int unchanged, List<Problem> problems, Counts counts, boolean dryRun,
                         long nanos) {
        public int badRows() { return (int) problems.stream().map(Problem::row).distinct().count(); }

        /** The one-line summary the command prints last. */
        public String summary() {
            double secs = nanos / 1e9;
            return String.format(java.util.Locale.ROOT,
                    "%s %s: %d rows, %d %s, %d unchanged, %d bad; %d grades and %d classes created, students %d created %d updated, "
                            + "parents %d created %d updated; %.1f s, %.0f rows/s%s",
                    dryRun ? "dry run of import into" : "import into", corpId, rows, applied, dryRun ? "would change" : "changed",
                    unchanged, badRows(), counts.grades(), counts.classes(), counts.studentsCreated(), counts.studentsUpdated(),
                    counts.parentsCreated(), counts.parentsUpdated(), secs, secs > 0 ? rows / secs : 0.0,
                    dryRun ? " (nothing changed)" : "");
        }
    }

    /** Progress of the apply step, in rows (for a progress bar or progress lines). */
    public interface Progress {
        void begin(String phase, int totalRows);

        void advance(int rowsDone);

        void end();

        Progress NONE = new Progress() {
            public void begin(String phase, int totalRows) {}

            public void advance(int rowsDone) {}

            public void end() {}
        };
    }

    private final Services services;

    public Importer(Services services) { this.services = services; }

    public Result run(String corpId, RosterFile.Content content, boolean dryRun, Progress progress) {
        long t0 = System.nanoTime();
        Columns columns = Columns.of(content.header());
        if (!services.db().read(tx -> org.schoolcontacts.corps.CorpStore.exists(tx, corpId))) {
            throw new RosterException("the store holds no school " + corpId + " (seed it first, e.g. start the server once with its seed)");
        }
        ImportPlan plan = ImportPlan.of(columns, content, services.departments().list(corpId), services.reads().contents(corpId));
        Map<Integer, Problem> problems = new TreeMap<>();
        for (Map.Entry<Integer, String> p : plan.rowProblems.entrySet()) {
            WeComException e = WeComError.INVALID_PARAMETER.withMessage("invalid parameter: " + p.getValue());
            problems.put(p.getKey(), new Problem(p.getKey(), "row", e.errcode(), e.errmsg()));
        }
        SchoolApi api = new SchoolApi(services, corpId);
        Set<Integer> rosterBad = new HashSet<>(problems.keySet());
        Run check = check(corpId, plan, rosterBad, progress);
        problems.putAll(check.problems);
        Counts counts = check.counts();
        if (!dryRun) {
            Run apply = new Run(plan, api, new HashSet<>(problems.keySet()), progress, "import").execute();
            // rows refused only now (another writer changed the school meanwhile) are reported too
            apply.problems.forEach(problems::putIfAbsent);
            counts = apply.counts();
        }
        Set<Integer> changedRows = rowsWithChanges(plan);
        int bad = (int) problems.keySet().stream().distinct().count();
        int applied = (int) changedRows.stream().filter(r -> !problems.containsKey(r)).count();
        List<Problem> list = new ArrayList<>(problems.values());
        list.sort(Comparator.comparingInt(Problem::row));
        return new Result(corpId, plan.totalRows, applied, plan.totalRows - applied - bad, list, counts, dryRun, System.nanoTime() - t0);
    }

    /**
     * The check: every planned write through the handlers, in order, each seeing the earlier ones, on a
     * private copy of the school that is thrown away ({@link CheckCopy} says why not in the school's
     * store). A plan without writes makes no call, so it needs no copy.
     */
    private Run check(String corpId, ImportPlan plan, Set<Integer> rosterBad, Progress progress) {
        if (rowsWithChanges(plan).isEmpty()) return new Run(plan, null, rosterBad, progress, "check").execute();
        try (CheckCopy copy = CheckCopy.of(services, corpId)) {
            SchoolApi api = new SchoolApi(copy.services(), corpId);
            // one rolled-back transaction of the copy: as cheap as it gets on the embedded store
            return copy.services().db().rehearse(corpId, tx -> new Run(plan, api, rosterBad, progress, "check").execute());
        }
    }

    private static Set<Integer> rowsWithChanges(ImportPlan plan) {
        Set<Integer> rows = new HashSet<>();
        for (DepartmentNeed d : plan.departments.values()) if (d.existingId() == null) rows.addAll(d.rows());
        for (StudentOp s : plan.students) rows.add(s.row().line());
        for (ParentOp p : plan.parents) rows.addAll(p.rows());
        return rows;
    }

    /** One pass over the plan through the API: the check (inside a rehearsal) or the apply. */
    private static final class Run {
        final ImportPlan plan;
        final SchoolApi api;
        final Set<Integer> skip;
        final Progress progress;
        final String phase;
        final Map<Integer, Problem> problems = new LinkedHashMap<>();
        final Map<String, Long> departmentIds = new HashMap<>();
        int grades, classes, studentsCreated, studentsUpdated, parentsCreated, parentsUpdated;

        Run(ImportPlan plan, SchoolApi api, Set<Integer> skip, Progress progress, String phase) {
            this.phase = phase;
            this.plan = plan;
            this.api = api;
            this.skip = skip;
            this.progress = progress;
        }

        Counts counts() { return new Counts(grades, classes, studentsCreated, studentsUpdated, parentsCreated, parentsUpdated); }

        boolean good(int row) { return !skip.contains(row) && !problems.containsKey(row); }

        void fail(int row, String subject, WeComException e) {
            if (good(row)) problems.put(row, new Problem(row, subject, e.errcode(), e.errmsg()));
        }

        Run execute() {
            int total = plan.totalRows;
            progress.begin(phase, total);
            departments();
            students(total);
            parents(total);
            progress.advance(total);
            progress.end();
            return this;
        }

        private void departments() {
            for (DepartmentNeed d : plan.departments.values()) {
                if (d.existingId() != null) {
                    departmentIds.put(d.key(), d.existingId());
                    continue;
                }
                if (d.rows().stream().noneMatch(this::good)) continue;
                Long parent = d.grade() ? Limits.ROOT_DEPARTMENT_ID : departmentIds.get(d.gradeKey());
                if (parent == null) continue; // its grade was refused: those rows are already reported
                ObjectNode body = JSON.objectNode();
                body.put("name", d.name());
                body.put("parentid", parent);
                body.put("type", d.grade() ? 2 : 1);
                try {
                    Reply r = api.call("department/create", body);
                    departmentIds.put(d.key(), r.fields().path("id").asLong());
                    if (d.grade()) grades++;
                    else classes++;
                } catch (WeComException e) {
                    String subject = d.grade() ? "grade " + d.name() : "class " + d.name();
                    for (int row : d.rows()) fail(row, subject, e);
                }
            }
        }

        private List<Long> classIds(List<Place> places) {
            List<Long> ids = new ArrayList<>();
            for (Place p : places) ids.add(departmentIds.get(ImportPlan.classKey(p)));
            return ids;
        }

        private void students(int totalRows) {
            List<StudentOp> todo = plan.students.stream().filter(s -> good(s.row().line())).toList();
            int done = 0;
            int i = 0;
            while (i < todo.size()) {
                boolean create = todo.get(i).create();
                List<StudentOp> chunk = new ArrayList<>();
                while (i < todo.size() && todo.get(i).create() == create && chunk.size() < Limits.MAX_BATCH_ITEMS) chunk.add(todo.get(i++));
                chunk.removeIf(s -> !good(s.row().line()) || classIds(s.classes() == null ? List.of() : s.classes()).contains(null));
                if (!chunk.isEmpty()) studentBatch(create, chunk);
                done += chunk.size();
                progress.advance((int) ((long) done * totalRows / Math.max(1, plan.students.size() + plan.parents.size())));
            }
        }

        private ObjectNode studentItem(StudentOp s) {
            ObjectNode o = JSON.objectNode();
            // empty strings are left out: the API refuses a whole request for an empty length-bounded field
            if (!s.row().studentUserid().isEmpty()) o.put("student_userid", s.row().studentUserid());
            if (s.name() != null && !s.name().isEmpty()) o.put("name", s.name());
            if (s.mobile() != null && (!s.create() || !s.mobile().isEmpty())) o.put("mobile", s.mobile());
            if (s.classes() != null && !s.classes().isEmpty()) {
                ArrayNode d = o.putArray("department");
                classIds(s.classes()).forEach(d::add);
            }
            return o;
        }

        private void studentBatch(boolean create, List<StudentOp> chunk) {
            ObjectNode body = JSON.objectNode();
            ArrayNode items = body.putArray("students");
            Map<String, List<StudentOp>> bySent = new HashMap<>();
            for (StudentOp s : chunk) {
                items.add(studentItem(s));
                bySent.computeIfAbsent(s.row().studentUserid(), k -> new ArrayList<>()).add(s);
            }
            String path = create ? "user/batch_create_student" : "user/batch_update_student";
            Reply reply;
            try {
                reply = api.call(path, body);
            } catch (WeComException e) {
                // the whole request was refused: find the row(s) responsible by sending them one at a time
                if (chunk.size() > 1) {
                    for (StudentOp s : chunk) studentBatch(create, List.of(s));
                } else {
                    fail(chunk.get(0).row().line(), "student " + chunk.get(0).row().studentUserid(), e);
                }
                return;
            }
            Set<Integer> failed = new HashSet<>();
            for (JsonNode f : reply.fields().path("result_list")) {
                // ids are unique in a chunk except the empty one (rows without student_userid, each refused alike)
                for (StudentOp s : bySent.getOrDefault(f.path("student_userid").asText(), List.of())) {
                    failed.add(s.row().line());
                    fail(s.row().line(), "student " + (s.row().studentUserid().isEmpty() ? "(no student_userid)" : s.row().studentUserid()),
                            refusal(f.path("errcode").asInt(), f.path("errmsg").asText()));
                }
            }
            for (StudentOp s : chunk) {
                if (failed.contains(s.row().line())) continue;
                if (create) studentsCreated++;
                else studentsUpdated++;
            }
        }

        private void parents(int totalRows) {
            List<ParentOp> todo = new ArrayList<>();
            for (ParentOp p : plan.parents) {
                ParentOp ready = ready(p);
                if (ready != null) todo.add(ready);
            }
            int done = plan.students.size();
            int i = 0;
            while (i < todo.size()) {
                boolean create = todo.get(i).create();
                List<ParentOp> chunk = new ArrayList<>();
                while (i < todo.size() && todo.get(i).create() == create && chunk.size() < Limits.MAX_BATCH_ITEMS) chunk.add(todo.get(i++));
                parentBatch(create, chunk);
                done += chunk.size();
                progress.advance((int) ((long) done * totalRows / Math.max(1, plan.students.size() + plan.parents.size())));
            }
        }

        /** The op restricted to the rows still good; null when nothing of it is left to do. */
        private ParentOp ready(ParentOp p) {
            List<Link> links = new ArrayList<>();
            boolean anyFileLink = false;
            for (Link l : p.links()) {
                if (l.row() != 0 && !good(l.row())) continue;
                links.add(l);
                if (l.row() != 0) anyFileLink = true;
            }
            if (!anyFileLink) return null;
            List<Integer> rows = p.rows().stream().filter(this::good).toList();
            return new ParentOp(p.userid(), p.create(), p.mobile(), links, p.changedChildren(), rows);
        }

        private ObjectNode parentItem(ParentOp p) {
            ObjectNode o = JSON.objectNode();
            if (!p.userid().isEmpty()) o.put("parent_userid", p.userid());
            if (p.mobile() != null && !p.mobile().isEmpty()) o.put("mobile", p.mobile());
            if (p.create() || p.changedChildren()) {
                ArrayNode children = o.putArray("children");
                for (Link l : p.links()) {
                    ObjectNode c = children.addObject();
                    // the API decides a missing student_userid; the roster sends what the row holds
                    c.put("student_userid", l.studentUserid());
                    c.put("relation", l.relation());
                }
            }
            return o;
        }

        private void parentBatch(boolean create, List<ParentOp> chunk) {
            ObjectNode body = JSON.objectNode();
            ArrayNode items = body.putArray("parents");
            Map<String, List<ParentOp>> bySent = new HashMap<>();
            for (ParentOp p : chunk) {
                items.add(parentItem(p));
                bySent.computeIfAbsent(p.userid(), k -> new ArrayList<>()).add(p);
            }
            Reply reply;
            try {
                reply = api.call(create ? "user/batch_create_parent" : "user/batch_update_parent", body);
            } catch (WeComException e) {
                if (chunk.size() > 1) {
                    for (ParentOp p : chunk) parentBatch(create, List.of(p));
                } else {
                    for (int row : chunk.get(0).rows()) fail(row, "parent " + subject(chunk.get(0)), e);
                }
                return;
            }
            Set<String> failed = new HashSet<>();
            for (JsonNode f : reply.fields().path("result_list")) {
                String id = f.path("parent_userid").asText();
                failed.add(id);
                WeComException e = refusal(f.path("errcode").asInt(), f.path("errmsg").asText());
                for (ParentOp p : bySent.getOrDefault(id, List.of())) {
                    for (int row : p.rows()) fail(row, "parent " + subject(p), e);
                }
            }
            for (ParentOp p : chunk) {
                if (failed.contains(p.userid())) continue;
                if (create) parentsCreated++;
                else parentsUpdated++;
            }
        }

        private static String subject(ParentOp p) { return p.userid().isEmpty() ? "(no parent_userid)" : p.userid(); }
    }

    /** An item's refusal from a batch answer, carried like a thrown one. */
    static WeComException refusal(int errcode, String errmsg) {
        WeComError known = WeComError.byCode(errcode);
        return known != null ? known.withMessage(errmsg) : WeComException.injected(errcode, errmsg);
    }
}
