package org.schoolcontacts.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Without an SDK: the handle's client sends WeCom's JSON with a token appended and hands back the JSON
 * answer. One server for the class, reset before each test.
 */
@SchoolContactsServer
class PlainHttpTest {
    SchoolContactsHandle school;

    @BeforeEach
    void startFromTheSeed() {
        school.reset();
    }

    @Test
    void aBatchUpdateReportsOnlyTheStudentsThatFailed() {
        JsonNode answer = school.editor().post("/cgi-bin/school/user/batch_update_student", """
                {"students": [
                  {"student_userid": "s0001", "name": "Li Lei (class 11)"},
                  {"student_userid": "nobody", "name": "Nobody"}
                ]}""");

        assertThat(answer.path("errcode").asInt()).isEqualTo(60111);
        assertThat(answer.path("result_list")).hasSize(1);
        assertThat(answer.path("result_list").get(0).path("student_userid").asText()).isEqualTo("nobody");
        assertThat(school.reader().get("/cgi-bin/school/user/get?userid=s0001").path("student").path("name").asText())
                .isEqualTo("Li Lei (class 11)");
    }

    @Test
    void gettokenAnswersLikeWeCom() {
        JsonNode token = school.gettoken(school.editSecret());
        assertThat(token.path("errcode").asInt()).isZero();
        assertThat(token.path("expires_in").asInt()).isEqualTo(7200);
    }
}
