package org.schoolcontacts.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schoolcontacts.departments.Department;
import org.schoolcontacts.parents.SchoolReads.SchoolContents;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.Student;
import org.schoolcontacts.storage.StoreContract;

/**
 * Roster import and export on every database (one thin subclass per store): what a file creates, that
 * a second run changes nothing, that a changed row updates only what differs, how bad rows are reported
 * under --dry-run without changing anything, that good rows go in while bad ones are reported, and
 * that export then import into an empty school gives the same school, as CSV and XLSX. The errcodes
 * are those the API answers for the same items (the junit5 {@code RosterImportTest} compares them with
 * real HTTP calls on the embedded store).
 */
public abstract class RosterContract extends StoreContract {

    private Importer.Result importFile(String corp, Path file, boolean dryRun) {
        return new Importer(services).run(corp, RosterFile.read(file), dryRun, Importer.Progress.NONE);
    }

    private Path csv(String name, String... lines) {
        Path f = tempDir().resolve(name);
        try {
            Files.writeString(f, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private Path goodFile() {
        return csv("good.csv",
                "学生UserID,姓名,年级,班级,手机号,家长1UserID,家长1手机号,家长1关系,parent2_userid,parent2_mobile,parent2_relation",
                "zhang.san,张三,一年级,1班,13800000011,zhang.father,13900000011,爸爸,zhang.mother,13900000012,妈妈",
                "zhang.si,张四,一年级,1班,,zhang.father,13900000011,爸爸,,,",
                "li.wu,李五,二年级,3班,13800000013,li.mother,13900000013,,,,");
    }

    /** Students, parents, grades and classes by name: what import and export carry, free of ids and order. */
    private Map<String, Object> content(String corp) {
        List<Department> tree = services.departments().list(corp);
        Map<Long, Department> byId = new HashMap<>();
        for (Department d : tree) byId.put(d.id(), d);
        SchoolContents school = services.reads().contents(corp);
        Map<String, Object> students = new TreeMap<>();
        for (Student st : school.students()) {
            List<String> classes = new ArrayList<>();
            for (Long id : st.department()) classes.add(byId.get(byId.get(id).parentId()).name() + "/" + byId.get(id).name());
            students.put(st.studentUserid(), List.of(String.valueOf(st.name()), school.studentMobiles().getOrDefault(st.studentUserid(), ""),
                    classes));
        }
        Map<String, Object> parents = new TreeMap<>();
        for (Parent p : school.parents()) {
            TreeSet<String> children = new TreeSet<>();
            for (Child c : p.children()) children.add(c.studentUserid() + ":" + c.relation());
            parents.put(p.parentUserid(), List.of(String.valueOf(p.mobile()), children));
        }
        TreeSet<String> departments = new TreeSet<>();
        for (Department d : tree) {
            if (d.parentId() == 0) continue;
            Department parent = byId.get(d.parentId());
            departments.add(d.typeCode() + ":" + (parent.parentId() == 0 ? "" : parent.name() + "/") + d.name());
        }
        return Map.of("students", students, "parents", parents, "departments", departments);
    }

    private Student student(String corp, String userid) {
        return services.reads().contents(corp).students().stream().filter(s -> s.studentUserid().equals(userid)).findFirst().orElse(null);
    }

    private Parent parent(String corp, String userid) {
        return services.reads().contents(corp).parents().stream().filter(p -> p.parentUserid().equals(userid)).findFirst().orElse(null);
    }

    @Test
    void aFileCreatesItsGradesClassesStudentsAndParents() {
        Importer.Result r = importFile(corpId, goodFile(), false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.applied()).isEqualTo(3);
        assertThat(r.counts()).isEqualTo(new Importer.Counts(2, 2, 3, 0, 3, 0));
        assertThat(student(corpId, "zhang.san").name()).isEqualTo("张三");
        assertThat(parent(corpId, "zhang.father").children()).extracting(Child::studentUserid).containsExactly("zhang.san", "zhang.si");
        assertThat(parent(corpId, "li.mother").children().get(0).relation()).isEqualTo(ImportPlan.DEFAULT_RELATION);
        assertThat(services.reads().contents(corpId).studentMobiles()).containsEntry("zhang.san", "13800000011");
        assertThat(services.departments().list(corpId)).extracting(Department::name).contains("一年级", "1班", "二年级", "3班");
    }

    @Test
    void aSecondRunOfTheSameFileChangesNothing() {
        importFile(corpId, goodFile(), false);
        Map<String, Object> before = content(corpId);

        Importer.Result again = importFile(corpId, goodFile(), false);

        assertThat(again.problems()).isEmpty();
        assertThat(again.applied()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.counts().writes()).isZero();
        assertThat(content(corpId)).isEqualTo(before);
    }

    @Test
    void aChangedRowUpdatesOnlyWhatDiffersAndNeverUnlinks() {
        importFile(corpId, goodFile(), false);
        Path changed = csv("changed.csv",
                "student_userid,name,grade,class,mobile,parent1_userid,parent1_mobile,parent1_relation",
                "zhang.san,张三丰,一年级,2班,13800000011,zhang.father,13900000011,父亲");
        Importer.Result r = importFile(corpId, changed, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.counts()).isEqualTo(new Importer.Counts(0, 1, 0, 1, 0, 1));
        assertThat(student(corpId, "zhang.san").name()).isEqualTo("张三丰");
        assertThat(parent(corpId, "zhang.father").children()).extracting(c -> c.studentUserid() + ":" + c.relation())
                .containsExactly("zhang.san:父亲", "zhang.si:爸爸");
        assertThat(parent(corpId, "zhang.mother").children()).extracting(Child::studentUserid).containsExactly("zhang.san");
    }

    @Test
    void underDryRunBadRowsAreReportedWithTheirErrcodesAndNothingChanges() {
        importFile(corpId, goodFile(), false);
        Map<String, Object> before = content(corpId);
        Path bad = csv("bad.csv",
                "student_userid,name,grade,class,mobile,parent1_userid,parent1_mobile",
                "ok.one,好学生,一年级,1班,,ok.parent,13700000001",
                "bad.mobile,坏手机,一年级,1班,13x,,",
                "-dash,坏账号,一年级,1班,,,",
                "long.name,名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字,一年级,1班,,,",
                "taken.mobile,手机重复,一年级,1班,,new.parent,13900000011",
                "zhang.father,家长的账号,一年级,1班,,,",
                "ok.one,重复,一年级,1班,,,",
                "no.class,没有班级,,,,,",
                "bad.grade,坏年级,一年级;二年级,1班,,,");
        Importer.Result r = importFile(corpId, bad, true);

        assertThat(content(corpId)).isEqualTo(before);
        assertThat(r.dryRun()).isTrue();
        assertThat(r.summary()).contains("nothing changed");
        Map<Integer, Integer> codes = new TreeMap<>();
        for (Importer.Problem p : r.problems()) codes.put(p.row(), p.errcode());
        assertThat(codes).isEqualTo(EXPECTED_CODES);
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.errmsg()).isNotBlank());
    }

    /** Row → errcode of the dry run above, as the API answers each item (RosterImportTest checks them over HTTP). */
    private static final Map<Integer, Integer> EXPECTED_CODES = new TreeMap<>(Map.of(
            3, 60103, 4, 40003, 5, 40058, 6, 60137, 7, 60102, 8, 40058, 9, 40058, 10, 40058));

    @Test
    void withoutDryRunTheGoodRowsAreAppliedAndTheBadOnesReported() {
        Path mixed = csv("mixed.csv",
                "student_userid,name,grade,class,parent1_userid,parent1_mobile",
                "good.one,好,一年级,1班,good.parent,13700000002",
                "bad.one,坏,一年级,1班,bad.parent,not-a-mobile!",
                "good.two,好二,一年级,1班,good.parent,13700000002");
        Importer.Result r = importFile(corpId, mixed, false);

        assertThat(r.problems()).extracting(Importer.Problem::row).containsExactly(3);
        assertThat(r.problems().get(0).subject()).isEqualTo("parent bad.parent");
        assertThat(r.applied()).isEqualTo(2);
        assertThat(parent(corpId, "good.parent").children()).extracting(Child::studentUserid).containsExactly("good.one", "good.two");
        assertThat(student(corpId, "bad.one")).isNull();
        assertThat(parent(corpId, "bad.parent")).isNull();
    }

    /** A school of {@code n} students in six grades, some in two classes, siblings sharing parents, some without mobiles. */
    private Path generatedSchool(int n) {
        List<String> lines = new ArrayList<>();
        lines.add("student_userid,name,grade,class,mobile,parent1_userid,parent1_mobile,parent1_relation,parent2_userid,parent2_mobile,"
                + "parent2_relation");
        for (int i = 1; i <= n; i++) {
            int family = i % 7 == 0 ? i - 1 : i; // every 7th student is the previous one's sibling
            String grade = (1 + i % 6) + "年级";
            String klass = (1 + i % 4) + "班";
            if (i % 10 == 0) {
                grade += ";兴趣组";
                klass += ";书法";
            }
            String mobile = i % 3 == 0 ? "" : String.format("138%08d", i);
            String mother = String.format("m%05d,139%08d,妈妈", family, family);
            String father = i % 5 == 0 ? ",," : String.format("f%05d,137%08d,爸爸", family, family);
            lines.add(String.format("s%05d,学生%d,%s,%s,%s,%s,%s", i, i, grade, klass, mobile, mother, father));
        }
        return csv("generated.csv", lines.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"roster.csv", "roster.xlsx"})
    void exportThenImportIntoAnEmptySchoolGivesTheSameSchool(String name) {
        Importer.Result filled = importFile(corpId, generatedSchool(150), false);
        assertThat(filled.problems()).isEmpty();
        Path file = tempDir().resolve(name);
        assertThat(new Exporter(services).export(corpId, file)).isEqualTo(150);

        String empty = newCorp();
        Importer.Result r = importFile(empty, file, false);

        assertThat(r.problems()).isEmpty();
        assertThat(content(empty)).isEqualTo(content(corpId));
        assertThat(importFile(empty, file, false).counts().writes()).isZero();
    }

    /**
     * 250 rows: more than two batches of students (100 each) and of parents, with conflicts whose two
     * sides sit in different batches. Row numbers are the file's (row i + 1 holds student s{i}).
     */
    private Path fileWithConflictsAcrossBatches() {
        List<String> lines = new ArrayList<>();
        lines.add("student_userid,name,grade,class,mobile,parent1_userid,parent1_mobile,parent1_relation");
        for (int i = 1; i <= 250; i++) {
            String student = i == 240 ? "p7" : "s" + i; // a student taking the userid of row 8's parent, created after it in file order
            String mobile = String.format("138%08d", i == 180 ? 20 : i); // row 181 repeats row 21's student mobile
            String parent = i == 150 ? "s40" : i == 200 ? "p5" : "p" + i; // row 151's parent is row 41's student; row 201 is row 6's sibling
            int parentMobile = i == 230 ? 10 : i == 200 ? 5 : i; // row 231's new parent has row 11's parent mobile
            lines.add(String.format("%s,学生%d,一年级,%d班,%s,%s,139%08d,妈妈", student, i, 1 + i % 3, mobile, parent, parentMobile));
        }
        return csv("across-batches.csv", lines.toArray(String[]::new));
    }

    /** The report of that file: the same on every store, under --dry-run and for real. */
    private static final List<String> EXPECTED_ACROSS_BATCHES = List.of(
            "row 8: parent p7: 60102",      // students go first: student p7 (row 241) took the id before its parent's turn
            "row 151: parent s40: 60102",   // a student of the first batch holds that userid
            "row 181: student s180: 60149", // row 21's student has that mobile
            "row 231: parent p230: 60137"); // row 11's parent has that mobile

    private static List<String> report(Importer.Result r) {
        return r.problems().stream().map(p -> "row " + p.row() + ": " + p.subject() + ": " + p.errcode()).toList();
    }

    @Test
    void conflictsAcrossBatchesAreReportedAsTheyWouldBeRowByRowAndTheDryRunChangesNothing() {
        Path file = fileWithConflictsAcrossBatches();

        Importer.Result dry = importFile(corpId, file, true);

        assertThat(report(dry)).isEqualTo(EXPECTED_ACROSS_BATCHES);
        assertThat(services.reads().contents(corpId).students()).isEmpty();
        assertThat(services.departments().list(corpId)).hasSize(1); // the school itself

        Importer.Result real = importFile(corpId, file, false);

        assertThat(real.problems()).isEqualTo(dry.problems());
        assertThat(real.applied()).isEqualTo(246);
        // the check counts what it saw; the apply skips a bad row whole, so rows 8, 151 and 231 create no student
        assertThat(dry.counts()).isEqualTo(new Importer.Counts(1, 3, 249, 0, 245, 0));
        assertThat(real.counts()).isEqualTo(new Importer.Counts(1, 3, 246, 0, 245, 0));
        assertThat(student(corpId, "s180")).isNull();
        assertThat(parent(corpId, "p5").children()).extracting(Child::studentUserid).containsExactly("s5", "s200");
        assertThat(parent(corpId, "p230")).isNull();
        assertThat(student(corpId, "p7")).isNotNull();
        assertThat(importFile(corpId, file, false).counts().writes()).isZero();
    }
}
