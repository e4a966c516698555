package org.schoolcontacts.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.RouteTable;
import org.schoolcontacts.corps.Access;
import org.schoolcontacts.http.Route;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsHandle.Answer;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Two schools with overlapping ids (both have departments 10 and 11, student shared01 and parent
 * sharedp01) and ids of their own. Every token kind of one school, sent to every endpoint aimed at the
 * other school's ids, reads nothing of it and writes nothing to it; apps without edit permission write
 * nothing at all.
 */
@SchoolContactsServer(seed = "reliability/two-schools.json", lifecycle = SchoolContactsServer.Lifecycle.PER_METHOD)
class CrossCorpIsolationTest {
    static final String A = "wwisoA0000000001";
    static final String B = "wwisoB0000000002";
    /** Every app of each school by kind; the system app of A is refused (not accepted), B's is accepted. */
    static final Map<String, String> A_SECRETS = apps("a");
    static final Map<String, String> B_SECRETS = apps("b");
    /** Text only school B's data contains: names, relation, mobiles, corp id. */
    private static final List<String> B_MARKERS = List.of("BONLY", "13800000201", "13800000202", "13900000201", "13900000202", B);
    private static final List<String> A_MARKERS = List.of("A shared", "A only", "A Class", "13800000101", "13900000102", A);

    static final String PROVIDER = "wwisoprovider001";
    static final String SUITE = "wwisosuite000001";
    static final String PC_A = "pc-isoa-00000000000000000000000000000000000000000000000000000001";
    static final String PC_B = "pc-isob-00000000000000000000000000000000000000000000000000000002";

    SchoolContactsHandle handle;
    private int requests;

    private static Map<String, String> apps(String p) {
        Map<String, String> m = new TreeMap<>();
        m.put("edit", p + "-edit-secret-0001");
        m.put("read", p + "-read-secret-0001");
        m.put("parent_app", p + "-parent-secret-01");
        m.put("none", p + "-none-secret-0001");
        m.put("agency", p + "-agency-secret-01");
        m.put("third_party", p + "-third-secret-001");
        m.put("system", p + "-system-secret-01");
        return m;
    }

    @BeforeEach
    void fresh() {
        requests = 0;
    }

    @Test
    void noTokenOfSchoolAReadsOrWritesSchoolBsIds() {
        crossCorp(A_SECRETS, B, B_MARKERS, "bstu01", "bpar01", 20, 21);
    }

    @Test
    void noTokenOfSchoolBReadsOrWritesSchoolAsIds() {
        crossCorp(B_SECRETS, A, A_MARKERS, "astu01", "apar01", 10, 30);
    }

    @Test
    void writesThroughIdsBothSchoolsHaveChangeOnlyTheCallersSchool() {
        // A's editor renames, moves and deletes shared01, sharedp01 and class 11: B's copies stay as they were
        crossCorp(A_SECRETS, B, B_MARKERS, "shared01", "sharedp01", 10, 11);
    }

