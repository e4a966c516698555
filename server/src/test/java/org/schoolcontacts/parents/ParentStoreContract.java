package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.schoolcontacts.parents.SchoolData.json;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComException;

/** Parent writes (spec 6.7-6.12) and the links they keep, against every database. */
abstract class ParentStoreContract extends StoreContract {
    Parents parents;

    @BeforeEach
    void school() {
        parents = services.parents();
        SchoolData.gradeWithClasses(db, corpId, 10, 11, 12);
        SchoolData.student(db, corpId, "Stu1", 11);
        SchoolData.student(db, corpId, "stu2", 11);
        SchoolData.student(db, corpId, "stu3", 12);
    }


    static String errmsgOf(Runnable r) {
        try {
            r.run();
        } catch (WeComException e) {
            return e.errmsg();
        }
        return "ok";
    }

    Parent parent(String userid) {
        return (Parent) services.reads().get(corpId, userid, true);
    }

    void create(String userid, String mobile, String... childAndRelation) {
        parents.create(corpId, json("{'parent_userid':'" + userid + "','mobile':'" + mobile + "','children':["
                + IntStream.range(0, childAndRelation.length / 2)
                        .mapToObj(i -> "{'student_userid':'" + childAndRelation[2 * i] + "','relation':'" + childAndRelation[2 * i + 1] + "'}")
                        .collect(Collectors.joining(",")) + "]}"));
    }

    long users() {
        return SchoolData.count(db, "SELECT COUNT(*) FROM users WHERE corp_id = ?", corpId);
    }

    @Test
    void createdParentIsLinkedToItsChildrenInTheGivenOrderWithStoredCase() {
        create("P1", "13900000001", "stu2", "mother", "stu1", "aunt");
        Parent p = parent("p1");
        assertThat(p.parentUserid()).isEqualTo("P1");
        assertThat(p.mobile()).isEqualTo("13900000001");
        assertThat(p.children()).containsExactly(new Child("stu2", "mother", "name of stu2"), new Child("Stu1", "aunt", "name of Stu1"));
    }

    @Test
    void parentIdsShareOneCaseInsensitiveNamespaceWithStudents() {
        assertThat(errmsgOf(() -> create("STU1", "13900000001", "stu2", "father"))).isEqualTo("userid existed: STU1");
        create("p1", "13900000002", "stu2", "father");
        assertThat(errcodeOf(() -> create("P1", "13900000003", "stu2", "father"))).isEqualTo(60102);
        assertThat(users()).isEqualTo(4);
    }

    @Test
    void useridGrammarAndPresenceAreCheckedPerItem() {
        assertThat(errcodeOf(() -> parents.create(corpId, json("{'mobile':'1','children':[{'student_userid':'stu1','relation':'x'}]}"))))
                .isEqualTo(41009);
        assertThat(errmsgOf(() -> create("_p", "1", "stu1", "x"))).isEqualTo("invalid parent_userid: _p");
        assertThat(errmsgOf(() -> create("p1", "1", "_stu", "x"))).as("a child's id is a student's").isEqualTo("invalid student_userid: _stu");
        assertThat(errcodeOf(() -> create("p#1", "1", "stu1", "x"))).isEqualTo(40003);
        String longest = "p".repeat(64);
        create(longest, "1", "stu1", "x");
        assertThat(errcodeOf(() -> create(longest + "q", "2", "stu1", "x"))).isEqualTo(40058);
        assertThat(errcodeOf(() -> parents.create(corpId, json("{'parent_userid':'','mobile':'3','children':[{'student_userid':'stu1','relation':'x'}]}"))))
                .isEqualTo(40058);
    }

    @Test
    void mobileIsRequiredWellFormedAndUniqueAmongParentsOnlyElse60137() {
        assertThat(errmsgOf(() -> parents.create(corpId, json("{'parent_userid':'p1','children':[{'student_userid':'stu1','relation':'x'}]}"))))
                .isEqualTo("invalid parameter: mobile");
        assertThat(errcodeOf(() -> create("p1", "1380000000a", "stu1", "x"))).isEqualTo(60103);
        assertThat(errcodeOf(() -> create("p1", "1".repeat(33), "stu1", "x"))).isEqualTo(60103);
        assertThat(errcodeOf(() -> create("p1", "", "stu1", "x"))).isEqualTo(60103);
        create("p1", "+86-" + "1".repeat(28), "stu1", "x");
        assertThat(errmsgOf(() -> create("p2", "+86-" + "1".repeat(28), "stu1", "x"))).isEqualTo("parent mobile existed");
        assertThat(errcodeOf(() -> create("p2", "+86-" + "1".repeat(28), "stu1", "x"))).isEqualTo(60137);
        // a student's (write-only) mobile is another matter: not unique against parents (spec 5.3)
        db.write(corpId, tx -> tx.update("UPDATE users SET mobile = ? WHERE corp_id = ? AND user_key = 'stu2'", "13700000000", corpId));
        create("p3", "13700000000", "stu2", "x");
        assertThat(users()).isEqualTo(5);
    }

