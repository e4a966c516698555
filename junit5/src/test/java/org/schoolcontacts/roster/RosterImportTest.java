package org.schoolcontacts.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.schoolcontacts.roster.RosterSchools.CORP;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schoolcontacts.junit5.SchoolContactsHandle;

/**
 * Roster import and export against a real server's store: what a file creates, what a second run
 * does (nothing), how bad rows are reported (with the errcode the API itself answers for the same
 * item), and that export then import into an empty school gives the same school, as CSV and XLSX.
 */
class RosterImportTest {
    @TempDir
    Path dir;

    private SchoolContactsHandle school;

    @BeforeEach
    void start() {
        school = RosterSchools.emptySchool(dir);
    }

    @AfterEach
    void stop() {
        if (school != null) school.close();
    }

    private Importer.Result importFile(SchoolContactsHandle h, Path file, boolean dryRun) {
        return new Importer(RosterSchools.services(h)).run(CORP, RosterFile.read(file), dryRun, Importer.Progress.NONE);
    }

    private Path goodFile() {
        return RosterSchools.csv(dir, "good.csv",
                "学生UserID,姓名,年级,班级,手机号,家长1UserID,家长1手机号,家长1关系,parent2_userid,parent2_mobile,parent2_relation",
                "zhang.san,张三,一年级,1班,13800000011,zhang.father,13900000011,爸爸,zhang.mother,13900000012,妈妈",
                "zhang.si,张四,一年级,1班,,zhang.father,13900000011,爸爸,,,",
                "li.wu,李五,二年级,3班,13800000013,li.mother,13900000013,,,,");
    }

    @Test
    void aFileCreatesItsGradesClassesStudentsAndParentsThroughTheApi() {
        Importer.Result r = importFile(school, goodFile(), false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.applied()).isEqualTo(3);
        assertThat(r.counts()).isEqualTo(new Importer.Counts(2, 2, 3, 0, 3, 0));
        JsonNode zhang = school.reader().get("/cgi-bin/school/user/get?userid=zhang.san").path("student");
        assertThat(zhang.path("name").asText()).isEqualTo("张三");
        assertThat(zhang.path("parents").findValuesAsText("parent_userid")).containsExactly("zhang.father", "zhang.mother");
        JsonNode father = school.reader().get("/cgi-bin/school/user/get?userid=zhang.father").path("parent");
        assertThat(father.path("children").findValuesAsText("student_userid")).containsExactly("zhang.san", "zhang.si");
        // a relation left empty gets the default
        JsonNode li = school.reader().get("/cgi-bin/school/user/get?userid=li.mother").path("parent");
        assertThat(li.path("children").get(0).path("relation").asText()).isEqualTo(ImportPlan.DEFAULT_RELATION);
        JsonNode tree = school.reader().get("/cgi-bin/school/department/list");
        assertThat(tree.findValuesAsText("name")).contains("一年级", "1班", "二年级", "3班");
        assertThat(r.summary()).startsWith("import into " + CORP + ": 3 rows, 3 changed, 0 unchanged, 0 bad");
    }

    @Test
    void aSecondRunOfTheSameFileChangesNothing() {
        importFile(school, goodFile(), false);
        Map<String, Object> before = RosterSchools.content(school);

        Importer.Result again = importFile(school, goodFile(), false);

        assertThat(again.problems()).isEmpty();
        assertThat(again.applied()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.counts().writes()).isZero();
        assertThat(RosterSchools.content(school)).isEqualTo(before);
    }

