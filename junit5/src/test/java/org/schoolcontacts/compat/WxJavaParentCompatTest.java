package org.schoolcontacts.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.compat.Compat.errcode;
import static org.schoolcontacts.compat.Compat.failure;
import static org.schoolcontacts.compat.Compat.lastQuery;
import static org.schoolcontacts.compat.Compat.resultList;

import java.util.List;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpSchoolUserService;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.WxCpBaseResp;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchCreateParentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchResultList;
import me.chanjar.weixin.cp.bean.school.user.WxCpBatchUpdateParentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpCreateParentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpUpdateParentRequest;
import me.chanjar.weixin.cp.bean.school.user.WxCpUserResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/** Parent writes (spec 6.7-6.12) through WxJava's WxCpSchoolUserService. */
@SchoolContactsServer(seed = Compat.SEED)
class WxJavaParentCompatTest {
    SchoolContactsHandle handle;
    WxCpService wx;
    WxCpSchoolUserService school;

    @BeforeEach
    void fresh() throws Exception {
        handle.reset();
        school = wx.getSchoolUserService();
        school.createStudent("li.lei@compat", "Li Lei", List.of(102));
    }

    private static WxCpCreateParentRequest newParent(String userid, String mobile, String child, String relation) {
        return WxCpCreateParentRequest.builder().parentUserId(userid).mobile(mobile).toInvite(false)
                .children(List.of(WxCpCreateParentRequest.Children.builder().studentUserId(child).relation(relation).build())).build();
    }

    private static WxCpBatchCreateParentRequest.Parent batchParent(String userid, String mobile, String child, String relation) {
        return WxCpBatchCreateParentRequest.Parent.builder().parentUserId(userid).mobile(mobile).toInvite(false)
                .children(List.of(WxCpBatchCreateParentRequest.Children.builder().studentUserId(child).relation(relation).build())).build();
    }

    private static WxCpBatchUpdateParentRequest.Parent.ParentBuilder batchChange(String userid) {
        return WxCpBatchUpdateParentRequest.Parent.builder().parentUserId(userid);
    }

    private WxCpUserResult.Parent parent(String userid) throws WxErrorException {
        WxCpUserResult r = school.getUser(userid);
        assertThat(r.getUserType()).isEqualTo(2);
        assertThat(r.getStudent()).isNull();
        return r.getParent();
    }

    private static String item(WxCpBatchResultList.ResultList r) {
        return r.getParentUserId() + ":" + r.getErrcode();
    }

    // create_parent

    @Test
    void createParentAnswersCreatedAndTheParentCanBeRead() throws Exception {
        WxCpBaseResp r = school.createParent(newParent("li.mother", "13900002222", "li.lei@compat", "妈妈"));
        assertThat(r.getErrmsg()).isEqualTo("created");
        WxCpUserResult.Parent p = parent("li.mother");
        assertThat(p.getParentUserId()).isEqualTo("li.mother");
        assertThat(p.getMobile()).isEqualTo("13900002222");
        assertThat(p.getIsSubscribe()).isZero();
        assertThat(p.getExternalUserId()).isNull();
        assertThat(p.getChildren()).singleElement().satisfies(c -> {
            assertThat(c.getStudentUserId()).isEqualTo("li.lei@compat");
            assertThat(c.getRelation()).isEqualTo("妈妈");
        });
    }

    @Test
    void createParentErrorsReachWxJavaWithWeComsCodes() {
        assertThat(errcode(() -> school.createParent(newParent("p.unknown.child", "13900003333", "nobody", "爸爸")))).isEqualTo(60111);
        assertThat(errcode(() -> school.createParent(newParent("p.same.phone", Compat.PARENT_MOBILE, "li.lei@compat", "爸爸"))))
                .isEqualTo(60137);
        assertThat(errcode(() -> school.createParent(newParent("p.child.parent", "13900004444", Compat.PARENT, "爸爸"))))
                .as("a parent's id as a child").isEqualTo(65010);
        assertThat(failure(() -> school.createParent(newParent("-p", "13900004444", "li.lei@compat", "爸爸"))).getError().getErrorMsgEn())
                .startsWith("invalid parent_userid: -p");
        assertThat(errcode(() -> school.createParent(newParent("LI.LEI@compat", "13900003333", "li.lei@compat", "本人"))))
                .isEqualTo(60102);
        assertThat(errcode(() -> school.createParent(newParent("p.bad.phone", "phone", "li.lei@compat", "爸爸")))).isEqualTo(60103);
        assertThat(errcode(() -> school.createParent(newParent("p.long.relation", "13900003333", "li.lei@compat", "亲".repeat(11)))))
                .isEqualTo(40058);
    }

    // update_parent