    @Test
    void childrenMustBeExistingStudentsOneToTenAndAParentsIdIs65010() {
        create("p1", "1", "stu1", "x");
        assertThat(errmsgOf(() -> create("p2", "2", "stu1", "x", "nobody", "y"))).isEqualTo("student userid not found: nobody");
        assertThat(errcodeOf(() -> create("p2", "2", "p1", "x"))).isEqualTo(65010);
        assertThat(errmsgOf(() -> create("p2", "2", "P1", "x"))).isEqualTo("userid is not a student: P1");
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'parent_userid':'p1','children':[{'student_userid':'p1','relation':'x'}]}"))))
                .isEqualTo(65010);
        assertThat(errmsgOf(() -> create("p2", "2"))).isEqualTo("invalid parameter: children");
        assertThat(errcodeOf(() -> parents.create(corpId, json("{'parent_userid':'p2','mobile':'2'}")))).isEqualTo(40058);
        assertThat(users()).isEqualTo(4);
    }

    @Test
    void tenChildrenAreAcceptedAndElevenRefuseTheRequest() {
        for (int i = 0; i < 8; i++) SchoolData.student(db, corpId, "k" + i, 12);
        String[] ten = IntStream.range(0, 10).mapToObj(i -> List.of(i < 8 ? "k" + i : "stu" + (i - 7), "r" + i))
                .flatMap(List::stream).toArray(String[]::new);
        create("p10", "10", ten);
        assertThat(parent("p10").children()).hasSize(10);
        String[] eleven = java.util.Arrays.copyOf(ten, 22);
        eleven[20] = "stu3";
        eleven[21] = "r10";
        assertThat(errmsgOf(() -> create("p11", "11", eleven))).isEqualTo("invalid parameter: children");
    }

    @Test
    void relationIsOneToThirtyTwoBytesElseTheRequestIsRefused() {
        String thirtyTwoBytes = "爸".repeat(10) + "ab"; // 3 bytes a character
        create("p1", "1", "stu1", thirtyTwoBytes);
        assertThat(parent("p1").children().get(0).relation()).isEqualTo(thirtyTwoBytes);
        assertThat(errmsgOf(() -> create("p2", "2", "stu1", "爸".repeat(11)))).isEqualTo("invalid parameter: relation");
        assertThat(errcodeOf(() -> create("p2", "2", "stu1", ""))).isEqualTo(40058);
        assertThat(errcodeOf(() -> parents.create(corpId, json("{'parent_userid':'p2','mobile':'2','children':[{'student_userid':'stu1'}]}"))))
                .isEqualTo(40058);
    }

    @Test
    void aDuplicateChildKeepsTheLastRelation() {
        create("p1", "1", "stu1", "father", "stu2", "uncle", "STU1", "stepfather");
        assertThat(parent("p1").children()).extracting(Child::studentUserid, Child::relation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Stu1", "stepfather"), org.assertj.core.groups.Tuple.tuple("stu2", "uncle"));
    }

    @Test
    void toInviteAcceptsBooleansAndOneOrZeroAndReadsAnyOtherValueAsAbsent() {
        for (String v : List.of("true", "false", "1", "0", "'1'")) {
            String id = "p" + Math.abs(v.hashCode());
            parents.create(corpId, json("{'parent_userid':'" + id + "','mobile':'" + Math.abs(v.hashCode())
                    + "','to_invite':" + v + ",'children':[{'student_userid':'stu1','relation':'x'}]}"));
        }
        // the wrong JSON type is read as absent (spec 1.3): the create goes through
        parents.create(corpId, json("{'parent_userid':'px','mobile':'9','to_invite':'yes',"
                + "'children':[{'student_userid':'stu1','relation':'x'}]}"));
        parents.create(corpId, json("{'parent_userid':'py','mobile':'8','to_invite':2,"
                + "'children':[{'student_userid':'stu1','relation':'x'}]}"));
        assertThat(users()).isEqualTo(3 + 7);
    }

    @Test
    void aParentMayBeRenamedOnceAndACaseOnlyChangeCounts() {
        create("p1", "1", "stu1", "x");
        parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'P1'}"));
        assertThat(parent("p1").parentUserid()).isEqualTo("P1");
        assertThat(errmsgOf(() -> parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'p2'}"))))
                .isEqualTo("userid can not be updated: p1");
        // naming the current id again, in its stored case, is no rename
        parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'P1','mobile':'5'}"));
        assertThat(parent("P1").mobile()).isEqualTo("5");
        create("q1", "2", "stu1", "x");
        parents.update(corpId, json("{'parent_userid':'q1','new_parent_userid':'q2'}"));
        assertThat(parent("q2").children()).extracting(Child::studentUserid).containsExactly("Stu1");
        assertThat(errcodeOf(() -> parent("q1"))).isEqualTo(60111);
    }

    @Test
    void renamingToAnyExistingIdFailsAndChangesNothing() {
        create("p1", "1", "stu1", "x");
        create("p2", "2", "stu1", "x");
        assertThat(errmsgOf(() -> parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'STU2','mobile':'3'}"))))
                .isEqualTo("userid existed: STU2");
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'P2'}")))).isEqualTo(60102);
        assertThat(errmsgOf(() -> parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'p#'}"))))
                .isEqualTo("invalid parent_userid: p#");
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':''}")))).isEqualTo(40058);
        assertThat(parent("p1").mobile()).isEqualTo("1");
        // the failed attempts did not use up the one rename
        parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'p9'}"));
        assertThat(parent("p9").parentUserid()).isEqualTo("p9");
    }

    @Test
    void updateReplacesChildrenOnlyWhenGivenSomeAndChecksMobiles() {
        create("p1", "1", "stu1", "x", "stu2", "y");
        create("p2", "2", "stu1", "z");
        parents.update(corpId, json("{'parent_userid':'p1','children':[]}"));
        assertThat(parent("p1").children()).hasSize(2);
        parents.update(corpId, json("{'parent_userid':'p1','children':[{'student_userid':'stu3','relation':'w'}]}"));
        assertThat(parent("p1").children()).extracting(Child::studentUserid).containsExactly("stu3");
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'parent_userid':'p1','mobile':'2'}")))).isEqualTo(60137);
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'parent_userid':'p1','mobile':'x'}")))).isEqualTo(60103);
        parents.update(corpId, json("{'parent_userid':'p1','mobile':'1'}"));
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'parent_userid':'stu1','mobile':'7'}")))).isEqualTo(60111);
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'mobile':'7'}")))).isEqualTo(41009);
    }

    @Test
    void aFailedUpdateChangesNothingAtAll() {
        create("p1", "1", "stu1", "x");
        assertThat(errcodeOf(() -> parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'p7','mobile':'7',"
                + "'children':[{'student_userid':'ghost','relation':'x'}]}")))).isEqualTo(60111);
        Parent p = parent("p1");
        assertThat(p.mobile()).isEqualTo("1");
        assertThat(p.children()).extracting(Child::studentUserid).containsExactly("Stu1");
        parents.update(corpId, json("{'parent_userid':'p1','new_parent_userid':'p7'}"));
    }

    @Test
    void batchCreateCommitsGoodItemsAndReportsFailuresInRequestOrder() {
        List<Parents.ItemFailure> failures = parents.batchCreate(corpId, json("{'parents':["
                + "{'parent_userid':'b1','mobile':'1','children':[{'student_userid':'stu1','relation':'x'}]},"
                + "{'mobile':'2','children':[{'student_userid':'stu1','relation':'x'}]},"
                + "{'parent_userid':'B1','mobile':'3','children':[{'student_userid':'stu1','relation':'x'}]},"
                + "{'parent_userid':'b2','mobile':'1','children':[{'student_userid':'stu1','relation':'x'}]},"
                + "{'parent_userid':'b3','mobile':'4','children':[{'student_userid':'stu2','relation':'x'}]}]}"));
        assertThat(failures).extracting(Parents.ItemFailure::userid).containsExactly("", "B1", "b2");
        assertThat(failures).extracting(f -> f.error().errcode()).containsExactly(41009, 40058, 60137);
        assertThat(failures.get(1).error().errmsg()).isEqualTo("duplicate userid in request: B1");
        assertThat(parent("b3").children()).hasSize(1);
        assertThat(users()).isEqualTo(5);
    }

    @Test
    void aRequestLevelViolationInAnyItemRefusesTheWholeBatchAndOver100ParentsIs65011() {
        String good = "{'parent_userid':'b1','mobile':'1','children':[{'student_userid':'stu1','relation':'x'}]}";
        String longRelation = "{'parent_userid':'b2','mobile':'2','children':[{'student_userid':'stu1','relation':'" + "r".repeat(33) + "'}]}";
        assertThat(errcodeOf(() -> parents.batchCreate(corpId, json("{'parents':[" + good + "," + longRelation + "]}")))).isEqualTo(40058);
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> good.replace("b1", "b" + i).replace("'1'", "'" + i + "'"))
                .collect(Collectors.joining(","));
        assertThat(errcodeOf(() -> parents.batchCreate(corpId, json("{'parents':[" + hundredAndOne + "]}")))).isEqualTo(65011);
        assertThat(errmsgOf(() -> parents.batchCreate(corpId, json("{'parents':[" + hundredAndOne + "]}"))))
                .isEqualTo("parent userid count exceeds limit");
        String hundredAndOneUpdates = IntStream.range(0, 101).mapToObj(i -> "{'parent_userid':'u" + i + "'}").collect(Collectors.joining(","));
        assertThat(errcodeOf(() -> parents.batchUpdate(corpId, json("{'parents':[" + hundredAndOneUpdates + "]}")))).isEqualTo(65011);
        String hundredAndOneIds = IntStream.range(0, 101).mapToObj(i -> "'d" + i + "'").collect(Collectors.joining(","));
        assertThat(errcodeOf(() -> parents.batchDelete(corpId, json("{'useridlist':[" + hundredAndOneIds + "]}")))).isEqualTo(65011);
        // mistyped arrays are read as absent (spec 1.3), and parents is required: 40058
        assertThat(errmsgOf(() -> parents.batchCreate(corpId, json("{'parents':{}}")))).isEqualTo("invalid parameter: parents");
        assertThat(errcodeOf(() -> parents.batchCreate(corpId, json("{'parents':[1]}")))).isEqualTo(40058);
        assertThat(users()).isEqualTo(3);
    }

    @Test
    void batchCreateParentAndBothBatchDeletesNeedTheirArrayButBatchUpdateHasNothingToDo() {
        for (String body : List.of("{}", "{'parents':null}", "{'parents':[]}")) {
            assertThat(errmsgOf(() -> parents.batchCreate(corpId, json(body)))).as(body).isEqualTo("invalid parameter: parents");
            assertThat(parents.batchUpdate(corpId, json(body))).as(body).isEmpty();
        }
        for (String body : List.of("{}", "{'useridlist':null}", "{'useridlist':[]}")) {
            assertThat(errmsgOf(() -> parents.batchDelete(corpId, json(body)))).as(body).isEqualTo("invalid parameter: useridlist");
        }
        assertThat(users()).isEqualTo(3);
    }

    @Test
    void batchUpdateItemsSeeTheEffectsOfEarlierItems() {
        create("p1", "1", "stu1", "x");
        create("p2", "2", "stu1", "x");
        List<Parents.ItemFailure> failures = parents.batchUpdate(corpId, json("{'parents':["
                + "{'parent_userid':'p1','new_parent_userid':'p9'},"
                + "{'parent_userid':'p9','mobile':'9'},"
                + "{'parent_userid':'p2','new_parent_userid':'P9'},"
                + "{'parent_userid':'p2','mobile':'1'},"
                + "{'parent_userid':'p9','mobile':'8'}]}"));
        assertThat(failures).extracting(f -> f.userid() + ":" + f.error().errcode())
                .containsExactly("p2:60102", "p2:40058", "p9:40058");
        assertThat(parent("p9").mobile()).isEqualTo("9");
        assertThat(parent("p2").mobile()).isEqualTo("2");
    }

    @Test
    void deletingAParentLeavesItsChildrenAndOtherParentsIntact() {
        create("p1", "1", "stu1", "x", "stu2", "y");
        create("p2", "2", "stu1", "z");
        parents.delete(corpId, "P1");
        assertThat(errcodeOf(() -> parent("p1"))).isEqualTo(60111);
        assertThat(SchoolData.count(db, "SELECT COUNT(*) FROM parent_children WHERE corp_id = ?", corpId)).isEqualTo(1);
        assertThat(services.reads().list(corpId, "11", "0", true)).extracting(s -> s.parents().size()).containsExactly(1, 0);
        assertThat(errcodeOf(() -> parents.delete(corpId, "p1"))).isEqualTo(60111);
        assertThat(errcodeOf(() -> parents.delete(corpId, "stu1"))).isEqualTo(60111);
        assertThat(errcodeOf(() -> parents.delete(corpId, null))).isEqualTo(41009);
        assertThat(errcodeOf(() -> parents.delete(corpId, "a b"))).isEqualTo(40003);
    }

    @Test
    void batchDeleteFailsUnknownAndRepeatedIdsOnly() {
        create("p1", "1", "stu1", "x");
        create("p2", "2", "stu1", "x");
        List<Parents.ItemFailure> failures = parents.batchDelete(corpId, json("{'useridlist':['p1','ghost','P1','p-2x','p2','_x']}"));
        assertThat(failures).extracting(f -> f.userid() + ":" + f.error().errcode())
                .containsExactly("ghost:60111", "P1:40058", "p-2x:60111", "_x:40003");
        // WeCom's item phrases (D-92080): 60111 without the id, 40003 naming a parent's id
        assertThat(failures).extracting(f -> f.error().errmsg())
                .containsExactly("userid not found", "duplicate userid in request: P1", "userid not found", "invalid parent_userid: _x");
        assertThat(users()).isEqualTo(3);
        assertThat(errcodeOf(() -> parents.batchDelete(corpId, json("{'useridlist':['']}")))).isEqualTo(40058);
        assertThat(errcodeOf(() -> parents.batchDelete(corpId, json("{'useridlist':'p1'}")))).isEqualTo(40058);
    }

    @Test
    void renamingAStudentInSqlKeepsItsParentsLinkedToIt() {
        create("p1", "1", "stu1", "father");
        db.write(corpId, tx -> {
            SchoolData.renameStudent(tx, "stu1", "Student-One");
            return null;
        });
        assertThat(parent("p1").children()).extracting(Child::studentUserid).containsExactly("Student-One");
        SchoolViews.Student s = (SchoolViews.Student) services.reads().get(corpId, "student-one", true);
        assertThat(s.parents()).extracting(SchoolViews.ParentOfStudent::parentUserid).containsExactly("p1");
    }

    @Test
    void theDatabaseRefusesToDeleteAStudentWhoHasParents() {
        create("p1", "1", "stu1", "father");
        assertThatThrownBy(() -> db.write(corpId, tx -> tx.update("DELETE FROM users WHERE corp_id = ? AND user_key = 'stu1'", corpId)))
                .isInstanceOf(Database.StoreFailure.class);
        assertThat(parent("p1").children()).hasSize(1);
        db.write(corpId, tx -> tx.update("DELETE FROM users WHERE corp_id = ? AND user_key = 'stu2'", corpId));
    }

    @Test
    void theUniqueKeysThemselvesReportDuplicateIdsAndMobiles() {
        create("p1", "1", "stu1", "x");
        db.write(corpId, tx -> {
            assertThat(ParentStore.refusedAsDuplicate(tx, t -> insert(t, "p1", "P1", "5"))).isTrue();
            assertThat(ParentStore.refusedAsDuplicate(tx, t -> insert(t, "p2", "p2", "1"))).isTrue();
            assertThat(ParentStore.refusedAsDuplicate(tx, t -> insert(t, "p3", "p3", "3"))).isFalse();
            // a missing student is a foreign-key failure, not a duplicate: it is not swallowed
            assertThatThrownBy(() -> ParentStore.refusedAsDuplicate(tx,
                    t -> {
                        ParentStore.replaceChildren(t, "p3", List.of(new ParentStore.Link("ghost", "x")));
                        return null;
                    }))
                    .isInstanceOf(java.sql.SQLException.class);
            return null;
        });
        assertThat(parent("p3").mobile()).isEqualTo("3");
    }

    private static Void insert(org.schoolcontacts.storage.Tx tx, String key, String userid, String mobile) throws java.sql.SQLException {
        ParentStore.insert(tx, key, userid, mobile);
        return null;
    }

    @Test
    void seedingAParentAppliesTheCreateRules() {
        db.write(corpId, tx -> {
            parents.seed(tx, json("{'parent_userid':'s-p1','mobile':'1','children':[{'student_userid':'stu1','relation':'x'}]}"));
            return null;
        });
        assertThat(parent("s-p1").children()).hasSize(1);
        assertThatThrownBy(() -> db.write(corpId, tx -> {
            parents.seed(tx, json("{'parent_userid':'s-p2','mobile':'1','children':[{'student_userid':'stu1','relation':'x'}]}"));
            return null;
        })).isInstanceOf(WeComException.class).hasMessage("parent mobile existed");
    }

    private void setParentCount(String corp, int count) {
        db.writeServer(tx -> tx.update("UPDATE corps SET parent_count = ? WHERE corp_id = ?", count, corp));
    }

    private boolean setVerified(String corp, boolean verified) {
        return db.writeServer(tx -> org.schoolcontacts.corps.CorpStore.setVerified(tx, corp, verified));
    }

    @Test
    void aSchoolAtItsParentCapRefusesTheNextParentWith65018() {
        // verified (the default): 20,000
        setParentCount(corpId, Limits.PARENT_CAP_VERIFIED - 1);
        create("p1", "1", "stu1", "x");
        assertThat(errcodeOf(() -> create("p2", "2", "stu1", "x"))).isEqualTo(65018);
        assertThat(errmsgOf(() -> create("p2", "2", "stu1", "x"))).isEqualTo("parent count exceeds limit");
        assertThat(users()).isEqualTo(4);
        // a delete gives the seat back
        parents.delete(corpId, "p1");
        create("p2", "2", "stu1", "x");
        // unverified: 2,000; lowering the cap removes nobody, creates fail until the count is below it
        assertThat(setVerified(corpId, false)).isTrue();
        setParentCount(corpId, Limits.PARENT_CAP_UNVERIFIED + 5);
        assertThat(errcodeOf(() -> create("p3", "3", "stu1", "x"))).isEqualTo(65018);
        assertThat(parent("p2").mobile()).isEqualTo("2");
        setParentCount(corpId, Limits.PARENT_CAP_UNVERIFIED - 1);
        create("p3", "3", "stu1", "x");
        assertThat(errcodeOf(() -> create("p4", "4", "stu1", "x"))).isEqualTo(65018);
        assertThat(setVerified(corpId, true)).isTrue();
        create("p4", "4", "stu1", "x");
    }

    @Test
    void theParentCapCountsParentsCreatedByEarlierItemsOfTheSameBatch() {
        setParentCount(corpId, Limits.PARENT_CAP_VERIFIED - 2);
        List<Parents.ItemFailure> failures = parents.batchCreate(corpId, json("{'parents':["
                + "{'parent_userid':'b1','mobile':'1','children':[{'student_userid':'stu1','relation':'x'}]},"
                + "{'parent_userid':'b2','mobile':'2','children':[{'student_userid':'stu1','relation':'x'}]},"
                + "{'parent_userid':'b3','mobile':'3','children':[{'student_userid':'stu1','relation':'x'}]}]}"));
        assertThat(failures).extracting(f -> f.userid() + ":" + f.error().errcode()).containsExactly("b3:65018");
        assertThat(SchoolData.count(db, "SELECT parent_count FROM corps WHERE corp_id = ?", corpId)).isEqualTo(Limits.PARENT_CAP_VERIFIED);
    }

    @Test
    void theParentCounterFollowsCreatesDeletesAndRefusedItems() {
        create("p1", "1", "stu1", "x");
        create("p2", "2", "stu1", "x");
        assertThat(errcodeOf(() -> create("p3", "1", "stu1", "x"))).isEqualTo(60137);
        parents.batchDelete(corpId, json("{'useridlist':['p1','ghost']}"));
        assertThat(SchoolData.count(db, "SELECT parent_count FROM corps WHERE corp_id = ?", corpId))
                .isEqualTo(SchoolData.count(db, "SELECT COUNT(*) FROM users WHERE corp_id = ? AND user_type = 2", corpId))
                .isEqualTo(1);
    }
}
