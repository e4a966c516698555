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
import org.schoolcontacts.junit5.EventReceiver;
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
            providerWorkload(base, secrets, tokens, errorAnswers);
            // a callback with a token and AES key of its own, and a change delivered through it: the delivery log
            String callbackToken = "LeakCallbackTok01";
            String callbackKey = "leakKey0123456789abcdefghijklmnopqrstuvwxyz";
            secrets.add(callbackToken);
            secrets.add(callbackKey);
            try (EventReceiver receiver = EventReceiver.start(callbackToken, callbackKey, CORPS.get(0))) {
                JsonNode put = EventsSurviveKillTest.configureCallback(base, CORPS.get(0), receiver.url(), callbackKey, callbackToken, 1000001);
                assertThat(put.path("verified").asBoolean()).as(put.toString()).isTrue();
                String token = SchoolContactsHandle.send("GET", base + "/cgi-bin/gettoken?corpid=" + CORPS.get(0) + "&corpsecret=a-"
                        + KINDS.get(0), null).body().path("access_token").asText();
                tokens.add(token);
                SchoolContactsHandle.send("POST", base + "/cgi-bin/school/user/create_student?access_token=" + token,
                        "{\"student_userid\":\"leak01\",\"name\":\"Leak\",\"department\":[11]}");
                SchoolContactsHandle.send("POST", base + "/__admin/events/drain", "{\"timeout_ms\":30000}");
                assertThat(receiver.events()).isNotEmpty();
            }
            // what the admin API and the console show of events, providers, notices and schools
            List<String> shown = new ArrayList<>();
            for (String path : List.of("/__admin/events?limit=1000", "/__admin/providers", "/__admin/suites/wwisosuite000001/authorizations",
                    "/__admin/suites/wwisosuite000001/tickets", "/__admin/notices?recipients=1", "/__admin/corps/" + CORPS.get(0) + "/apps/1000001/callback",
                    "/__admin/corps/" + CORPS.get(0) + "/inbox/sharedp01", "/__console", "/__console/requests", "/__console/notices",
                    "/__console/schools/" + CORPS.get(0), "/__console/schools/" + CORPS.get(1) + "/users/sharedp01")) {
                Answer a = SchoolContactsHandle.send("GET", base + path, null);
                assertThat(a.status()).as(path + ": " + a.raw()).isEqualTo(200);
                shown.add(path + ": " + a.raw());
            }
            assertThat(String.join("\n", shown)).contains("leak01").contains("***");
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
            journal = SchoolContactsHandle.send("GET", base + "/__admin/requests?limit=2000", null).raw() + "\n" + String.join("\n", shown);
            p.kill9();
            out = p.stdoutSoFar() + "\n" + p.stderr();
        }
        assertThat(tokens).hasSizeGreaterThan(CORPS.size() * KINDS.size() + 3);
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

    /**
     * The provider's credentials: suite secret and ticket-based suite token, permanent codes and the corp
     * tokens they get, provider secret and token; each also wrong by a character, in the wrong school,
     * and sent where it does not belong. Notices sent with errors, with tokens in their bodies.
     */
    private static void providerWorkload(String base, Set<String> secrets, Set<String> tokens, List<String> errorAnswers) throws Exception {
        String suite = "wwisosuite000001";
        String pcA = "pc-isoa-00000000000000000000000000000000000000000000000000000001";
        String pcB = "pc-isob-00000000000000000000000000000000000000000000000000000002";
        secrets.addAll(List.of("iso-suite-secret-001", "iso-provider-secret-01", pcA, pcB, "IsoSuiteTok1", "isoSuiteKey0123456789abcdefghijklmnopqrstuv"));
        String ticket = SchoolContactsHandle.send("POST", base + "/__admin/suites/" + suite + "/push-ticket", "{}").body().path("suite_ticket").asText();
        String suiteBody = "{\"suite_id\":\"" + suite + "\",\"suite_secret\":\"iso-suite-secret-001\",\"suite_ticket\":\"" + ticket + "\"}";
        String suiteToken = SchoolContactsHandle.send("POST", base + "/cgi-bin/service/get_suite_token", suiteBody).body().path("suite_access_token").asText();
        assertThat(suiteToken).isNotEmpty();
        tokens.add(suiteToken);
        collect(errorAnswers, base + "/cgi-bin/service/get_suite_token", suiteBody.replace("iso-suite-secret-001", "iso-suite-secret-00"));
        collect(errorAnswers, base + "/cgi-bin/service/get_suite_token?suite_secret=iso-suite-secret-001", "{\"suite_id\":\"" + suite + "\"}");
        String corpUrl = base + "/cgi-bin/service/get_corp_token?suite_access_token=" + suiteToken;
        for (int c = 0; c < CORPS.size(); c++) {
            String pc = c == 0 ? pcA : pcB;
            String corpToken = SchoolContactsHandle.send("POST", corpUrl, "{\"auth_corpid\":\"" + CORPS.get(c) + "\",\"permanent_code\":\"" + pc + "\"}")
                    .body().path("access_token").asText();
            assertThat(corpToken).isNotEmpty();
            tokens.add(corpToken);
            collect(errorAnswers, corpUrl, "{\"auth_corpid\":\"" + CORPS.get(1 - c) + "\",\"permanent_code\":\"" + pc + "\"}");
            collect(errorAnswers, corpUrl, "{\"auth_corpid\":\"" + CORPS.get(c) + "\",\"permanent_code\":\"" + pc + "x\"}");
            collect(errorAnswers, corpUrl + "x", "{\"auth_corpid\":\"" + CORPS.get(c) + "\",\"permanent_code\":\"" + pc + "\"}");
            collect(errorAnswers, base + "/cgi-bin/school/user/get?userid=nobody&access_token=" + corpToken + "&permanent_code=" + pc, null);
            collect(errorAnswers, base + "/cgi-bin/service/get_auth_info?suite_access_token=" + suiteToken,
                    "{\"auth_corpid\":\"" + CORPS.get(c) + "\",\"permanent_code\":\"" + pc + "0\"}");
            // notices refused for their content, credentials in the body
            collect(errorAnswers, base + "/cgi-bin/externalcontact/message/send?access_token=" + corpToken, "{\"toall\":1,\"msgtype\":\"text\","
                    + "\"agentid\":1000010,\"text\":{\"content\":\"\"},\"access_token\":\"" + corpToken + "\",\"permanent_code\":\"" + pc + "\"}");
            collect(errorAnswers, base + "/cgi-bin/externalcontact/message/send?access_token=" + corpToken, "{\"to_parent_userid\":[\"nobody\"],"
                    + "\"msgtype\":\"text\",\"agentid\":1000010,\"text\":{\"content\":\"x\"},\"suite_secret\":\"iso-suite-secret-001\"}");
            JsonNode ok = SchoolContactsHandle.send("POST", base + "/cgi-bin/externalcontact/message/send?access_token=" + corpToken,
                    "{\"toall\":1,\"recv_scope\":2,\"msgtype\":\"text\",\"agentid\":1000010,\"text\":{\"content\":\"Hello\"}}").body();
            assertThat(ok.path("errcode").asInt()).as(ok.toString()).isZero();
        }
        String providerBody = "{\"corpid\":\"wwisoprovider001\",\"provider_secret\":\"iso-provider-secret-01\"}";
        String providerToken = SchoolContactsHandle.send("POST", base + "/cgi-bin/service/get_provider_token", providerBody).body()
                .path("provider_access_token").asText();
        assertThat(providerToken).isNotEmpty();
        tokens.add(providerToken);
        collect(errorAnswers, base + "/cgi-bin/service/get_provider_token", providerBody.replace("-01\"", "-02\""));
        collect(errorAnswers, base + "/cgi-bin/service/get_provider_token?provider_secret=iso-provider-secret-01", "{\"corpid\":\"wwisoprovider001\"}");
        collect(errorAnswers, base + "/cgi-bin/school/department/list?access_token=" + providerToken, null);
        collect(errorAnswers, base + "/cgi-bin/school/department/list?access_token=" + suiteToken, null);
        collect(errorAnswers, corpUrl.replace(suiteToken, providerToken), "{\"auth_corpid\":\"" + CORPS.get(0) + "\",\"permanent_code\":\"" + pcA + "\"}");
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