    @Test
    void aChangedRowUpdatesOnlyWhatDiffers() {
        importFile(school, goodFile(), false);
        Path changed = RosterSchools.csv(dir, "changed.csv",
                "student_userid,name,grade,class,mobile,parent1_userid,parent1_mobile,parent1_relation",
                "zhang.san,张三丰,一年级,2班,13800000011,zhang.father,13900000011,父亲");
        Importer.Result r = importFile(school, changed, false);

        assertThat(r.problems()).isEmpty();
        assertThat(r.counts()).isEqualTo(new Importer.Counts(0, 1, 0, 1, 0, 1));
        JsonNode zhang = school.reader().get("/cgi-bin/school/user/get?userid=zhang.san").path("student");
        assertThat(zhang.path("name").asText()).isEqualTo("张三丰");
        JsonNode father = school.reader().get("/cgi-bin/school/user/get?userid=zhang.father").path("parent");
        // the relation changed, and the link to zhang.si (not in this file) is kept: an import never unlinks
        assertThat(father.path("children").toString()).contains("\"zhang.san\",\"relation\":\"父亲\"").contains("zhang.si");
        // zhang.mother is still linked (an import never unlinks)
        assertThat(zhang.path("parents").findValuesAsText("parent_userid")).contains("zhang.mother");
    }

    private long classId(String grade, String klass) {
        List<org.schoolcontacts.departments.Department> tree = RosterSchools.services(school).departments().list(CORP);
        long gradeId = tree.stream().filter(d -> d.name().equals(grade)).findFirst().orElseThrow().id();
        return tree.stream().filter(d -> d.parentId() == gradeId && d.name().equals(klass)).findFirst().orElseThrow().id();
    }

