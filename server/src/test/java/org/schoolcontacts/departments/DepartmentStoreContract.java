package org.schoolcontacts.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/**
 * The department rules of spec 5.1/5.2/7 against each database: create, update (incl. new_id),
 * delete and list, and the keys that back the rules up. Concurrency lives in
 * {@link DepartmentConcurrencyContract}.
 */
abstract class DepartmentStoreContract extends StoreContract {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    Departments departments() { return services.departments(); }

    long create(String body) { return departments().create(corpId, json(body)); }

    void update(String body) { departments().update(corpId, json(body)); }


    Map<Long, Department> byId() {
        return departments().list(corpId).stream().collect(Collectors.toMap(Department::id, Function.identity()));
    }

    long grade(String name) { return create("{'parentid':1,'type':2,'name':'" + name + "'}"); }

    long classIn(long grade, String name) { return create("{'parentid':" + grade + ",'type':1,'name':'" + name + "'}"); }

    /** A student straight in SQL, as the students feature would add one (it is built elsewhere). */
    void addStudent(String userid, long classId) {
        db.write(corpId, tx -> {
            tx.update("INSERT INTO users (corp_id, user_key, userid, user_type, name, created_seq) VALUES (?, ?, ?, 1, ?, ?)",
                    corpId, Limits.userKey(userid), userid, "Student " + userid, tx.nextSeq());
            tx.update("INSERT INTO student_classes (corp_id, student_key, dept_id, position) VALUES (?, ?, ?, 0)",
                    corpId, Limits.userKey(userid), classId);
            tx.update("UPDATE departments SET student_count = student_count + 1 WHERE corp_id = ? AND dept_id = ?", corpId, classId);
            return null;
        });
    }

    List<Long> classesOf(String userid) {
        return db.read(tx -> tx.query("SELECT dept_id FROM student_classes WHERE corp_id = ? AND student_key = ?",
                rs -> rs.getLong(1), corpId, Limits.userKey(userid)));
    }

    // --- create -------------------------------------------------------------------------------

    @Test
    void createWithoutIdTakesTheLargestIdPlusOne() {
        assertThat(grade("G")).isEqualTo(2);
        assertThat(create("{'id':40,'parentid':1,'type':3,'name':'Primary'}")).isEqualTo(40);
        assertThat(grade("H")).isEqualTo(41);
    }

    @Test
    void whenTheLargestIdIsTakenTheLowestFreeIdIsUsed() {
        create("{'id':" + Limits.MAX_DEPARTMENT_ID + ",'parentid':1,'type':3,'name':'Top'}");
        create("{'id':2,'parentid':1,'type':3,'name':'Two'}");
        assertThat(grade("G")).isEqualTo(3);
    }

