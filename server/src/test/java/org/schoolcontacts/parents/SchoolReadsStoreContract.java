package org.schoolcontacts.parents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.parents.ParentStoreContract.errmsgOf;
import static org.schoolcontacts.parents.SchoolData.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.parents.SchoolViews.Child;
import org.schoolcontacts.parents.SchoolViews.Parent;
import org.schoolcontacts.parents.SchoolViews.ParentOfStudent;
import org.schoolcontacts.parents.SchoolViews.Student;

/**
 * school/user/get, list and list_parent (spec 6.13-6.15) against every database. The school: grade 10
 * with classes 11 and 12, grade 20 with class 21; s1 in 11, s2 in 12 and 11 (in that order), s3 in 21.
 */
abstract class SchoolReadsStoreContract extends org.schoolcontacts.storage.StoreContract {

    @BeforeEach
    void school() {
        SchoolData.gradeWithClasses(db, corpId, 10, 11, 12);
        SchoolData.gradeWithClasses(db, corpId, 20, 21);
        SchoolData.student(db, corpId, "S1", 11);
        SchoolData.student(db, corpId, "s2", 12, 11);
        SchoolData.student(db, corpId, "s3", 21);
        services.parents().create(corpId, json("{'parent_userid':'Mum','mobile':'1001','children':["
                + "{'student_userid':'s2','relation':'mother'},{'student_userid':'s1','relation':'mother'}]}"));
        services.parents().create(corpId, json("{'parent_userid':'dad','mobile':'1002','children':[{'student_userid':'s3','relation':'father'}]}"));
        services.parents().create(corpId, json("{'parent_userid':'gran','mobile':'1003','children':["
                + "{'student_userid':'s3','relation':'granny'},{'student_userid':'s2','relation':'granny'}]}"));
    }

    SchoolReads reads() {
        return services.reads();
    }

    @Test
    void getAStudentShowsItsClassesInTheirOrderAndItsParentsByCreation() {
        Student s = (Student) reads().get(corpId, "S2", true);
        assertThat(s).isEqualTo(new Student("s2", "name of s2", List.of(12L, 11L), List.of(
                new ParentOfStudent("Mum", "mother", "1001", 0, null),
                new ParentOfStudent("gran", "granny", "1003", 0, null))));
    }

    @Test
    void getAParentShowsAllItsChildrenInTheGivenOrder() {
        Parent p = (Parent) reads().get(corpId, "mum", true);
        assertThat(p).isEqualTo(new Parent("Mum", "1001", 0, null, List.of(
                new Child("s2", "mother", "name of s2"), new Child("S1", "mother", "name of S1"))));
    }

    @Test
    void getRefusesMissingMalformedAndUnknownIds() {
        assertThat(errcodeOf(() -> reads().get(corpId, null, true))).isEqualTo(41009);
        assertThat(errcodeOf(() -> reads().get(corpId, "", true))).isEqualTo(41009);
        assertThat(errcodeOf(() -> reads().get(corpId, "s 1", true))).isEqualTo(40003);
        assertThat(errcodeOf(() -> reads().get(corpId, "x".repeat(65), true))).isEqualTo(40058);
        assertThat(errmsgOf(() -> reads().get(corpId, "nobody", true))).isEqualTo("userid not found: nobody");
        assertThat(errcodeOf(() -> reads().get(newCorp(), "s1", true))).isEqualTo(60111);
    }

