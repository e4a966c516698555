package org.schoolcontacts.reliability;

import java.util.List;
import java.util.Map;
import org.schoolcontacts.reliability.HostileRequests.Endpoint;
import org.schoolcontacts.reliability.HostileRequests.Surface;

/**
 * A valid request for each endpoint over the demo school (grade 10, class 11, student s0001, parent
 * p0001), the starting point the fuzzer mutates. A route the table gains without a template here is
 * still fuzzed, starting from an empty object.
 */
final class EndpointTemplates {
    private EndpointTemplates() {}

    private static final String S = "/cgi-bin/school/";

    /** {body, query} of a valid request. */
    private static final Map<String, String[]> WECOM = Map.ofEntries(
            Map.entry(S + "department/create", new String[] {
                    "{\"parentid\":10,\"name\":\"Class F\",\"type\":1,\"id\":500,\"order\":3,"
                            + "\"department_admins\":[{\"userid\":\"t1\",\"type\":1,\"subject\":\"Maths\"}]}", ""}),
            Map.entry(S + "department/update", new String[] {"{\"id\":11,\"name\":\"Class 1b\",\"order\":2,\"parentid\":10}", ""}),
            Map.entry(S + "department/delete", new String[] {null, "id=999"}),
            Map.entry(S + "department/list", new String[] {null, "id=1"}),
            Map.entry(S + "user/create_student", new String[] {
                    "{\"student_userid\":\"f123\",\"name\":\"Fuzz\",\"department\":[11],\"mobile\":\"13800000009\",\"to_invite\":false}", ""}),
            Map.entry(S + "user/update_student", new String[] {
                    "{\"student_userid\":\"s0001\",\"new_student_userid\":\"s0001x\",\"name\":\"Li Lei\",\"department\":[11]}", ""}),
            Map.entry(S + "user/delete_student", new String[] {null, "userid=nobody"}),
            Map.entry(S + "user/batch_create_student", new String[] {
                    "{\"students\":[{\"student_userid\":\"fb1\",\"name\":\"A\",\"department\":[11]},"
                            + "{\"student_userid\":\"fb2\",\"name\":\"B\",\"department\":[11],\"mobile\":\"138\"}]}", ""}),
            Map.entry(S + "user/batch_update_student", new String[] {
                    "{\"students\":[{\"student_userid\":\"s0001\",\"name\":\"Li Lei\",\"department\":[11]},"
                            + "{\"student_userid\":\"nobody\",\"name\":\"N\"}]}", ""}),
            Map.entry(S + "user/batch_delete_student", new String[] {"{\"useridlist\":[\"nobody1\",\"nobody2\"]}", ""}),
            Map.entry(S + "user/create_parent", new String[] {
                    "{\"parent_userid\":\"fp1\",\"mobile\":\"13700000001\",\"to_invite\":false,"
                            + "\"children\":[{\"student_userid\":\"s0001\",\"relation\":\"母亲\"}]}", ""}),
            Map.entry(S + "user/update_parent", new String[] {
                    "{\"parent_userid\":\"p0001\",\"mobile\":\"13900000001\",\"children\":[{\"student_userid\":\"s0001\",\"relation\":\"父亲\"}]}", ""}),
            Map.entry(S + "user/delete_parent", new String[] {null, "userid=nobody"}),
            Map.entry(S + "user/batch_create_parent", new String[] {
                    "{\"parents\":[{\"parent_userid\":\"fp2\",\"mobile\":\"13700000002\",\"children\":[{\"student_userid\":\"s0001\",\"relation\":\"爷爷\"}]}]}", ""}),
            Map.entry(S + "user/batch_update_parent", new String[] {
                    "{\"parents\":[{\"parent_userid\":\"p0001\",\"mobile\":\"13900000001\"},{\"parent_userid\":\"nobody\",\"mobile\":\"1\"}]}", ""}),
            Map.entry(S + "user/batch_delete_parent", new String[] {"{\"useridlist\":[\"nobody\"]}", ""}),
            Map.entry(S + "user/get", new String[] {null, "userid=s0001"}),
            Map.entry(S + "user/list", new String[] {null, "department_id=10&fetch_child=1"}),
            Map.entry(S + "user/list_parent", new String[] {null, "department_id=11"}),
            Map.entry("/cgi-bin/externalcontact/message/send", new String[] {
                    "{\"recv_scope\":2,\"to_parent_userid\":[\"p0001\"],\"to_student_userid\":[\"s0001\"],\"to_party\":[11],\"toall\":0,"
                            + "\"msgtype\":\"text\",\"agentid\":1000001,\"text\":{\"content\":\"Notice\"}}", ""}));

    /** {body, query} for a WeCom path, or null when there is no template (then {} and no query). */
    static String[] of(String path) { return WECOM.get(path); }

    /**
     * The valid request of {@link #of}, aimed at other ids: the student, parent, grade and class of the
     * demo school replaced by the given ones (a delete aims at them too).
     */
    static String[] aimedAt(String path, String student, String parent, int grade, int klass) {
        String[] t = WECOM.get(path);
        if (t == null) return null;
        String[] out = new String[2];
        for (int i = 0; i < 2; i++) {
            if (t[i] == null) continue;
            out[i] = t[i].replace("s0001", student).replace("p0001", parent).replace("nobody1", student).replace("nobody", path.contains("parent") ? parent : student)
                    .replace("[11]", "[" + klass + "]").replace("\"id\":11", "\"id\":" + klass).replace("department_id=11", "department_id=" + klass)
                    .replace("\"parentid\":10", "\"parentid\":" + grade).replace("department_id=10", "department_id=" + grade)
                    .replaceAll("\\bid=999\\b", "id=" + klass).replaceAll("\\bid=1\\b", "id=" + grade);
        }
        return out;
    }

    /** The /__admin surface (reset is the fuzzer's own tool and left out). */
    static List<Endpoint> admin() {
        return List.of(
                read("/__admin/health", ""),
                read("/__admin/requests", "limit=5&errcode=0&path=/cgi-bin/*"),
                admin("/__admin/clock", "{\"advance_seconds\":0}", null),
                admin("/__admin/faults", "{\"path\":\"/cgi-bin/no_such\",\"errcode\":45009,\"times\":1}", null),
                admin("/__admin/faults/1", null, ""),
                admin("/__admin/rate-limits", "{\"enabled\":false,\"corp_per_minute\":100}", null),
                admin("/__admin/tokens/revoke", "{\"corpid\":\"wwnobody\"}", null),
                admin("/__admin/parents/subscription", "{\"corpid\":\"wwschool00000001\",\"parent_userid\":\"p0001\",\"is_subscribe\":0}", null),
                admin("/__admin/classes/group-chat", "{\"corpid\":\"wwschool00000001\",\"id\":11,\"open_group_chat\":0}", null),
                admin("/__admin/rename-limit", "{\"corpid\":\"wwschool00000001\",\"rename_limit\":1}", null));
    }

    private static Endpoint admin(String path, String body, String query) {
        return new Endpoint(path, body != null, body, query, Surface.ADMIN, false);
    }

    private static Endpoint read(String path, String query) {
        return new Endpoint(path, false, null, query, Surface.ADMIN, true);
    }
}
