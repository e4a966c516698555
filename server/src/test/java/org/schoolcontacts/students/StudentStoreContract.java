package org.schoolcontacts.students;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/**
 * Behaviour of the student writes on each database: the rules of spec 6.1-6.6, and above all the
 * ones the schema enforces (case-insensitive ids, rename once, class capacity, cascades on rename,
 * no delete of a student a parent links to).
 */
abstract class StudentStoreContract extends StoreContract {
    Students students;
    SchoolRows rows;

    @BeforeEach
    void school() {
        students = services.students();
        rows = new SchoolRows(db, corpId).gradeWithClasses(10, 11, 12, 13);
    }

    static NewStudent student(String id, String name, Long... classes) {
        return new NewStudent(id, name, null, List.of(classes));
    }

    static WeComException refusal(Runnable call) {
        WeComException e = catchThrowableOfType(call::run, WeComException.class);
        assertThat(e).as("expected a WeCom refusal").isNotNull();
        return e;
    }

    @Test
    void createdStudentHoldsItsClassesInTheGivenOrderAndTakesASeatInEach() {
        students.create(corpId, new NewStudent("Zhang.San@1", "张三", "13800000000", List.of(13L, 11L)));
        SchoolRows.StoredStudent s = rows.student("zhang.san@1").orElseThrow();
        assertThat(s.userid()).isEqualTo("Zhang.San@1");
        assertThat(s.name()).isEqualTo("张三");
        assertThat(s.mobile()).isEqualTo("13800000000");
        assertThat(s.classes()).containsExactly(13L, 11L);
        assertThat(rows.studentCount(11)).isEqualTo(1);
        assertThat(rows.studentCount(13)).isEqualTo(1);
        assertThat(rows.studentCount(12)).isZero();
    }

    @Test
    void creatingAnIdHeldByAStudentOrParentInAnyCaseFails60102() {
        students.create(corpId, student("zhangsan", "张三", 11L));
        rows.parent("Parent1", "13900000000", "zhangsan");
        WeComException sameInOtherCase = refusal(() -> students.create(corpId, student("ZhangSan", "x", 12L)));
        assertThat(sameInOtherCase.errcode()).isEqualTo(60102);
        assertThat(sameInOtherCase.errmsg()).isEqualTo("userid existed: ZhangSan");
        assertThat(refusal(() -> students.create(corpId, student("PARENT1", "x", 12L))).errcode()).isEqualTo(60102);
        assertThat(rows.studentCount(12)).isZero();
    }

    @Test
    void createRefusesUnknownDepartmentsWith40066InvalidDepartmentListAndNonClassesAndLeavesNothing() {
        WeComException unknown = refusal(() -> students.create(corpId, student("s1", "a", 11L, 99L)));
        assertThat(unknown.errcode()).isEqualTo(40066);
        assertThat(unknown.errmsg()).isEqualTo("invalid department list: 99");
        WeComException grade = refusal(() -> students.create(corpId, student("s1", "a", 10L)));
        assertThat(grade.errcode()).isEqualTo(40066);
        assertThat(grade.errmsg()).isEqualTo("department is not a class: 10");
        assertThat(rows.student("s1")).isEmpty();
        assertThat(rows.studentCount(11)).isZero();
    }

    @Test
    void createNeedsANameAndAtLeastOneClass() {
        assertThat(refusal(() -> students.create(corpId, student("s1", null, 11L))).errmsg()).isEqualTo("invalid parameter: name");
        assertThat(refusal(() -> students.create(corpId, student("s1", "a"))).errmsg()).isEqualTo("invalid parameter: department");
        assertThat(refusal(() -> students.create(corpId, student(null, "a", 11L))).errcode()).isEqualTo(41009);
        WeComException badId = refusal(() -> students.create(corpId, student("_s1", "a", 11L)));
        assertThat(badId.errcode()).isEqualTo(40003);
        assertThat(badId.errmsg()).isEqualTo("invalid student_userid: _s1");
    }

    @Test
    void updateReplacesTheClassListAndMovesTheSeats() {
        students.create(corpId, student("s1", "a", 11L, 12L));
        students.update(corpId, StudentChange.of("S1").inClasses(List.of(13L, 12L)));
        assertThat(rows.student("s1").orElseThrow().classes()).containsExactly(13L, 12L);
        assertThat(List.of(rows.studentCount(11), rows.studentCount(12), rows.studentCount(13))).containsExactly(0L, 1L, 1L);
        students.update(corpId, StudentChange.of("s1").named("b"));
        assertThat(rows.student("s1").orElseThrow().classes()).as("absent department leaves classes").containsExactly(13L, 12L);
        assertThat(rows.student("s1").orElseThrow().name()).isEqualTo("b");
    }