    @Test
    void externalUseridIsShownOnlyForSubscribedParents() {
        db.write(corpId, tx -> tx.update("UPDATE users SET is_subscribe = 1, external_userid = 'wmEXT1' WHERE corp_id = ? AND user_key = 'gran'", corpId));
        db.write(corpId, tx -> tx.update("UPDATE users SET external_userid = 'wmEXT2' WHERE corp_id = ? AND user_key = 'dad'", corpId));
        assertThat(((Parent) reads().get(corpId, "gran", true)).externalUserid()).isEqualTo("wmEXT1");
        assertThat(((Parent) reads().get(corpId, "dad", true)).externalUserid()).isNull();
        assertThat(((Student) reads().get(corpId, "s3", true)).parents())
                .extracting(ParentOfStudent::parentUserid, ParentOfStudent::isSubscribe, ParentOfStudent::externalUserid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dad", 0, null), org.assertj.core.groups.Tuple.tuple("gran", 1, "wmEXT1"));
    }

    @Test
    void mobilesAreLeftOutWhenTheCallerMayNotSeeThem() {
        assertThat(((Parent) reads().get(corpId, "mum", false)).mobile()).isNull();
        assertThat(((Student) reads().get(corpId, "s1", false)).parents()).extracting(ParentOfStudent::mobile).containsOnlyNulls();
        assertThat(reads().list(corpId, "11", null, false)).flatExtracting(Student::parents).extracting(ParentOfStudent::mobile)
                .containsOnlyNulls().isNotEmpty();
        assertThat(reads().listParents(corpId, "11", false)).extracting(Parent::mobile).containsOnlyNulls().hasSize(2);
    }

    @Test
    void listShowsTheStudentsDirectlyInAClassByCreationWithAllTheirClasses() {
        List<Student> students = reads().list(corpId, "11", "0", true);
        assertThat(students).extracting(Student::studentUserid).containsExactly("S1", "s2");
        assertThat(students.get(1).department()).containsExactly(12L, 11L);
        assertThat(students.get(0).parents()).extracting(ParentOfStudent::parentUserid).containsExactly("Mum");
    }

    @Test
    void listRecursesOnlyWhenFetchChildIsOne() {
        for (String notOne : new String[] {null, "0", "null", "", "true", "2"}) {
            assertThat(reads().list(corpId, "10", notOne, true)).as("fetch_child=%s", notOne).isEmpty();
        }
        assertThat(reads().list(corpId, "10", "1", true)).extracting(Student::studentUserid).containsExactly("S1", "s2");
        assertThat(reads().list(corpId, "1", "1", true)).extracting(Student::studentUserid).containsExactly("S1", "s2", "s3");
        assertThat(reads().list(corpId, "12", "1", true)).extracting(Student::studentUserid).containsExactly("s2");
    }

    @Test
    void listAndListParentRefuseMissingOrUnknownDepartments() {
        assertThat(errmsgOf(() -> reads().list(corpId, null, "1", true))).isEqualTo("invalid parameter: department_id");
        assertThat(errcodeOf(() -> reads().list(corpId, "abc", "1", true))).isEqualTo(40058);
        assertThat(errmsgOf(() -> reads().list(corpId, "99", "1", true))).isEqualTo("invalid department id: 99");
        assertThat(errcodeOf(() -> reads().listParents(corpId, "null", true))).isEqualTo(40058);
        assertThat(errcodeOf(() -> reads().listParents(corpId, "99", true))).isEqualTo(60123);
        assertThat(errcodeOf(() -> reads().list(newCorp(), "11", "0", true))).isEqualTo(60123);
    }

    @Test
    void listParentShowsParentsOfTheClassWithAllTheirChildrenNamed() {
        List<Parent> parents = reads().listParents(corpId, "12", true);
        assertThat(parents).extracting(Parent::parentUserid).containsExactly("Mum", "gran");
        assertThat(parents.get(1).children()).containsExactly(new Child("s3", "granny", "name of s3"), new Child("s2", "granny", "name of s2"));
        assertThat(reads().listParents(corpId, "21", true)).extracting(Parent::parentUserid).containsExactly("dad", "gran");
        // no recursion: a grade holds no students directly
        assertThat(reads().listParents(corpId, "10", true)).isEmpty();
    }

    @Test
    void listAndGetAgreeAboutEveryStudent() {
        for (Student listed : reads().list(corpId, "1", "1", true)) {
            assertThat(reads().get(corpId, listed.studentUserid(), true)).isEqualTo(listed);
        }
    }

    @Test
    void aReadSeesOneSnapshotEvenWhenAWriteCommitsBetweenItsQueries() {
        long[] counts = db.read(tx -> {
            long before = tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ?", corpId);
            SchoolData.student(db, corpId, "late", 11); // another connection, committed now
            long after = tx.count("SELECT COUNT(*) FROM users WHERE corp_id = ?", corpId);
            return new long[] {before, after};
        });
        assertThat(counts[1]).isEqualTo(counts[0]);
        assertThat(reads().list(corpId, "11", "0", true)).extracting(Student::studentUserid).contains("late");
    }

    /**
     * The exact bytes of school/user/list over HTTP, on this store: field order, classes in their
     * order, parents by creation with is_subscribe and external_userid only when subscribed, a student
     * listed once although two of its classes are in scope, names that need escaping. Pinned before the
     * list path was made set-based and streamed (issue 15), so that work cannot change the answer.
     */
    @Test
    void listOverHttpAnswersTheSameBytesOnEveryStore() throws Exception {
        db.write(corpId, tx -> tx.update("UPDATE users SET is_subscribe = 1, external_userid = 'wmGRAN' WHERE corp_id = ? AND user_key = 'gran'", corpId));
        db.write(corpId, tx -> SchoolData.student(tx, "s4", "王 \"小\" \\ 明\t\u2028", 11));
        String s1 = "{\"student_userid\":\"S1\",\"name\":\"name of S1\",\"department\":[11],\"parents\":["
                + "{\"parent_userid\":\"Mum\",\"relation\":\"mother\",\"mobile\":\"1001\",\"is_subscribe\":0}]}";
        String s2 = "{\"student_userid\":\"s2\",\"name\":\"name of s2\",\"department\":[12,11],\"parents\":["
                + "{\"parent_userid\":\"Mum\",\"relation\":\"mother\",\"mobile\":\"1001\",\"is_subscribe\":0},"
                + "{\"parent_userid\":\"gran\",\"relation\":\"granny\",\"mobile\":\"1003\",\"is_subscribe\":1,\"external_userid\":\"wmGRAN\"}]}";
        String s3 = "{\"student_userid\":\"s3\",\"name\":\"name of s3\",\"department\":[21],\"parents\":["
                + "{\"parent_userid\":\"dad\",\"relation\":\"father\",\"mobile\":\"1002\",\"is_subscribe\":0},"
                + "{\"parent_userid\":\"gran\",\"relation\":\"granny\",\"mobile\":\"1003\",\"is_subscribe\":1,\"external_userid\":\"wmGRAN\"}]}";
        String s4 = "{\"student_userid\":\"s4\",\"name\":\"王 \\\"小\\\" \\\\ 明\\t\u2028\",\"department\":[11],\"parents\":[]}";
        String ok = "{\"errcode\":0,\"errmsg\":\"ok\",\"students\":[";
        try (SchoolContacts server = serverOverThisStore()) {
            String base = server.baseUrl();
            String token = readToken(base);
            String list = base + "/cgi-bin/school/user/list?access_token=" + token + "&department_id=";
            assertThat(httpGet(list + "11&fetch_child=0")).isEqualTo(ok + s1 + "," + s2 + "," + s4 + "]}");
            assertThat(httpGet(list + "10&fetch_child=1")).isEqualTo(ok + s1 + "," + s2 + "," + s4 + "]}");
            assertThat(httpGet(list + "1&fetch_child=1")).isEqualTo(ok + s1 + "," + s2 + "," + s3 + "," + s4 + "]}");
            assertThat(httpGet(list + "10&fetch_child=0")).isEqualTo(ok + "]}");
        }
    }

    /** A server over this test's store; its seed names this test's corp, which exists, so it adds nothing. */
    private SchoolContacts serverOverThisStore() throws Exception {
        String seed = "{'corps':[{'corpid':'" + corpId + "','name':'n','apps':[{'agentid':1000001,'name':'e','kind':'self_built',"
                + "'school_contacts':'edit','secret':'" + corpId + "-edit'}]}]}";
        return SchoolContacts.start(ServerConfig.embeddedOnFreePort(tempDir()).withStore(storeFor(dialect(), tempDir())).withSeed(SchoolData.json(seed)));
    }

    /** A token of the corp's read app, through gettoken. */
    private String readToken(String base) throws Exception {
        return SchoolData.json(httpGet(base + "/cgi-bin/gettoken?corpid=" + corpId + "&corpsecret=" + corpId + "-read")).path("access_token").asText();
    }

    /**
     * The exact bytes of school/user/get over HTTP, on this store: a student with two classes in their
     * order and parents by creation (external_userid only when subscribed, names that need escaping),
     * a parent with its children in their given order and no names, a student without parents, and the
     * refusals' errcode and message; list_parent's parents with their children named. Pinned before
     * user/get was made one statement and both were written without a tree of nodes (issue 15).
     */
    @Test
    void getAndListParentOverHttpAnswerTheSameBytesOnEveryStore() throws Exception {
        db.write(corpId, tx -> tx.update("UPDATE users SET is_subscribe = 1, external_userid = 'wmGRAN' WHERE corp_id = ? AND user_key = 'gran'", corpId));
        db.write(corpId, tx -> SchoolData.student(tx, "s4", "王 \"小\" \\ 明\t\u2028", 11));
        try (SchoolContacts server = serverOverThisStore()) {
            String base = server.baseUrl();
            String token = readToken(base);
            String get = base + "/cgi-bin/school/user/get?access_token=" + token + "&userid=";
            String ok = "{\"errcode\":0,\"errmsg\":\"ok\",";
            assertThat(httpGet(get + "S2")).isEqualTo(ok + "\"user_type\":1,\"student\":{\"student_userid\":\"s2\",\"name\":\"name of s2\","
                    + "\"department\":[12,11],\"parents\":["
                    + "{\"parent_userid\":\"Mum\",\"relation\":\"mother\",\"mobile\":\"1001\",\"is_subscribe\":0},"
                    + "{\"parent_userid\":\"gran\",\"relation\":\"granny\",\"mobile\":\"1003\",\"is_subscribe\":1,\"external_userid\":\"wmGRAN\"}]}}");
            assertThat(httpGet(get + "s4")).isEqualTo(ok + "\"user_type\":1,\"student\":{\"student_userid\":\"s4\","
                    + "\"name\":\"王 \\\"小\\\" \\\\ 明\\t\u2028\",\"department\":[11],\"parents\":[]}}");
            assertThat(httpGet(get + "GRAN")).isEqualTo(ok + "\"user_type\":2,\"parent\":{\"parent_userid\":\"gran\",\"mobile\":\"1003\","
                    + "\"is_subscribe\":1,\"external_userid\":\"wmGRAN\",\"children\":["
                    + "{\"student_userid\":\"s3\",\"relation\":\"granny\"},{\"student_userid\":\"s2\",\"relation\":\"granny\"}]}}");
            assertThat(httpGet(get + "dad")).isEqualTo(ok + "\"user_type\":2,\"parent\":{\"parent_userid\":\"dad\",\"mobile\":\"1002\","
                    + "\"is_subscribe\":0,\"children\":[{\"student_userid\":\"s3\",\"relation\":\"father\"}]}}");
            assertThat(httpGet(base + "/cgi-bin/school/user/list_parent?access_token=" + token + "&department_id=12")).isEqualTo(ok
                    + "\"parents\":[{\"parent_userid\":\"Mum\",\"mobile\":\"1001\",\"is_subscribe\":0,\"children\":["
                    + "{\"student_userid\":\"s2\",\"relation\":\"mother\",\"name\":\"name of s2\"},"
                    + "{\"student_userid\":\"S1\",\"relation\":\"mother\",\"name\":\"name of S1\"}]},"
                    + "{\"parent_userid\":\"gran\",\"mobile\":\"1003\",\"is_subscribe\":1,\"external_userid\":\"wmGRAN\",\"children\":["
                    + "{\"student_userid\":\"s3\",\"relation\":\"granny\",\"name\":\"name of s3\"},"
                    + "{\"student_userid\":\"s2\",\"relation\":\"granny\",\"name\":\"name of s2\"}]}]}");
            assertThat(httpGet(base + "/cgi-bin/school/user/list_parent?access_token=" + token + "&department_id=10")).isEqualTo(ok
                    + "\"parents\":[]}");
            assertThat(httpGet(get + "nobody")).startsWith("{\"errcode\":60111,\"errmsg\":\"userid not found: nobody, hint: [");
            assertThat(httpGet(get)).startsWith("{\"errcode\":41009,");
            assertThat(httpGet(base + "/cgi-bin/school/user/get?access_token=" + token + "x&userid=s2")).startsWith("{\"errcode\":40014,");
        }
    }

    /**
     * user/get reads the user in its token check's statement (issue 15); on this store the token is
     * still judged first and alone decides the school: another corp's token finds no such user (60111),
     * and a revoked token (40014), the clock moved past its life (42001) and its app disabled (50003)
     * are refused at the very next call, while a rename through the API shows at once.
     */
    @Test
    void getOverHttpJudgesTheTokenFirstAndReadsOnlyItsSchool() throws Exception {
        String other = newCorp();
        // a seed naming this test's corp, which exists, so it adds nothing (and no demo school)
        String seed = "{'corps':[{'corpid':'" + corpId + "','name':'n','apps':[{'agentid':1000001,'name':'e','kind':'self_built',"
                + "'school_contacts':'edit','secret':'" + corpId + "-edit'}]}]}";
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(tempDir())
                .withStore(storeFor(dialect(), tempDir())).withSeed(SchoolData.json(seed)))) {
            String base = server.baseUrl();
            String token = tokenOf(base, corpId, corpId + "-read");
            String get = "/cgi-bin/school/user/get?userid=s2&access_token=";
            assertThat(errcode(httpGet(base + get + token))).isZero();
            assertThat(errcode(httpGet(base + get + tokenOf(base, other, other + "-read")))).as("another school's token").isEqualTo(60111);

            String edit = tokenOf(base, corpId, corpId + "-edit");
            assertThat(errcode(send("POST", base + "/cgi-bin/school/user/batch_update_student?access_token=" + edit,
                    "{\"students\":[{\"student_userid\":\"s2\",\"name\":\"renamed\"}]}"))).isZero();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(httpGet(base + get + token)).path("student").path("name").asText()).isEqualTo("renamed");

