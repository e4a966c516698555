package org.schoolcontacts.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsHandle.Answer;

/**
 * Secrets and tokens never leave the server except where WeCom hands them out (a token in gettoken's
 * answer): not in its log lines (standard output and error of the real process), not in any error
 * answer, not in the request journal. The workload uses every app of two schools with good, wrong,
 * expired and revoked credentials, and sends secrets and tokens in places they do not belong (bodies,
 * unknown query parameters).
 */
class NoSecretInOutputTest {
    private static final List<String> CORPS = List.of("wwisoA0000000001", "wwisoB0000000002");
    private static final List<String> KINDS = List.of("edit-secret-0001", "read-secret-0001", "parent-secret-01", "none-secret-0001",
            "agency-secret-01", "third-secret-001", "system-secret-01");

    @TempDir
    Path dir;

    @Test
    void noSecretOrTokenAppearsInLogsErrorsOrTheJournal() throws Exception {
        Path seed = Path.of(NoSecretInOutputTest.class.getClassLoader().getResource("reliability/two-schools.json").toURI());
        Set<String> secrets = new LinkedHashSet<>();
        Set<String> tokens = new LinkedHashSet<>();
        List<String> errorAnswers = new ArrayList<>();
        String journal;
        String out;
        try (ServerProcess p = ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dir.toString(), "--seed", seed.toString())) {
            String base = p.awaitReady();
            for (int c = 0; c < CORPS.size(); c++) {
                String corp = CORPS.get(c);
                String other = CORPS.get(1 - c);
                for (String kind : KINDS) {
                    String secret = (c == 0 ? "a-" : "b-") + kind;
                    secrets.add(secret);
                    JsonNode issued = SchoolContactsHandle.send("GET", base + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + secret, null).body();
                    String token = issued.path("access_token").asText();
                    assertThat(token).as(kind).isNotEmpty();
                    tokens.add(token);
                    // wrong corp for the secret, a near miss, and the secret where it does not belong
                    collect(errorAnswers, base + "/cgi-bin/gettoken?corpid=" + other + "&corpsecret=" + secret, null);
                    collect(errorAnswers, base + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + secret + "x", null);
                    collect(errorAnswers, base + "/cgi-bin/school/user/get?userid=nobody&access_token=" + token + "&secret=" + secret, null);
                    collect(errorAnswers, base + "/cgi-bin/school/user/create_student?access_token=" + token + "&corpsecret=" + secret,
                            "{\"student_userid\":\"x1\",\"name\":\"x\",\"access_token\":\"" + token
                                    + "\",\"secret\":\"" + secret + "\",\"department\":[999]}");
                    collect(errorAnswers, base + "/cgi-bin/school/user/batch_update_student?access_token=" + token,
                            "{\"corpsecret\":\"" + secret + "\",\"students\":[{\"student_userid\":\"nobody\",\"name\":\"x\"}]}");
                    collect(errorAnswers, base + "/cgi-bin/school/department/list?id=1&access_token=" + token + "x", null);
                    collect(errorAnswers, base + "/cgi-bin/school/department/list?id=1&access_token=" + token.substring(1), null);
                    collect(errorAnswers, base + "/cgi-bin/school/user/delete_student?userid=nobody&access_token=" + token, null);
                    collect(errorAnswers, base + "/cgi-bin/school/department/create?access_token=" + token, "{\"name\":\"\",\"secret\":\"" + secret + "\"}");
                }
            }
            // expired and revoked tokens answer 42001 and 40014
            SchoolContactsHandle.send("POST", base + "/__admin/clock", "{\"advance_seconds\":7300}");
            for (String token : tokens) collect(errorAnswers, base + "/cgi-bin/school/department/list?access_token=" + token, null);
            SchoolContactsHandle.send("POST", base + "/__admin/clock", "{\"reset\":true}");
            for (String corp : CORPS) SchoolContactsHandle.send("POST", base + "/__admin/tokens/revoke", "{\"corpid\":\"" + corp + "\"}");
            for (String token : tokens) collect(errorAnswers, base + "/cgi-bin/school/department/list?access_token=" + token, null);
            // injected faults on gettoken, with the secret in the query
            SchoolContactsHandle.send("POST", base + "/__admin/faults", "{\"path\":\"/cgi-bin/gettoken\",\"errcode\":-1,\"times\":2}");
            for (String corp : CORPS) collect(errorAnswers, base + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + (corp.equals(CORPS.get(0))
                    ? "a-" : "b-") + KINDS.get(0), null);
            journal = SchoolContactsHandle.send("GET", base + "/__admin/requests?limit=2000", null).raw();
            p.kill9();
            out = p.stdoutSoFar() + "\n" + p.stderr();
        }
        assertThat(tokens).hasSize(CORPS.size() * KINDS.size());
        assertThat(errorAnswers.size()).isGreaterThan(100);
        assertThat(journal).contains("/cgi-bin/gettoken").contains("corpsecret=***").contains("access_token=***");
        assertThat(out).contains("/cgi-bin/school/user/create_student");
        List<String> leaks = new ArrayList<>();
        for (String s : union(secrets, tokens)) {
            if (out.contains(s)) leaks.add("process output has " + s);
            if (journal.contains(s)) leaks.add("the journal has " + s);
            for (String a : errorAnswers) if (a.contains(s)) leaks.add("an error answer has " + s + ": " + a);
        }
        assertThat(leaks).isEmpty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static void collect(List<String> into, String url, String body) throws URISyntaxException {
        Answer a = SchoolContactsHandle.send(body == null ? "GET" : "POST", url, body);
        assertThat(a.body()).as(a.raw()).isNotNull();
        if (a.body().path("errcode").asInt() != 0) into.add(a.raw());
    }
}