    @Test
    void renameFollowsIntoMembershipsAndParentsLinks() {
        students.create(corpId, student("zhangsan", "张三", 11L));
        rows.parent("p1", "13900000000", "zhangsan");
        students.update(corpId, StudentChange.of("zhangsan").renamedTo("Zhang_New"));
        assertThat(rows.student("zhangsan")).isEmpty();
        SchoolRows.StoredStudent s = rows.student("zhang_new").orElseThrow();
        assertThat(s.userid()).isEqualTo("Zhang_New");
        assertThat(s.renamed()).isTrue();
        assertThat(s.classes()).containsExactly(11L);
        assertThat(rows.childrenOf("p1")).containsExactly("zhang_new");
        assertThat(rows.memberships(11)).isEqualTo(1);
    }

    @Test
    void theSchoolsRenameLimitIsHeldByTheConditionalUpdate() {
        students.create(corpId, student("li", "李", 11L));
        db.writeServer(tx -> org.schoolcontacts.corps.CorpStore.setRenameLimit(tx, corpId, 2));
        students.update(corpId, StudentChange.of("li").renamedTo("li2"));
        students.update(corpId, StudentChange.of("li2").renamedTo("li3"));
        assertThat(refusal(() -> students.update(corpId, StudentChange.of("li3").renamedTo("li4"))).errcode()).isEqualTo(301036);
        db.writeServer(tx -> org.schoolcontacts.corps.CorpStore.setRenameLimit(tx, corpId, 0));
        students.update(corpId, StudentChange.of("li3").renamedTo("li4"));
        assertThat(rows.student("li4").orElseThrow().userid()).isEqualTo("li4");
    }

    @Test
    void aStudentChangesItsIdOnlyOnceAndACaseOnlyChangeCounts() {
        students.create(corpId, student("zhangsan", "张三", 11L));
        students.update(corpId, StudentChange.of("zhangsan").renamedTo("ZhangSan"));
        assertThat(rows.student("zhangsan").orElseThrow().userid()).isEqualTo("ZhangSan");
        // the exact current id is no rename, so it does not trip the limit
        students.update(corpId, StudentChange.of("zhangsan").renamedTo("ZhangSan").named("n"));
        WeComException second = refusal(() -> students.update(corpId, StudentChange.of("ZhangSan").renamedTo("other").named("m")));
        assertThat(second.errcode()).isEqualTo(301036);
        assertThat(second.errmsg()).isEqualTo("userid can not be updated: ZhangSan");
        assertThat(rows.student("zhangsan").orElseThrow().name()).as("refused item changes nothing").isEqualTo("n");
    }

    @Test
    void renamingOntoAnIdTakenInAnotherCaseFails60102BeforeTheOnceRule() {
        students.create(corpId, student("a1", "a", 11L));
        students.create(corpId, student("b1", "b", 11L));
        rows.parent("Papa", "13900000001", "b1");
        assertThat(refusal(() -> students.update(corpId, StudentChange.of("a1").renamedTo("B1"))).errmsg()).isEqualTo("userid existed: B1");
        assertThat(refusal(() -> students.update(corpId, StudentChange.of("a1").renamedTo("papa"))).errcode()).isEqualTo(60102);
        students.update(corpId, StudentChange.of("a1").renamedTo("a2"));
        assertThat(refusal(() -> students.update(corpId, StudentChange.of("a2").renamedTo("B1"))).errcode()).isEqualTo(60102);
    }

    @Test
    void theUsersKeyItselfRefusesARenameOntoATakenIdAsUserIdExisted() throws Exception {
        students.create(corpId, student("a1", "a", 11L));
        students.create(corpId, student("b1", "b", 11L));
        // straight to the statement, past the rules' own check: the database must answer, as 60102 not -1
        WeComException e = catchThrowableOfType(() -> db.write(corpId, tx -> new StudentStore().rename(tx, "a1", "B1")), WeComException.class);
        assertThat(e.errcode()).isEqualTo(60102);
        assertThat(rows.student("a1").orElseThrow().renamed()).isFalse();
    }

