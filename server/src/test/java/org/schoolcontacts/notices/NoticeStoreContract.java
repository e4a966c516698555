package org.schoolcontacts.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.Caller;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.notices.Notices.Notice;
import org.schoolcontacts.notices.Notices.Sent;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.wecom.WeComError;

/**
 * What the notice store keeps, on every database: the expanded recipients of a notice in order (also
 * past one multi-row INSERT), inboxes by creation number through renames, server-wide ids under
 * concurrent senders, duplicates, and forgetting one school's notices only.
 */
public abstract class NoticeStoreContract extends StoreContract {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private Notices notices;

    @BeforeEach
    void parentApp() {
        notices = services.notices();
        makeParentApp(corpId);
    }

    private void makeParentApp(String corp) {
        db.write(corp, tx -> {
            notices.seedApp(tx, json("{'agentid':1000001,'parent_app':true}"));
            return null;
        });
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Caller caller(String corp) {
        return new Caller(corp, "1000001", 1000001L, AppKind.SELF_BUILT, SchoolPermission.EDIT, false, false);
    }

    private Sent send(String corp, String fields) {
        return notices.send(caller(corp), json("{'agentid':1000001,'msgtype':'text','text':{'content':'hello'}," + fields + "}"));
    }

    @Test
    void aNoticeLargerThanOneInsertKeepsEveryRecipientInOrder() {
        int students = NoticeStore.ROWS_PER_INSERT * 2 + 1;
        BulkSchool.fill(db, corpId, 3, students, 4);
        Sent sent = send(corpId, "'toall':1");
        assertThat(sent.error()).isNull();
        Notice n = notices.notice(sent.noticeId()).orElseThrow();
        assertThat(n.recipientCount()).isEqualTo(students);
        assertThat(n.recipients()).hasSize(students);
        for (int i = 0; i < students; i++) {
            assertThat(n.recipients().get(i).userid()).isEqualTo("p" + i);
            assertThat(n.recipients().get(i).delivered()).isEqualTo(i % 4 != 0);
        }
        assertThat(notices.inbox(corpId, "p" + (students - 1), null, false, 10)).hasSize(1);
        assertThat(notices.inbox(corpId, "p0", null, true, 10)).as("p0 is not subscribed").isEmpty();
    }

    @Test
    void aClassNoticeReachesThatClassOnly() {
        BulkSchool.fill(db, corpId, 2, 10, 0);
        Sent sent = send(corpId, "'recv_scope':2,'to_party':[" + BulkSchool.classId(1) + "]");
        Notice n = notices.notice(sent.noticeId()).orElseThrow();
        assertThat(n.recipients()).extracting(Notices.Recipient::userid)
                .containsExactly("s1", "p1", "s3", "p3", "s5", "p5", "s7", "p7", "s9", "p9");
        assertThat(notices.inbox(corpId, "s0", null, false, 10)).isEmpty();
    }

    @Test
    void aRenamedParentKeepsTheInbox() {
        BulkSchool.fill(db, corpId, 1, 2, 0);
        Sent sent = send(corpId, "'to_parent_userid':['p1']");
        services.parents().update(corpId, json("{'parent_userid':'p1','new_parent_userid':'Parent.One'}"));
        assertThat(notices.inbox(corpId, "parent.one", null, false, 10)).extracting(e -> e.notice().id()).containsExactly(sent.noticeId());
        assertThat(notices.inbox(corpId, "p1", null, false, 10)).as("the old id names nobody now").isEmpty();
    }

    @Test
    void allInvalidStoresNothing() {
        BulkSchool.fill(db, corpId, 1, 1, 0);
        Sent sent = send(corpId, "'to_parent_userid':['ghost']");
        assertThat(sent.error()).isEqualTo(WeComError.ALL_RECIPIENTS_INVALID);
        assertThat(sent.invalid().parents()).containsExactly("ghost");
        assertThat(notices.find(corpId, null, null, 10, false)).isEmpty();
    }

    @Test
    void aDuplicateCopiesTheRecipientsUndelivered() {
        BulkSchool.fill(db, corpId, 1, 3, 0);
        Sent first = send(corpId, "'toall':1,'enable_duplicate_check':1");
        Sent second = send(corpId, "'toall':1,'enable_duplicate_check':1");
        Notice dup = notices.notice(second.noticeId()).orElseThrow();
        assertThat(dup.duplicateOf()).isEqualTo(first.noticeId());
        assertThat(dup.recipients()).extracting(Notices.Recipient::userid).containsExactly("p0", "p1", "p2");
        assertThat(dup.recipients()).noneMatch(Notices.Recipient::delivered);
        assertThat(dup.recipientCount()).isEqualTo(3);
    }

    @Test
    void idsAreUniqueAcrossSchoolsAndConcurrentSenders() throws Exception {
        String other = newCorp();
        makeParentApp(other);
        BulkSchool.fill(db, corpId, 1, 5, 0);
        BulkSchool.fill(db, other, 1, 5, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Sent>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String corp = i % 2 == 0 ? corpId : other;
                futures.add(pool.submit((Callable<Sent>) () -> send(corp, "'toall':1")));
            }
            Set<String> ids = new TreeSet<>();
            for (Future<Sent> f : futures) ids.add(f.get().noticeId());
            assertThat(ids).hasSize(12);
        } finally {
            pool.shutdownNow();
        }
        assertThat(notices.find(corpId, null, null, 100, false)).hasSize(6);
        assertThat(notices.find(other, 1000001L, null, 100, false)).hasSize(6);
        assertThat(notices.forget(other)).isEqualTo(6);
        assertThat(notices.find(other, null, null, 100, false)).isEmpty();
        assertThat(notices.find(corpId, null, null, 100, true)).hasSize(6).allMatch(n -> n.recipients().size() == 5);
    }
}