    @Test
    void updateParentRenamesOnceChangesTheMobileAndReplacesTheChildren() throws Exception {
        WxCpBaseResp r = school.updateParent(WxCpUpdateParentRequest.builder().parentUserId(Compat.PARENT)
                .newParentUserId("han.dad").mobile("13900004444")
                .children(List.of(new WxCpUpdateParentRequest.Children().setStudentUserId("li.lei@compat").setRelation("叔叔")))
                .build());
        assertThat(r.getErrmsg()).isEqualTo("updated");
        WxCpUserResult.Parent p = parent("han.dad");
        assertThat(p.getMobile()).isEqualTo("13900004444");
        assertThat(p.getChildren()).extracting(WxCpUserResult.Children::getStudentUserId).containsExactly("li.lei@compat");
        assertThat(errcode(() -> school.getUser(Compat.PARENT))).isEqualTo(60111);
        assertThat(errcode(() -> school.updateParent(WxCpUpdateParentRequest.builder().parentUserId("han.dad")
                .newParentUserId("han.dad.again").build()))).isEqualTo(301036);
    }

    @Test
    void anEmptyChildrenListLeavesTheChildrenAsTheyWere() throws Exception {
        school.updateParent(WxCpUpdateParentRequest.builder().parentUserId(Compat.PARENT).mobile("13900004444").children(List.of()).build());
        assertThat(parent(Compat.PARENT).getChildren()).extracting(WxCpUserResult.Children::getStudentUserId)
                .containsExactly(Compat.STUDENT);
    }