    @Test
    void theConditionalRenameDoesNothingToAStudentAlreadyRenamed() {
        students.create(corpId, student("a1", "a", 11L));
        students.update(corpId, StudentChange.of("a1").renamedTo("a2"));
        boolean renamed = db.write(corpId, tx -> new StudentStore().rename(tx, "a2", "a3"));
        assertThat(renamed).isFalse();
        assertThat(rows.student("a2")).isPresent();
        assertThat(rows.student("a3")).isEmpty();
    }

    @Test
    void aFullClassRefusesTheNextStudentWith81001() {
        rows.setStudentCount(12, Limits.CLASS_CAPACITY - 1);
        students.create(corpId, student("s1", "a", 11L, 12L));
        WeComException full = refusal(() -> students.create(corpId, student("s2", "b", 11L, 12L)));
        assertThat(full.errcode()).isEqualTo(81001);
        assertThat(full.errmsg()).isEqualTo("department member count exceeds limit: 12");
        assertThat(rows.student("s2")).isEmpty();
        assertThat(rows.studentCount(11)).as("the seat taken in 11 is given back").isEqualTo(1);
        assertThat(rows.studentCount(12)).isEqualTo(Limits.CLASS_CAPACITY);
        students.create(corpId, student("s3", "c", 13L));
        assertThat(refusal(() -> students.update(corpId, StudentChange.of("s3").inClasses(List.of(12L)))).errcode()).isEqualTo(81001);
        // a student already in the full class keeps its seat when its list is rewritten
        students.update(corpId, StudentChange.of("s1").inClasses(List.of(12L)));
        assertThat(rows.studentCount(12)).isEqualTo(Limits.CLASS_CAPACITY);
        assertThat(rows.studentCount(11)).isZero();
    }

    @Test
    void mobileIsStoredAndAnEmptyOneClearsIt() {
        students.create(corpId, new NewStudent("s1", "a", "+86-138", List.of(11L)));
        assertThat(rows.student("s1").orElseThrow().mobile()).isEqualTo("+86-138");
        assertThat(refusal(() -> students.update(corpId, StudentChange.of("s1").withMobile("138x"))).errcode()).isEqualTo(60103);
        students.update(corpId, StudentChange.of("s1").withMobile(""));
        assertThat(rows.student("s1").orElseThrow().mobile()).isNull();
        assertThat(refusal(() -> students.create(corpId, new NewStudent("s2", "a", "abc", List.of(11L)))).errcode()).isEqualTo(60103);
        assertThat(rows.student("s2")).isEmpty();
    }

    @Test
    void deleteGivesBackTheSeatsAndRefusesAStudentWithParentsWith65013() {
        students.create(corpId, student("s1", "a", 11L, 12L));
        students.create(corpId, student("s2", "b", 11L));
        rows.parent("p1", "13900000000", "s2");
        students.delete(corpId, "S1");
        assertThat(rows.student("s1")).isEmpty();
        assertThat(List.of(rows.studentCount(11), rows.studentCount(12))).containsExactly(1L, 0L);
        WeComException e = refusal(() -> students.delete(corpId, "s2"));
        assertThat(e.errcode()).isEqualTo(65013);
        assertThat(e.errmsg()).isEqualTo("student has parents: s2");
        WeComException parent = refusal(() -> students.delete(corpId, "p1"));
        assertThat(parent.errcode()).as("a parent is no student").isEqualTo(65010);
        assertThat(parent.errmsg()).isEqualTo("userid is not a student: p1");
        assertThat(refusal(() -> students.delete(corpId, "s1")).errcode()).isEqualTo(60111);
    }

    @Test
    void theForeignKeyItselfRefusesDeletingAStudentWithParents() {
        students.create(corpId, student("s2", "b", 11L));
        rows.parent("p1", "13900000000", "s2");
        WeComException e = catchThrowableOfType(() -> db.write(corpId, tx -> {
            new StudentStore().delete(tx, "s2", "s2");
            return null;
        }), WeComException.class);
        assertThat(e.errmsg()).isEqualTo("student has parents: s2");
        assertThat(rows.student("s2")).isPresent();
        assertThat(rows.studentCount(11)).isEqualTo(1);
    }