    @Test
    void aGivenIdMustBeAboveOneAndAnInt32() {
        assertThat(errcodeOf(() -> create("{'id':1,'parentid':1,'type':2,'name':'G'}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create("{'id':0,'parentid':1,'type':2,'name':'G'}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create("{'id':" + (Limits.MAX_DEPARTMENT_ID + 1) + ",'parentid':1,'type':2,'name':'G'}")))
                .isEqualTo(40058);
        assertThat(create("{'id':'2','parentid':'1','type':'2','name':'G'}")).isEqualTo(2);
    }

    @Test
    void anExistingIdIsRefusedWith60008AndNothingChanges() {
        create("{'id':5,'parentid':1,'type':2,'name':'G'}");
        assertThat(errcodeOf(() -> create("{'id':5,'parentid':1,'type':3,'name':'Other'}"))).isEqualTo(60008);
        assertThat(byId().get(5L).name()).isEqualTo("G");
        assertThat(errcodeOf(() -> create("{'id':1,'parentid':1,'type':2,'name':'G'}"))).isEqualTo(40058);
    }

    @Test
    void anUnknownParentIs60004() {
        assertThat(errcodeOf(() -> create("{'parentid':99,'type':2,'name':'G'}"))).isEqualTo(60004);
        assertThat(errcodeOf(() -> create("{'parentid':0,'type':2,'name':'G'}"))).isEqualTo(60004);
        assertThat(byId()).containsOnlyKeys(1L);
    }

    @Test
    void parentidAndTypeAreRequiredAndATypeOutsideOneToFourIs65007() {
        assertThat(errcodeOf(() -> create("{'type':2,'name':'G'}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create("{'parentid':1,'name':'G'}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':0,'name':'G'}"))).isEqualTo(65007);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':5,'name':'G'}"))).isEqualTo(65007);
        // a mistyped type is read as absent (spec 1.3): missing, so 40058
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':'grade','name':'G'}"))).isEqualTo(40058);
        assertThat(create("{'parentid':1,'type':4,'name':'Campus'}")).isPositive();
    }

    @Test
    void aClassSitsOnlyUnderAGradeAndHasNoChildrenElse65015() {
        long stage = create("{'parentid':1,'type':3,'name':'Stage'}");
        long grade = create("{'parentid':" + stage + ",'type':2,'name':'G'}");
        long klass = classIn(grade, "C");
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':1,'name':'C'}"))).isEqualTo(65015);
        assertThat(errcodeOf(() -> create("{'parentid':" + stage + ",'type':1,'name':'C'}"))).isEqualTo(65015);
        assertThat(errcodeOf(() -> create("{'parentid':" + klass + ",'type':1,'name':'C'}"))).isEqualTo(65015);
        assertThat(errcodeOf(() -> create("{'parentid':" + klass + ",'type':2,'name':'G'}"))).isEqualTo(65015);
        // other combinations are accepted: a campus under a grade, a grade under a grade
        assertThat(create("{'parentid':" + grade + ",'type':4,'name':'Campus'}")).isPositive();
        assertThat(create("{'parentid':" + grade + ",'type':2,'name':'Sub'}")).isPositive();
    }

    @Test
    void nameIsOneToThirtyTwoCharactersWithoutForbiddenOnes() {
        String zh32 = "班".repeat(32);
        assertThat(byIdAfterCreate("{'parentid':1,'type':3,'name':'" + zh32 + "'}").name()).isEqualTo(zh32);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':3,'name':'" + zh32 + "班'}"))).isEqualTo(60001);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':3,'name':''}"))).isEqualTo(60001);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':3}"))).isEqualTo(60001);
        for (String bad : List.of("a-b", "a:b", "a*b", "a?b", "a\"b", "a<b", "a>b", "a/b", "a\\b", "a|b")) {
            JsonNode body = JSON.createObjectNode().put("parentid", 1).put("type", 3).put("name", bad);
            assertThat(errcodeOf(() -> departments().create(corpId, body))).as(bad).isEqualTo(60009);
        }
        assertThat(byId()).hasSize(2);
    }

    private Department byIdAfterCreate(String body) {
        long id = create(body);
        return byId().get(id);
    }

    @Test
    void aStandardGradeGetsWeComsTableNameAndAnEnrolmentYearFromItsPlaceInItsStage() {
        // D-100158's example: 小学二年级 (32) created in 2019 enrolled in 2018.
        ServerClock in2019 = new ServerClock(Clock.fixed(ZonedDateTime.of(2019, 9, 1, 8, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
                .toInstant(), ZoneId.of("UTC")));
        Departments at2019 = new Departments(db, in2019);
        long id = at2019.create(corpId, json("{'parentid':1,'type':2,'name':'ignored','standard_grade':32}"));
        long senior = at2019.create(corpId, json("{'parentid':1,'type':2,'standard_grade':93,'register_year':2017}"));
        long kindergarten = at2019.create(corpId, json("{'parentid':1,'type':2,'standard_grade':1}"));
        long custom = at2019.create(corpId, json("{'parentid':1,'type':2,'standard_grade':132}"));
        Map<Long, Department> all = byId();
        assertThat(all.get(id).name()).isEqualTo("小学二年级");
        assertThat(all.get(id).registerYear()).isEqualTo(2018);
        assertThat(all.get(id).standardGrade()).isEqualTo(32);
        assertThat(all.get(senior).name()).isEqualTo("高中三年级");
        assertThat(all.get(senior).registerYear()).isEqualTo(2017);
        assertThat(all.get(kindergarten).name()).isEqualTo("幼儿园小小班");
        assertThat(all.get(kindergarten).registerYear()).isEqualTo(2019);
        assertThat(all.get(custom).name()).isEqualTo("自定义学段十二年级");
        assertThat(all.get(custom).registerYear()).isEqualTo(2008);
    }

    @Test
    void standardGradeCodesOutsideWeComsTableAre65009AndZeroMeansAPlainGrade() {
        for (int code : new int[] {6, 13, 30, 40, 60, 65, 90, 95, 120, 133, -1}) {
            assertThat(errcodeOf(() -> create("{'parentid':1,'type':2,'standard_grade':" + code + "}"))).as("code " + code).isEqualTo(65009);
        }
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':2,'standard_grade':0}"))).isEqualTo(60001);
        Department plain = byIdAfterCreate("{'parentid':1,'type':2,'standard_grade':0,'name':'Plain'}");
        assertThat(plain.standardGrade()).isNull();
        assertThat(plain.name()).isEqualTo("Plain");
    }

    @Test
    void registerYearOutside1970To2100Is65008() {
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':2,'standard_grade':1,'register_year':1969}"))).isEqualTo(65008);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':2,'standard_grade':1,'register_year':2101}"))).isEqualTo(65008);
        assertThat(byIdAfterCreate("{'parentid':1,'type':2,'standard_grade':1,'register_year':1970}").registerYear()).isEqualTo(1970);
        assertThat(byIdAfterCreate("{'parentid':1,'type':2,'standard_grade':1,'register_year':2100}").registerYear()).isEqualTo(2100);
    }

    @Test
    void gradeFieldsOnOtherTypesAreIgnored() {
        long grade = grade("G");
        Department c = byIdAfterCreate("{'parentid':" + grade + ",'type':1,'name':'C','standard_grade':99,'register_year':1800}");
        assertThat(c.standardGrade()).isNull();
        assertThat(c.registerYear()).isNull();
        assertThat(c.name()).isEqualTo("C");
    }

    @Test
    void orderIsAnUnsigned32BitNumberKeptOnlyWhenSent() {
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':3,'name':'S','order':-1}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':3,'name':'S','order':4294967296}"))).isEqualTo(40058);
        assertThat(byIdAfterCreate("{'parentid':1,'type':3,'name':'S','order':4294967295}").order()).isEqualTo(4294967295L);
        assertThat(byIdAfterCreate("{'parentid':1,'type':3,'name':'S','order':0}").order()).isZero();
        assertThat(byIdAfterCreate("{'parentid':1,'type':3,'name':'S'}").order()).isNull();
    }

    @Test
    void anAdminTypeThatIsUnknownOrDoesNotFitTheDepartmentIs65006AndOnlyTeachersHaveASubject() {
        long grade = grade("G");
        String klass = "{'parentid':" + grade + ",'type':1,'name':'C','department_admins':";
        Department c = byIdAfterCreate(klass + "[{'userid':'T1','type':3,'subject':'语文'},{'userid':'t2','type':4}]}");
        assertThat(c.admins()).containsExactly(new Department.Admin("T1", 3, "语文"), new Department.Admin("t2", 4, null));
        assertThat(errcodeOf(() -> create(klass + "[{'userid':'t','type':2}]}"))).isEqualTo(65006);
        assertThat(errcodeOf(() -> create(klass + "[{'userid':'t','type':6}]}"))).isEqualTo(65006);
        assertThat(errcodeOf(() -> create(klass + "[{'userid':'t'}]}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create(klass + "[{'type':3}]}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create(klass + "[{'userid':'_t','type':3}]}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create(klass + "[{'userid':'" + "t".repeat(65) + "','type':3}]}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> create(klass + "[{'userid':'t','type':3,'subject':'" + "数".repeat(16) + "'}]}"))).isEqualTo(40058);
        assertThat(byIdAfterCreate(klass + "[{'userid':'t','type':3,'subject':'" + "数".repeat(15) + "'}]}").admins()).hasSize(1);
        assertThat(errcodeOf(() -> create("{'parentid':1,'type':2,'name':'G','department_admins':[{'userid':'t','type':2,'subject':'x'}]}")))
                .isEqualTo(40058);
        assertThat(byIdAfterCreate("{'parentid':1,'type':2,'name':'G','department_admins':[{'userid':'t','type':2}]}").admins())
                .containsExactly(new Department.Admin("t", 2, null));
        assertThat(byIdAfterCreate("{'parentid':1,'type':4,'name':'K','department_admins':[{'userid':'t','type':1}]}").admins()).hasSize(1);
        assertThat(byIdAfterCreate("{'parentid':1,'type':3,'name':'S','department_admins':[{'userid':'t','type':5}]}").admins()).hasSize(1);
    }

    @Test
    void seedItemsObeyTheCreateRules() {
        db.write(corpId, tx -> {
            departments().seed(tx, json("{'id':7,'parentid':1,'type':2,'standard_grade':31,'register_year':2020}"));
            return null;
        });
        assertThat(byId().get(7L).name()).isEqualTo("小学一年级");
        assertThatThrownBy(() -> db.write(corpId, tx -> {
            departments().seed(tx, json("{'id':8,'parentid':7,'type':1,'name':'a/b'}"));
            return null;
        })).isInstanceOfSatisfying(WeComException.class, e -> assertThat(e.errcode()).isEqualTo(60009));
        assertThat(byId()).doesNotContainKey(8L);
    }

    // --- update -------------------------------------------------------------------------------

    @Test
    void updateChangesNameParentAndOrderAndIgnoresType() {
        long g1 = grade("G1");
        long g2 = grade("G2");
        long c = classIn(g1, "C");
        update("{'id':" + c + ",'name':'Renamed','parentid':" + g2 + ",'order':7,'type':3}");
        Department d = byId().get(c);
        assertThat(d.name()).isEqualTo("Renamed");
        assertThat(d.parentId()).isEqualTo(g2);
        assertThat(d.order()).isEqualTo(7);
        assertThat(d.typeCode()).isEqualTo(1);
    }

    @Test
    void newIdCarriesStudentsAdminsAndChildren() {
        long g = grade("G");
        long c = create("{'parentid':" + g + ",'type':1,'name':'C','department_admins':[{'userid':'t','type':3}]}");
        addStudent("s1", c);
        update("{'id':" + g + ",'new_id':500}");
        update("{'id':" + c + ",'new_id':600}");
        Map<Long, Department> all = byId();
        assertThat(all).containsOnlyKeys(1L, 500L, 600L);
        assertThat(all.get(600L).parentId()).isEqualTo(500);
        assertThat(all.get(600L).admins()).containsExactly(new Department.Admin("t", 3, null));
        assertThat(classesOf("s1")).containsExactly(600L);
        long count = db.read(tx -> tx.count("SELECT student_count FROM departments WHERE corp_id = ? AND dept_id = 600", corpId));
        assertThat(count).isEqualTo(1);
    }

    @Test
    void updateRefusalsFollowTheSpec() {
        long g = grade("G");
        long c = classIn(g, "C");
        long other = grade("Other");
        assertThat(errcodeOf(() -> update("{'id':999,'name':'x'}"))).isEqualTo(60003);
        assertThat(errcodeOf(() -> update("{'name':'x'}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':0,'name':'x'}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'new_id':" + other + "}"))).isEqualTo(60008);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'new_id':1}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':1,'new_id':77}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':1,'parentid':" + g + "}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'parentid':" + c + "}"))).isEqualTo(60010);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'parentid':" + g + "}"))).isEqualTo(60010);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'new_id':70,'parentid':70}"))).isEqualTo(60010);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'parentid':999}"))).isEqualTo(60004);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'parentid':1}"))).isEqualTo(65015);
        assertThat(errcodeOf(() -> update("{'id':" + other + ",'parentid':" + c + "}"))).isEqualTo(65015);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'name':'" + "x".repeat(33) + "'}"))).isEqualTo(60001);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'name':'a:b'}"))).isEqualTo(60009);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'order':-1}"))).isEqualTo(40058);
        // nothing of the refused updates happened
        Map<Long, Department> all = byId();
        assertThat(all).containsOnlyKeys(1L, g, c, other);
        assertThat(all.get(g).parentId()).isEqualTo(1);
        assertThat(all.get(c).name()).isEqualTo("C");
        // the root may be renamed and keep its parent 0
        update("{'id':1,'name':'New School','parentid':0}");
        assertThat(byId().get(1L).name()).isEqualTo("New School");
    }

    @Test
    void aGrandchildIsADescendantToo() {
        long stage = create("{'parentid':1,'type':3,'name':'S'}");
        long g = create("{'parentid':" + stage + ",'type':2,'name':'G'}");
        long sub = create("{'parentid':" + g + ",'type':2,'name':'Sub'}");
        assertThat(errcodeOf(() -> update("{'id':" + stage + ",'parentid':" + sub + "}"))).isEqualTo(60010);
        update("{'id':" + sub + ",'parentid':1}");
        update("{'id':" + stage + ",'parentid':" + sub + "}");
        assertThat(byId().get(stage).parentId()).isEqualTo(sub);
    }

    @Test
    void standardGradeCanBeSetAndClearedOnUpdate() {
        long g = grade("Plain");
        int year = clock.year();
        update("{'id':" + g + ",'standard_grade':61,'name':'ignored'}");
        Department d = byId().get(g);
        assertThat(d.name()).isEqualTo("初中一年级");
        assertThat(d.standardGrade()).isEqualTo(61);
        assertThat(d.registerYear()).isEqualTo(year);
        update("{'id':" + g + ",'register_year':2000,'name':'still ignored'}");
        assertThat(byId().get(g).registerYear()).isEqualTo(2000);
        assertThat(byId().get(g).name()).isEqualTo("初中一年级");
        // re-sending the same grade keeps the enrolment year
        update("{'id':" + g + ",'standard_grade':61}");
        assertThat(byId().get(g).registerYear()).isEqualTo(2000);
        // a new code renames the grade and computes its year again
        update("{'id':" + g + ",'standard_grade':63}");
        assertThat(byId().get(g).name()).isEqualTo("初中三年级");
        assertThat(byId().get(g).registerYear()).isEqualTo(year - 2);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'standard_grade':13}"))).isEqualTo(65009);
        assertThat(errcodeOf(() -> update("{'id':" + g + ",'register_year':1969}"))).isEqualTo(65008);
        update("{'id':" + g + ",'standard_grade':0,'name':'Plain again'}");
        d = byId().get(g);
        assertThat(d.standardGrade()).isNull();
        assertThat(d.registerYear()).isNull();
        assertThat(d.name()).isEqualTo("Plain again");
    }

    @Test
    void adminOpZeroAddsOrUpdatesAndOpOneRemoves() {
        long g = grade("G");
        long c = create("{'parentid':" + g + ",'type':1,'name':'C','department_admins':[{'userid':'A','type':3,'subject':'语文'}]}");
        update("{'id':" + c + ",'department_admins':[{'op':0,'userid':'b','type':4,'subject':'数学'},{'op':0,'userid':'a','subject':'英语'}]}");
        assertThat(byId().get(c).admins())
                .containsExactly(new Department.Admin("a", 3, "英语"), new Department.Admin("b", 4, "数学"));
        update("{'id':" + c + ",'department_admins':[{'op':1,'userid':'A'},{'op':1,'userid':'nobody'},{'op':0,'userid':'b','subject':''}]}");
        assertThat(byId().get(c).admins()).containsExactly(new Department.Admin("b", 4, null));
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'department_admins':[{'op':0,'userid':'new'}]}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'department_admins':[{'userid':'b','type':3}]}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'department_admins':[{'op':2,'userid':'b'}]}"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'department_admins':[{'op':0,'userid':'b','type':2}]}"))).isEqualTo(65006);
        assertThat(errcodeOf(() -> update("{'id':1,'department_admins':[{'op':0,'userid':'b','type':1}]}"))).isEqualTo(65006);
        assertThat(errcodeOf(() -> update("{'id':" + c + ",'department_admins':[{'op':0,'userid':'b','type':9}]}"))).isEqualTo(65006);
        assertThat(byId().get(c).admins()).containsExactly(new Department.Admin("b", 4, null));
    }

    // --- delete -------------------------------------------------------------------------------

    @Test
    void deleteRefusesTheRootParentsClassesWithStudentsAndUnknownIds() {
        long g = grade("G");
        long c = classIn(g, "C");
        addStudent("s1", c);
        assertThat(errcodeOf(() -> departments().delete(corpId, 1))).isEqualTo(60007);
        assertThat(errcodeOf(() -> departments().delete(corpId, g))).isEqualTo(60006);
        assertThat(errcodeOf(() -> departments().delete(corpId, c))).isEqualTo(60005);
        assertThat(errcodeOf(() -> departments().delete(corpId, 999))).isEqualTo(60003);
        assertThat(byId()).containsOnlyKeys(1L, g, c);
        db.write(corpId, tx -> tx.update("DELETE FROM users WHERE corp_id = ?", corpId));
        departments().delete(corpId, c);
        departments().delete(corpId, g);
        assertThat(byId()).containsOnlyKeys(1L);
    }

    @Test
    void theStudentForeignKeyRefusesDeletingAClassWith60005NotAFault() {
        long c = classIn(grade("G"), "C");
        addStudent("s1", c);
        // straight to the store, past the check: the key alone must refuse it
        assertThatThrownBy(() -> db.write(corpId, tx -> {
            DepartmentStore.delete(tx, c);
            return null;
        })).isInstanceOfSatisfying(WeComException.class, e -> assertThat(e.errcode()).isEqualTo(60005));
        assertThat(byId()).containsKey(c);
    }

    @Test
    void thePrimaryKeyRefusesADuplicateIdWith60008NotAFault() {
        long g = grade("G");
        assertThatThrownBy(() -> db.write(corpId, tx -> {
            DepartmentStore.insert(tx, new Department(g, 1, "Dup", DepartmentRules.Type.GRADE, null, null, null,
                    false, false, null, List.of()));
            return null;
        })).isInstanceOfSatisfying(WeComException.class, e -> assertThat(e.errcode()).isEqualTo(60008));
        long other = grade("Other");
        assertThatThrownBy(() -> db.write(corpId, tx -> {
            DepartmentStore.renumber(tx, other, g);
            return null;
        })).isInstanceOfSatisfying(WeComException.class, e -> assertThat(e.errcode()).isEqualTo(60008));
    }

    // --- list ---------------------------------------------------------------------------------

    @Test
    void listPutsParentsBeforeChildrenAndSiblingsByOrderDescThenId() {
        long a = create("{'id':20,'parentid':1,'type':3,'name':'A'}");
        long b = create("{'id':10,'parentid':1,'type':3,'name':'B'}");
        long c = create("{'id':30,'parentid':1,'type':3,'name':'C','order':5}");
        long a1 = create("{'id':21,'parentid':" + a + ",'type':2,'name':'A1'}");
        long b1 = create("{'id':11,'parentid':" + b + ",'type':2,'name':'B1','order':1}");
        long b2 = create("{'id':12,'parentid':" + b + ",'type':2,'name':'B2','order':1}");
        long b0 = create("{'id':13,'parentid':" + b + ",'type':2,'name':'B0','order':2}");
        assertThat(departments().list(corpId).stream().map(Department::id))
                .containsExactly(1L, c, b, b0, b1, b2, a, a1);
        assertThat(departments().list(corpId, b).stream().map(Department::id)).containsExactly(b, b0, b1, b2);
        assertThat(errcodeOf(() -> departments().list(corpId, 999))).isEqualTo(60003);
    }

    @Test
    void anotherSchoolSeesOnlyItsOwnTree() {
        grade("Mine");
        String other = newCorp();
        assertThat(departments().list(other).stream().map(Department::id)).containsExactly(1L);
        assertThat(errcodeOf(() -> departments().delete(other, 2))).isEqualTo(60003);
        assertThat(departments().list(corpId)).hasSize(2);
    }
}