    @Test
    void moreThanTenChildrenAre40058() {
        List<WxCpCreateParentRequest.Children> eleven = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(WxCpCreateParentRequest.Children.builder().studentUserId(Compat.STUDENT).relation("爸爸").build());
        }
        assertThat(errcode(() -> school.createParent(WxCpCreateParentRequest.builder().parentUserId("many.children")
                .mobile("13900003333").children(eleven).build()))).isEqualTo(40058);
    }

    @Test
    void updateParentErrorsReachWxJavaWithWeComsCodes() {
        assertThat(errcode(() -> school.updateParent(WxCpUpdateParentRequest.builder().parentUserId("nobody").mobile("13900005555")
                .build()))).isEqualTo(60111);
        assertThat(errcode(() -> school.updateParent(WxCpUpdateParentRequest.builder().parentUserId(Compat.PARENT)
                .newParentUserId("li.lei@compat").build()))).isEqualTo(60102);
    }

    // delete_parent: WxJava appends the userid to the URL as it is

    @Test
    void deleteParentTakesTheRawUseridInTheQuery() throws Exception {
        school.createParent(newParent("Li.Mother@compat", "13900002222", "li.lei@compat", "妈妈"));
        assertThat(school.deleteParent("li.mother@compat").getErrmsg()).isEqualTo("deleted");
        assertThat(lastQuery(handle, "/cgi-bin/school/user/delete_parent")).startsWith("userid=li.mother@compat&");
        assertThat(errcode(() -> school.deleteParent("li.mother@compat"))).isEqualTo(60111);
    }

    @Test
    void deletingTheOnlyParentLetsTheStudentBeDeleted() throws Exception {
        school.deleteParent(Compat.PARENT);
        assertThat(school.getUser(Compat.STUDENT).getStudent().getParents()).isNullOrEmpty();
        assertThat(school.deleteStudent(Compat.STUDENT).getErrmsg()).isEqualTo("deleted");
    }

    // batch_create_parent

    @Test
    void batchCreateParentsWithoutFailuresReturnsAnEmptyResultList() throws Exception {
        WxCpBatchResultList r = school.batchCreateParent(WxCpBatchCreateParentRequest.builder().parents(List.of(
                batchParent("li.father", "13900006666", "li.lei@compat", "爸爸"),
                batchParent("han.mother", "13900007777", Compat.STUDENT, "妈妈"))).build());
        assertThat(r.getErrcode()).isZero();
        assertThat(r.getResultList()).isEmpty();
        assertThat(school.getUser(Compat.STUDENT).getStudent().getParents()).extracting(WxCpUserResult.Parent::getParentUserId)
                .containsExactlyInAnyOrder(Compat.PARENT, "han.mother");
    }

    @Test
    void aPartlyFailedBatchCreateOfParentsListsTheBadOnes() throws Exception {
        WxErrorException e = failure(() -> school.batchCreateParent(WxCpBatchCreateParentRequest.builder().parents(List.of(
                batchParent("li.father", "13900006666", "li.lei@compat", "爸爸"),
                batchParent(Compat.PARENT, "13900008888", "li.lei@compat", "爸爸"),
                batchParent("li.uncle", "13900006666", "li.lei@compat", "叔叔"))).build()));
        assertThat(e.getError().getErrorCode()).isEqualTo(60102);
        assertThat(resultList(e)).extracting(WxJavaParentCompatTest::item).containsExactly(Compat.PARENT + ":60102", "li.uncle:60137");
        assertThat(parent("li.father").getMobile()).isEqualTo("13900006666");
    }

    // batch_update_parent

    @Test
    void batchUpdateParentsAppliesEachItemAndReportsTheFailedOnes() throws Exception {
        WxErrorException e = failure(() -> school.batchUpdateParent(WxCpBatchUpdateParentRequest.builder().parents(List.of(
                batchChange(Compat.PARENT).mobile("13900009999").build(),
                batchChange("nobody").mobile("13900001234").build())).build()));
        assertThat(e.getError().getErrorCode()).isEqualTo(60111);
        assertThat(resultList(e)).extracting(WxJavaParentCompatTest::item).containsExactly("nobody:60111");
        assertThat(parent(Compat.PARENT).getMobile()).isEqualTo("13900009999");

        WxCpBatchResultList ok = school.batchUpdateParent(WxCpBatchUpdateParentRequest.builder().parents(List.of(
                batchChange(Compat.PARENT).newParentUserId("han.papa").children(List.of(
                        WxCpBatchUpdateParentRequest.Children.builder().studentUserId("li.lei@compat").relation("爸爸").build(),
                        WxCpBatchUpdateParentRequest.Children.builder().studentUserId(Compat.STUDENT).relation("爸爸").build()))
                        .build())).build());
        assertThat(ok.getErrcode()).isZero();
        assertThat(ok.getResultList()).isEmpty();
        assertThat(parent("han.papa").getChildren()).hasSize(2);
    }

    // batch_delete_parent

    @Test
    void batchDeleteParentsTakesUseridsAndReportsThoseItCannot() throws Exception {
        school.createParent(newParent("li.mother", "13900002222", "li.lei@compat", "妈妈"));
        WxCpBatchResultList ok = school.batchDeleteParent("li.mother");
        assertThat(ok.getErrcode()).isZero();
        assertThat(ok.getResultList()).isEmpty();

        WxErrorException e = failure(() -> school.batchDeleteParent(Compat.PARENT, "li.mother", "bad userid!"));
        assertThat(resultList(e)).extracting(WxJavaParentCompatTest::item).containsExactly("li.mother:60111", "bad userid!:40003");
        assertThat(resultList(e)).extracting(WxCpBatchResultList.ResultList::getErrmsg)
                .containsExactly("userid not found", "invalid parent_userid: bad userid!");
        assertThat(errcode(() -> school.getUser(Compat.PARENT))).isEqualTo(60111);
    }

    // revision 2: the parent cap, the parent batch size, required arrays

    @Test
    void aSchoolAtItsParentCapRefusesWxJavasCreateWith65018() {
        handle.server().database().writeServer(tx -> tx.update("UPDATE corps SET verified = 0, parent_count = ? WHERE corp_id = ?",
                org.schoolcontacts.wecom.Limits.PARENT_CAP_UNVERIFIED, Compat.CORP));
        assertThat(errcode(() -> school.createParent(newParent("p.over.cap", "13900005555", "li.lei@compat", "爸爸")))).isEqualTo(65018);
        assertThat(errcode(() -> school.getUser("p.over.cap"))).isEqualTo(60111);
    }

    @Test
    void moreThanAHundredParentsInABatchIs65011AndAnEmptyDeleteIs40058() {
        List<WxCpBatchCreateParentRequest.Parent> many = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) many.add(batchParent("bulk" + i, String.valueOf(13700000000L + i), "li.lei@compat", "爸爸"));
        WxErrorException e = failure(() -> school.batchCreateParent(WxCpBatchCreateParentRequest.builder().parents(many).build()));
        assertThat(e.getError().getErrorCode()).isEqualTo(65011);
        assertThat(e.getError().getJson()).doesNotContain("result_list");
        assertThat(errcode(() -> school.getUser("bulk0"))).isEqualTo(60111);
        assertThat(errcode(() -> school.batchDeleteParent())).isEqualTo(40058);
        assertThat(errcode(() -> school.batchCreateParent(WxCpBatchCreateParentRequest.builder().parents(List.of()).build())))
                .isEqualTo(40058);
    }

    @Test
    void moreThanAHundredParentsInAWxJavaBatchUpdateOrDeleteIs65011AndChangesNothing() throws Exception {
        List<WxCpBatchUpdateParentRequest.Parent> many = new java.util.ArrayList<>();
        many.add(batchChange(Compat.PARENT).mobile("13900007777").build());
        for (int i = 0; i < 100; i++) many.add(batchChange("nobody" + i).build());
        WxErrorException update = failure(() -> school.batchUpdateParent(WxCpBatchUpdateParentRequest.builder().parents(many).build()));
        assertThat(update.getError().getErrorCode()).isEqualTo(65011);
        assertThat(update.getError().getErrorMsgEn()).startsWith("parent userid count exceeds limit");
        assertThat(update.getError().getJson()).doesNotContain("result_list");
        String[] ids = new String[101];
        ids[0] = Compat.PARENT;
        for (int i = 1; i < 101; i++) ids[i] = "nobody" + i;
        WxErrorException delete = failure(() -> school.batchDeleteParent(ids));
        assertThat(delete.getError().getErrorCode()).isEqualTo(65011);
        assertThat(delete.getError().getJson()).doesNotContain("result_list");
        // the whole request was refused: the first item's parent is still there, with its mobile
        assertThat(parent(Compat.PARENT).getMobile()).isEqualTo(Compat.PARENT_MOBILE);
        assertThat(school.createParent(newParent("p.other", "13900007777", "li.lei@compat", "妈妈")).getErrcode()).isZero();
    }
}