    @Test
    void batchItemsRunInOrderAndEachFailedItemChangesNothing() {
        students.create(corpId, student("a", "A", 11L));
        students.create(corpId, student("b", "B", 11L));
        List<FailedItem> failed = students.batchUpdate(corpId, List.of(
                StudentChange.of("a").renamedTo("a_new"),
                StudentChange.of("a_new").named("seen by the next item"),
                StudentChange.of("b").renamedTo("b_new").inClasses(List.of(99L)),
                StudentChange.of("A").named("dup"),
                StudentChange.of("b").renamedTo("A_NEW"),
                StudentChange.of("nobody")));
        assertThat(failed).containsExactly(
                new FailedItem("b", 40066, "invalid department list: 99"),
                new FailedItem("A", 40058, "duplicate userid in request: A"),
                new FailedItem("b", 40058, "duplicate userid in request: b"),
                new FailedItem("nobody", 60111, "userid not found: nobody"));
        assertThat(rows.student("a_new").orElseThrow().name()).isEqualTo("seen by the next item");
        SchoolRows.StoredStudent b = rows.student("b").orElseThrow();
        assertThat(b.renamed()).as("the rename of a failed item is undone").isFalse();
        assertThat(b.classes()).containsExactly(11L);
    }

    @Test
    void twoItemsRenamingOntoTheSameIdLetOnlyTheFirstWin() {
        students.create(corpId, student("a", "A", 11L));
        students.create(corpId, student("b", "B", 11L));
        List<FailedItem> failed = students.batchUpdate(corpId, List.of(
                StudentChange.of("a").renamedTo("same"), StudentChange.of("b").renamedTo("SAME")));
        assertThat(failed).containsExactly(new FailedItem("b", 60102, "userid existed: SAME"));
    }