            send("POST", base + "/__admin/tokens/revoke", "{\"corpid\":\"" + corpId + "\"}");
            assertThat(errcode(httpGet(base + get + token))).as("revoked").isEqualTo(40014);

            String renewed = tokenOf(base, corpId, corpId + "-read");
            assertThat(errcode(httpGet(base + get + renewed))).isZero();
            send("POST", base + "/__admin/clock", "{\"advance_seconds\":7200}");
            assertThat(errcode(httpGet(base + get + renewed))).as("expired").isEqualTo(42001);
            send("POST", base + "/__admin/clock", "{\"reset\":true}");
            assertThat(errcode(httpGet(base + get + renewed))).isZero();

            send("PATCH", base + "/__admin/corps/" + corpId + "/apps/1000002", "{\"enabled\":false}");
            assertThat(errcode(httpGet(base + get + renewed))).as("app disabled").isEqualTo(50003);
            send("PATCH", base + "/__admin/corps/" + corpId + "/apps/1000002", "{\"enabled\":true}");
            assertThat(errcode(httpGet(base + get + renewed))).isZero();
        }
    }

    private static String tokenOf(String base, String corp, String secret) throws Exception {
        String token = SchoolData.json(httpGet(base + "/cgi-bin/gettoken?corpid=" + corp + "&corpsecret=" + secret)).path("access_token").asText();
        assertThat(token).isNotEmpty();
        return token;
    }

    private static int errcode(String answer) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer).path("errcode").asInt(-1);
    }

    private static String send(String method, String url, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", method, url, r.body()).isEqualTo(200);
        return r.body();
    }

    private static String httpGet(String url) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
