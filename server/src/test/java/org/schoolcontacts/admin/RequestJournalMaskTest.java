package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The journal masks every credential by its name, in a query and in a JSON body. */
class RequestJournalMaskTest {
    @Test
    void aSecretInAQueryParameterOtherThanCorpsecretReachedTheJournalAndIsNowMasked() {
        // found by NoSecretInOutputTest: GET /cgi-bin/school/user/get?userid=x&access_token=…&secret=<the app's secret>
        assertThat(RequestJournal.mask("/cgi-bin/school/user/get?userid=x&access_token=T0k&secret=s3cret"))
                .isEqualTo("/cgi-bin/school/user/get?userid=x&access_token=***&secret=***");
    }

    @Test
    void everyNameEndingInSecretOrTokenAndEveryPermanentCodeAndAesKeyIsMasked() {
        assertThat(RequestJournal.mask("/x?suite_secret=a&suite_access_token=b&provider_secret=c&permanent_code=d&encoding_aes_key=e&corpsecret=f"))
                .isEqualTo("/x?suite_secret=***&suite_access_token=***&provider_secret=***&permanent_code=***&encoding_aes_key=***&corpsecret=***");
        assertThat(RequestJournal.mask("{\"suite_ticket\":\"t\",\"permanent_code\":\"p\",\"EncodingAESKey\":\"k\",\"suite_access_token\":\"s\"}"))
                .isEqualTo("{\"suite_ticket\":\"t\",\"permanent_code\":\"***\",\"EncodingAESKey\":\"***\",\"suite_access_token\":\"***\"}");
    }

    @Test
    void otherParametersAndFieldsAreKeptAsSent() {
        assertThat(RequestJournal.mask("/cgi-bin/school/user/list?department_id=11&fetch_child=1"))
                .isEqualTo("/cgi-bin/school/user/list?department_id=11&fetch_child=1");
        assertThat(RequestJournal.mask("{\"student_userid\":\"tokenless\",\"name\":\"secretary\"}"))
                .isEqualTo("{\"student_userid\":\"tokenless\",\"name\":\"secretary\"}");
    }

    @Test
    void theQuickScanLetThroughEveryTextAPatternWouldChange() {
        // the scan only decides whether the patterns run: the result must be theirs on every text
        java.util.Random r = new java.util.Random(15);
        String[] parts = {"secret", "SeCrEt", "token", "TOKEN", "permanent_code", "aeskey", "AES_KEY", "aes", "perm", "tok",
                "=", "&", "\"", ":", " ", "x", "_", "?", "s", "t"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(12); k > 0; k--) b.append(parts[r.nextInt(parts.length)]);
            String text = b.toString();
            assertThat(RequestJournal.mask(text)).isEqualTo(RequestJournal.maskByPatterns(text));
        }
        assertThat(RequestJournal.mayNameASecret("{\"userid\":\"s1\",\"name\":\"n\"}")).isFalse();
        assertThat(RequestJournal.mayNameASecret("x?Access_Token=1")).isTrue();
    }

    @Test
    void aCallAddedWithCredentialsInItsQueryBodyAndAnswerIsHandedOutMasked() {
        RequestJournal journal = new RequestJournal(10);
        journal.add(new RequestJournal.Entry(1, "GET", "/cgi-bin/gettoken?corpid=c&corpsecret=s3cret", "c", 1L,
                "{\"suite_secret\":\"b0dy\"}", "{\"errcode\":0,\"access_token\":\"T0k\"}", 0, 1));
        var found = journal.find("/cgi-bin/gettoken", null, null, null, 10).get(0);
        assertThat(found.get("path").asText()).isEqualTo("/cgi-bin/gettoken?corpid=c&corpsecret=***");
        assertThat(found.get("body").asText()).isEqualTo("{\"suite_secret\":\"***\"}");
        assertThat(found.get("response").asText()).isEqualTo("{\"errcode\":0,\"access_token\":\"***\"}");
        assertThat(found.toString()).doesNotContain("s3cret", "b0dy", "T0k");
    }
}