    /**
     * A provider's tokens: the corp token its suite got for school A (an editing third-party app) reaches
     * nothing of school B, not even through the ids both schools have; a permanent code opens only the
     * school it was issued for; and the suite token and provider token, which are no corp tokens, read or
     * write nothing of either school on any school or notice route. School B's rows (notices and
     * recipients included) stay as they were.
     */
    @Test
    void suiteAndProviderTokensAndTheCorpTokensTheyGetReachOnlyTheirOwnSchool() {
        String ticket = handle.admin("POST", "/__admin/suites/" + SUITE + "/push-ticket", "{}").path("suite_ticket").asText();
        String suiteToken = post("/cgi-bin/service/get_suite_token", "{\"suite_id\":\"" + SUITE + "\",\"suite_secret\":\"iso-suite-secret-001\","
                + "\"suite_ticket\":\"" + ticket + "\"}").path("suite_access_token").asText();
        assertThat(suiteToken).isNotEmpty();
        String corpA = post("/cgi-bin/service/get_corp_token?suite_access_token=" + suiteToken,
                "{\"auth_corpid\":\"" + A + "\",\"permanent_code\":\"" + PC_A + "\"}").path("access_token").asText();
        assertThat(corpA).isNotEmpty();
        for (String[] crossed : new String[][] {{A, PC_B}, {B, PC_A}}) {
            JsonNode refused = post("/cgi-bin/service/get_corp_token?suite_access_token=" + suiteToken,
                    "{\"auth_corpid\":\"" + crossed[0] + "\",\"permanent_code\":\"" + crossed[1] + "\"}");
            assertThat(refused.path("errcode").asInt()).as("%s with the other school's permanent code: %s", crossed[0], refused).isNotZero();
            assertThat(refused.has("access_token")).as(refused.toString()).isFalse();
        }
        String providerToken = post("/cgi-bin/service/get_provider_token", "{\"corpid\":\"" + PROVIDER
                + "\",\"provider_secret\":\"iso-provider-secret-01\"}").path("provider_access_token").asText();
        assertThat(providerToken).isNotEmpty();
        Map<String, String> tokens = new TreeMap<>(Map.of("suite corp token of A", corpA, "suite token", suiteToken, "provider token", providerToken));
        crossCorpWithTokens(tokens, B, B_MARKERS, "bstu01", "bpar01", 20, 21);
        crossCorpWithTokens(tokens, B, B_MARKERS, "shared01", "sharedp01", 10, 11);
        // the suite and provider tokens are no school's token: they read nothing of A either
        crossCorpWithTokens(new TreeMap<>(Map.of("suite token", suiteToken, "provider token", providerToken)), A, A_MARKERS, "astu01", "apar01", 10, 30);
        assertThat(handle.admin("GET", "/__admin/corps/" + B + "/inbox/bpar01", null).path("notices")).as("B's parent's inbox").isEmpty();
        assertThat(handle.admin("GET", "/__admin/notices?corpid=" + B, null).path("notices")).as("B's notices").isEmpty();
    }

    @Test
    void noticesOfSchoolAReachNoOneInSchoolB() {
        // A's parent app sends to B's ids and to ids both schools have: only A's people receive
        String token = handle.token(A_SECRETS.get("parent_app"));
        JsonNode sent = post("/cgi-bin/externalcontact/message/send?access_token=" + token, "{\"recv_scope\":2,\"to_parent_userid\":"
                + "[\"bpar01\",\"sharedp01\"],\"to_student_userid\":[\"bstu01\",\"shared01\"],\"to_party\":[20,21,11],\"toall\":0,"
                + "\"msgtype\":\"text\",\"agentid\":1000003,\"text\":{\"content\":\"For A\"}}");
        assertThat(sent.path("errcode").asInt()).as(sent.toString()).isZero();
        assertThat(sent.toString()).doesNotContain("BONLY");
        JsonNode all = post("/cgi-bin/externalcontact/message/send?access_token=" + token, "{\"toall\":1,\"recv_scope\":2,\"msgtype\":\"text\","
                + "\"agentid\":1000003,\"text\":{\"content\":\"All of A\"}}");
        assertThat(all.path("errcode").asInt()).as(all.toString()).isZero();
        for (String userid : List.of("bpar01", "bstu01", "sharedp01", "shared01")) {
            assertThat(handle.admin("GET", "/__admin/corps/" + B + "/inbox/" + userid, null).path("notices")).as("B's %s's inbox", userid).isEmpty();
        }
        assertThat(handle.admin("GET", "/__admin/corps/" + A + "/inbox/sharedp01", null).path("notices")).as("A's sharedp01").hasSize(2);
        JsonNode notices = handle.admin("GET", "/__admin/notices?corpid=" + A + "&recipients=1", null);
        assertThat(notices.toString()).doesNotContain("BONLY").doesNotContain(B);
    }

    private JsonNode post(String path, String body) {
        return SchoolContactsHandle.send("POST", handle.baseUrl() + path, body).body();
    }

