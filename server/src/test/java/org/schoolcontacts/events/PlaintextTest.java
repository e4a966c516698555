package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plaintext shapes of spec events §1.3 and §1.4, byte for byte. */
class PlaintextTest {
    @Test
    void appEventMatchesTheDocumentedShapeWithNewIdOnRenames() {
        assertThat(Plaintext.appEvent("wwschool00000001", 1767225600, Change.renamed(ChangeType.UPDATE_STUDENT, "s0001", "s0001b")))
                .isEqualTo("<xml><ToUserName><![CDATA[wwschool00000001]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                        + "<CreateTime>1767225600</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_school_contact]]></Event>"
                        + "<ChangeType><![CDATA[update_student]]></ChangeType><Id><![CDATA[s0001]]></Id><NewId><![CDATA[s0001b]]></NewId></xml>");
    }

    @Test
    void suiteNoticeMatchesTheDocumentedShape() {
        assertThat(Plaintext.suiteNotice("wwsuite000000001", "wwschool00000001", 1767225600, Change.department(ChangeType.CREATE_DEPARTMENT, 12)))
                .isEqualTo("<xml><SuiteId><![CDATA[wwsuite000000001]]></SuiteId><AuthCorpId><![CDATA[wwschool00000001]]></AuthCorpId>"
                        + "<InfoType><![CDATA[change_school_contact]]></InfoType><TimeStamp>1767225600</TimeStamp>"
                        + "<ChangeType><![CDATA[create_department]]></ChangeType><Id><![CDATA[12]]></Id></xml>");
    }

    @Test
    void batchShapeListsEachChangeWithItsOwnCommitTime() {
        String xml = Plaintext.suiteBatch("wwsuite000000001", "wwschool00000001", 1767225700, List.of(
                new Plaintext.Timed(1767225600, Change.of(ChangeType.CREATE_STUDENT, "s1")),
                new Plaintext.Timed(1767225601, Change.renamed(ChangeType.UPDATE_STUDENT, "s1", "s2"))));
        assertThat(xml).isEqualTo("<xml><SuiteId><![CDATA[wwsuite000000001]]></SuiteId><AuthCorpId><![CDATA[wwschool00000001]]></AuthCorpId>"
                + "<InfoType><![CDATA[change_school_contact_batch]]></InfoType><TimeStamp>1767225700</TimeStamp>"
                + "<ChangeList><TimeStamp>1767225600</TimeStamp><ChangeType><![CDATA[create_student]]></ChangeType><Id><![CDATA[s1]]></Id></ChangeList>"
                + "<ChangeList><TimeStamp>1767225601</TimeStamp><ChangeType><![CDATA[update_student]]></ChangeType><Id><![CDATA[s1]]></Id>"
                + "<NewId><![CDATA[s2]]></NewId></ChangeList></xml>");
        Plaintext.Timed one = new Plaintext.Timed(1, Change.of(ChangeType.CREATE_STUDENT, "x"));
        assertThatThrownBy(() -> Plaintext.suiteBatch("s", "c", 1, Collections.nCopies(1001, one))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void departmentTypesAreSpelledCorrectly() {
        assertThat(ChangeType.CREATE_DEPARTMENT.wireName()).isEqualTo("create_department");
        assertThat(ChangeType.values()).hasSize(11);
    }

    @Test
    void aRenameToTheSameIdCarriesNoNewId() {
        assertThat(Change.renamed(ChangeType.UPDATE_PARENT, "p1", "p1").newId()).isNull();
    }

    @Test
    void theSuitesOtherNoticesMatchTheirDocumentedShapes() {
        long t = 1767225600;
        assertThat(SuiteNotice.suiteTicket("wwsuite000000001", "T1").plaintext(t)).isEqualTo("<xml><SuiteId><![CDATA[wwsuite000000001]]></SuiteId>"
                + "<InfoType><![CDATA[suite_ticket]]></InfoType><TimeStamp>1767225600</TimeStamp><SuiteTicket><![CDATA[T1]]></SuiteTicket></xml>");
        assertThat(SuiteNotice.createAuth("wwsuite000000001", "wwschool00000001", "AC1", null).plaintext(t)).isEqualTo("<xml>"
                + "<SuiteId><![CDATA[wwsuite000000001]]></SuiteId><AuthCode><![CDATA[AC1]]></AuthCode><InfoType><![CDATA[create_auth]]></InfoType>"
                + "<TimeStamp>1767225600</TimeStamp><State><![CDATA[]]></State><ExtraInfo><![CDATA[]]></ExtraInfo></xml>");
        assertThat(SuiteNotice.changeAuth("wwsuite000000001", "wwschool00000001", "st").plaintext(t)).isEqualTo("<xml>"
                + "<SuiteId><![CDATA[wwsuite000000001]]></SuiteId><InfoType><![CDATA[change_auth]]></InfoType><TimeStamp>1767225600</TimeStamp>"
                + "<AuthCorpId><![CDATA[wwschool00000001]]></AuthCorpId><State><![CDATA[st]]></State><ExtraInfo><![CDATA[]]></ExtraInfo></xml>");
        assertThat(SuiteNotice.cancelAuth("wwsuite000000001", "wwschool00000001").plaintext(t)).isEqualTo("<xml>"
                + "<SuiteId><![CDATA[wwsuite000000001]]></SuiteId><InfoType><![CDATA[cancel_auth]]></InfoType><TimeStamp>1767225600</TimeStamp>"
                + "<AuthCorpId><![CDATA[wwschool00000001]]></AuthCorpId></xml>");
        assertThat(SuiteNotice.isAuthNotice("cancel_auth")).isTrue();
        assertThat(SuiteNotice.isAuthNotice("suite_ticket")).isFalse();
    }
}