    @Test
    void underDryRunBadRowsAreReportedWithTheApisErrcodeAndNothingChanges() {
        importFile(school, goodFile(), false);
        Map<String, Object> before = RosterSchools.content(school);
        Path bad = RosterSchools.csv(dir, "bad.csv",
                "student_userid,name,grade,class,mobile,parent1_userid,parent1_mobile",
                "ok.one,好学生,一年级,1班,,ok.parent,13700000001",            // row 2: fine
                "bad.mobile,坏手机,一年级,1班,13x,,",                          // row 3
                "-dash,坏账号,一年级,1班,,,",                                  // row 4
                "long.name,名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字,一年级,1班,,,", // row 5: 34 characters
                "taken.mobile,手机重复,一年级,1班,,new.parent,13900000011",      // row 6: zhang.father's mobile
                "zhang.father,家长的账号,一年级,1班,,,",                         // row 7: a parent has this id
                "ok.one,重复,一年级,1班,,,",                                   // row 8: twice in the file
                "no.class,没有班级,,,,,",                                      // row 9
                "bad.grade,坏年级,一年级;二年级,1班,,,");                         // row 10
        Importer.Result r = importFile(school, bad, true);

        assertThat(RosterSchools.content(school)).isEqualTo(before);
        assertThat(r.dryRun()).isTrue();
        assertThat(r.summary()).contains("nothing changed");
        Map<Integer, Integer> codes = new java.util.TreeMap<>();
        for (Importer.Problem p : r.problems()) codes.put(p.row(), p.errcode());
        assertThat(codes.keySet()).containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
        String one = "{\"students\":[%s]}";
        long cid = classId("一年级", "1班");
        assertThat(codes.get(3)).isEqualTo(school.editor().post("/cgi-bin/school/user/batch_create_student",
                one.formatted("{\"student_userid\":\"bad.mobile\",\"name\":\"x\",\"mobile\":\"13x\",\"department\":[" + cid + "]}"))
                .path("errcode").asInt());
        assertThat(codes.get(4)).isEqualTo(school.editor().post("/cgi-bin/school/user/batch_create_student",
                one.formatted("{\"student_userid\":\"-dash\",\"name\":\"x\",\"department\":[" + cid + "]}")).path("errcode").asInt());
        assertThat(codes.get(5)).isEqualTo(school.editor().post("/cgi-bin/school/user/batch_create_student",
                one.formatted("{\"student_userid\":\"long.name\",\"name\":\"名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字名字\",\"department\":[" + cid + "]}"))
                .path("errcode").asInt());
        assertThat(codes.get(6)).isEqualTo(school.editor().post("/cgi-bin/school/user/create_parent",
                "{\"parent_userid\":\"new.parent\",\"mobile\":\"13900000011\",\"children\":[{\"student_userid\":\"zhang.san\",\"relation\":\"x\"}]}")
                .path("errcode").asInt());
        assertThat(codes.get(7)).isEqualTo(school.editor().post("/cgi-bin/school/user/create_student",
                "{\"student_userid\":\"zhang.father\",\"name\":\"x\",\"department\":[" + cid + "]}").path("errcode").asInt());
        assertThat(codes.get(8)).isEqualTo(40058);
        assertThat(codes.get(9)).isEqualTo(school.editor().post("/cgi-bin/school/user/batch_create_student",
                one.formatted("{\"student_userid\":\"no.class\",\"name\":\"x\"}")).path("result_list").get(0).path("errcode").asInt());
        assertThat(codes.get(10)).isEqualTo(40058);
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.errmsg()).isNotBlank());
    }

    @Test
    void withoutDryRunTheGoodRowsAreAppliedAndTheBadOnesReported() {
        Path mixed = RosterSchools.csv(dir, "mixed.csv",
                "student_userid,name,grade,class,parent1_userid,parent1_mobile",
                "good.one,好,一年级,1班,good.parent,13700000002",
                "bad.one,坏,一年级,1班,bad.parent,not-a-mobile!",
                "good.two,好二,一年级,1班,good.parent,13700000002");
        Importer.Result r = importFile(school, mixed, false);

        assertThat(r.problems()).extracting(Importer.Problem::row).containsExactly(3);
        assertThat(r.problems().get(0).subject()).isEqualTo("parent bad.parent");
        assertThat(r.applied()).isEqualTo(2);
        assertThat(school.reader().get("/cgi-bin/school/user/get?userid=good.parent").path("parent").path("children")
                .findValuesAsText("student_userid")).containsExactly("good.one", "good.two");
        assertThat(school.reader().get("/cgi-bin/school/user/get?userid=bad.one").path("errcode").asInt()).isEqualTo(60111);
        assertThat(school.reader().get("/cgi-bin/school/user/get?userid=bad.parent").path("errcode").asInt()).isEqualTo(60111);
    }

    @Test
    void unknownColumnsAreRefusedByTheirNamesBeforeAnythingIsRead() {
        Path f = RosterSchools.csv(dir, "unknown.csv", "student_userid,name,shoe_size,家长1生日", "a,b,42,x");
        assertThatThrownBy(() -> importFile(school, f, true)).isInstanceOf(RosterException.class)
                .hasMessageContaining("\"shoe_size\"").hasMessageContaining("\"家长1生日\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"roster.csv", "roster.xlsx"})
    void exportThenImportIntoAnEmptySchoolGivesTheSameSchool(String name) {
        try (SchoolContactsHandle demo = RosterSchools.demoSchool(dir, 120)) {
            Path file = dir.resolve(name);
            int rows = new Exporter(RosterSchools.services(demo)).export(CORP, file);
            assertThat(rows).isEqualTo(120);

            Importer.Result r = importFile(school, file, false);

            assertThat(r.problems()).isEmpty();
            assertThat(RosterSchools.content(school)).isEqualTo(RosterSchools.content(demo));
            assertThat(importFile(school, file, false).counts().writes()).isZero();
        }
    }

    @Test
    void anXlsxFileWithNumbersForMobilesReadsThemAsText() {
        Path file = dir.resolve("numbers.xlsx");
        RosterFile.write(file, List.of("student_userid", "name", "grade", "class", "mobile"),
                List.of(List.of("n.one", "数字", "一年级", "1班", "13800000099")));
        assertThat(RosterFile.read(file).rows().get(0).cells()).containsExactly("n.one", "数字", "一年级", "1班", "13800000099");
    }
}