    @Test
    void appsWithoutEditPermissionWriteNothing() {
        A_SECRETS.values().forEach(handle::token); // tokens first: issuing one is a write of its own
        StoreSnapshot before = StoreSnapshot.of(handle.server().database());
        for (Map.Entry<String, String> app : A_SECRETS.entrySet()) {
            if (app.getKey().equals("edit") || app.getKey().equals("agency")) continue;
            String token = handle.token(app.getValue());
            for (Route r : RouteTable.routes(handle.server().services())) {
                if (r.access() != Access.EDIT) continue;
                Answer a = call(r, token, "astu01", "apar01", 10, 30);
                assertThat(a.body()).as(r.path() + " as " + app.getKey() + ": " + a.raw()).isNotNull();
                assertThat(a.body().path("errcode").asInt()).as(r.path() + " as " + app.getKey() + ": " + a.raw()).isEqualTo(48002);
            }
        }
        assertThat(requests).isGreaterThan(50);
        assertThat(StoreSnapshot.of(handle.server().database()).differenceFrom(before)).isEmpty();
    }

    @Test
    void appsWithoutEditPermissionReadTheirOwnSchoolOnly() {
        for (String kind : List.of("read", "parent_app", "third_party")) {
            String token = handle.token(A_SECRETS.get(kind));
            JsonNode list = SchoolContactsHandle.send("GET", handle.baseUrl() + "/cgi-bin/school/user/list?department_id=10&fetch_child=1&access_token="
                    + token, null).body();
            assertThat(list.path("errcode").asInt()).as(kind).isZero();
            assertThat(list.toString()).contains("astu01").doesNotContain("BONLY").doesNotContain("bstu01");
        }
    }

    /**
     * Every endpoint, as every app of one school, aimed at the other school's student, parent, grade and
     * class: no answer shows the other school's data, and the other school's rows are as they were.
     */
    private void crossCorp(Map<String, String> secrets, String otherCorp, List<String> otherMarkers, String student, String parent,
                           int grade, int klass) {
        Map<String, String> tokens = new TreeMap<>();
        secrets.forEach((kind, secret) -> tokens.put(kind, handle.token(secret)));
        crossCorpWithTokens(tokens, otherCorp, otherMarkers, student, parent, grade, klass);
    }

    private void crossCorpWithTokens(Map<String, String> tokens, String otherCorp, List<String> otherMarkers, String student, String parent,
                                     int grade, int klass) {
        requests = 0;
        Map<String, List<String>> before = rowsOf(otherCorp);
        for (Map.Entry<String, String> app : tokens.entrySet()) {
            String token = app.getValue();
            for (Route r : RouteTable.routes(handle.server().services())) {
                Answer a = call(r, token, student, parent, grade, klass);
                String what = r.path() + " as " + app.getKey() + ": " + a.raw();
                assertThat(a.body()).as(what).isNotNull();
                assertThat(a.body().has("errcode")).as(what).isTrue();
                for (String marker : otherMarkers) assertThat(a.raw()).as(what).doesNotContain(marker);
            }
        }
        assertThat(requests).isGreaterThan(tokens.size() * 15);
        assertThat(rowsOf(otherCorp)).isEqualTo(before);
    }

    private Answer call(Route r, String token, String student, String parent, int grade, int klass) {
        requests++;
        String[] t = EndpointTemplates.aimedAt(r.path(), student, parent, grade, klass);
        String query = t == null || t[1] == null || t[1].isEmpty() ? "" : t[1] + "&";
        String url = handle.baseUrl() + r.path() + "?" + query + "access_token=" + token;
        return SchoolContactsHandle.send(r.method() == Route.Method.POST ? "POST" : "GET", url,
                r.method() == Route.Method.POST ? (t == null ? "{}" : t[0]) : null);
    }

    /** The other school's rows in every table that has a corp column. */
    private Map<String, List<String>> rowsOf(String corp) {
        StoreSnapshot s = StoreSnapshot.of(handle.server().database());
        Map<String, List<String>> out = new TreeMap<>();
        s.tables().forEach((table, rows) -> {
            List<String> mine = new ArrayList<>();
            for (String row : rows) if (row.startsWith(corp + " |")) mine.add(row);
            out.put(table, mine);
        });
        assertThat(out.get("users")).isNotEmpty();
        return out;
    }
}