    @Test
    void aBatchOfAHundredUpdatesIsAppliedWhole() {
        List<NewStudent> created = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_BATCH_ITEMS; i++) created.add(student("s" + i, "n" + i, 11L));
        assertThat(students.batchCreate(corpId, created)).isEmpty();
        List<StudentChange> changes = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_BATCH_ITEMS; i++) {
            changes.add(StudentChange.of("s" + i).renamedTo("t" + i).named("名" + i).inClasses(List.of(12L, 11L)));
        }
        assertThat(students.batchUpdate(corpId, changes)).isEmpty();
        assertThat(rows.student("t99").orElseThrow().classes()).containsExactly(12L, 11L);
        assertThat(rows.studentCount(11)).isEqualTo(100);
        assertThat(rows.studentCount(12)).isEqualTo(100);
        assertThat(rows.memberships(12)).isEqualTo(100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_BATCH_ITEMS; i++) ids.add("T" + i);
        assertThat(students.batchDelete(corpId, ids)).isEmpty();
        assertThat(rows.users()).isZero();
        assertThat(rows.studentCount(11)).isZero();
    }

    @Test
    void batchDeleteReportsEachFailureWithTheIdAsSentAndWeComsItemPhrases() {
        students.create(corpId, student("s1", "a", 11L));
        students.create(corpId, student("s2", "b", 11L));
        rows.parent("p1", "13900000000", "s2");
        List<FailedItem> failed = students.batchDelete(corpId, List.of("S1", "s1", "s2", "bad id", "ghost", "P1"));
        assertThat(failed).containsExactly(
                new FailedItem("s1", 40058, "duplicate userid in request: s1"),
                new FailedItem("s2", 65013, "student has parents: s2"),
                new FailedItem("bad id", 40003, "invalid student_userid: bad id"),
                new FailedItem("ghost", 60111, "userid not found"),
                new FailedItem("P1", 65010, "userid is not a student: P1"));
        assertThat(rows.student("s1")).isEmpty();
    }

    @Test
    void batchCreateSkipsFailedItemsAndCommitsTheRest() {
        List<FailedItem> failed = students.batchCreate(corpId, List.of(
                student("s1", "a", 11L), student("S1", "dup", 11L), student(null, "x", 11L), student("s2", "b", 10L), student("s3", "c", 12L)));
        assertThat(failed).containsExactly(
                new FailedItem("S1", 40058, "duplicate userid in request: S1"),
                new FailedItem("", 41009, "missing userid"),
                new FailedItem("s2", 40066, "department is not a class: 10"));
        assertThat(rows.student("s3")).isPresent();
        assertThat(rows.studentCount(11)).isEqualTo(1);
    }

    @Test
    void seedAppliesTheCreateRules() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var first = mapper.readTree("{\"student_userid\":\"s1\",\"name\":\"a\",\"department\":[\"11\"]}");
        var again = mapper.readTree("{\"student_userid\":\"S1\",\"name\":\"a\",\"department\":[11]}");
        db.write(corpId, tx -> {
            students.seed(tx, first);
            return null;
        });
        assertThat(rows.student("s1").orElseThrow().classes()).containsExactly(11L);
        WeComException e = catchThrowableOfType(() -> db.write(corpId, tx -> {
            students.seed(tx, again);
            return null;
        }), WeComException.class);
        assertThat(e.errcode()).isEqualTo(60102);
    }

    @Test
    void studentMobilesAreUniqueAmongTheSchoolsStudents60149() {
        students.create(corpId, new NewStudent("s1", "a", "13800000001", List.of(11L)));
        WeComException dup = refusal(() -> students.create(corpId, new NewStudent("s2", "b", "13800000001", List.of(11L))));
        assertThat(dup.errcode()).isEqualTo(60149);
        assertThat(dup.errmsg()).isEqualTo("student mobile existed");
        assertThat(rows.student("s2")).as("the refused create left nothing").isEmpty();
        assertThat(rows.studentCount(11)).isEqualTo(1);
        students.create(corpId, new NewStudent("s2", "b", "13800000002", List.of(11L)));
        assertThat(refusal(() -> students.update(corpId, StudentChange.of("s2").withMobile("13800000001").named("changed")))
                .errcode()).isEqualTo(60149);
        assertThat(rows.student("s2").orElseThrow().name()).as("the refused update changed nothing").isEqualTo("b");
        // its own mobile is no conflict; an empty one clears and never conflicts
        students.update(corpId, StudentChange.of("s1").withMobile("13800000001"));
        students.update(corpId, StudentChange.of("s1").withMobile(""));
        students.update(corpId, StudentChange.of("s2").withMobile(""));
        students.update(corpId, StudentChange.of("s2").withMobile("13800000001"));
        assertThat(rows.student("s2").orElseThrow().mobile()).isEqualTo("13800000001");
        // parents may share a student's mobile (spec 12 Q13), and another school is another namespace
        rows.parent("p1", "13800000001", "s2");
        String other = newCorp();
        new SchoolRows(db, other).gradeWithClasses(10, 11);
        students.create(other, new NewStudent("s9", "z", "13800000001", List.of(11L)));
    }

    @Test
    void theStudentMobileKeyItselfRefusesADuplicateWith60149NotAFault() {
        students.create(corpId, new NewStudent("s1", "a", "13800000001", List.of(11L)));
        students.create(corpId, student("s2", "b", 11L));
        // straight to the store, past every check: the unique key alone must refuse it
        WeComException e = catchThrowableOfType(() -> db.write(corpId, tx -> {
            new StudentStore().updateDetails(tx, "s2", null, "13800000001");
            return null;
        }), WeComException.class);
        assertThat(e).isNotNull();
        assertThat(e.errcode()).isEqualTo(60149);
        assertThat(rows.student("s2").orElseThrow().mobile()).isNull();
    }

    @Test
    void aBatchItemGivingAnotherStudentsMobileFailsAloneWith60149() {
        List<FailedItem> failed = students.batchCreate(corpId, List.of(
                new NewStudent("s1", "a", "555", List.of(11L)),
                new NewStudent("s2", "b", "555", List.of(11L)),
                new NewStudent("s3", "c", "556", List.of(11L))));
        assertThat(failed).containsExactly(new FailedItem("s2", 60149, "student mobile existed"));
        assertThat(rows.student("s3")).isPresent();
        assertThat(rows.studentCount(11)).isEqualTo(2);
    }

    @Test
    void updatingAParentsIdWhereAStudentIsRequiredIs65010() {
        students.create(corpId, student("s1", "a", 11L));
        rows.parent("p1", "13900000000", "s1");
        WeComException e = refusal(() -> students.update(corpId, StudentChange.of("P1").named("x")));
        assertThat(e.errcode()).isEqualTo(65010);
        assertThat(e.errmsg()).isEqualTo("userid is not a student: P1");
        assertThat(students.batchUpdate(corpId, List.of(StudentChange.of("p1"), StudentChange.of("ghost"))))
                .containsExactly(new FailedItem("p1", 65010, "userid is not a student: p1"),
                        new FailedItem("ghost", 60111, "userid not found: ghost"));
    }

    @Test
    void aBadNewStudentUseridIs40003NamingIt() {
        students.create(corpId, student("s1", "a", 11L));
        WeComException e = refusal(() -> students.update(corpId, StudentChange.of("s1").renamedTo("-x")));
        assertThat(e.errcode()).isEqualTo(40003);
        assertThat(e.errmsg()).isEqualTo("invalid student_userid: -x");
    }
}
