package org.schoolcontacts.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * A message/send body after spec 4.2 steps 2 and 3: agentid, then msgtype and its object, then the
 * other fields (recv_scope, the three lists and their sizes, toall, the duplicate-check settings).
 * Parties stay strings as sent: an id that is no number is an invalid party, not a refused request.
 */
record NoticeRequest(long agentid, String msgtype, ObjectNode message, int recvScope, List<String> parents,
                     List<String> students, List<String> parties, boolean toall, boolean enableIdTrans,
                     boolean duplicateCheck, int duplicateInterval, String requestHash) {

    /** Step 2's first part: the agentid as a number; absent 41011, not an integer 40056. */
    static long agentid(JsonNode body) {
        JsonNode v = body.get("agentid");
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) throw WeComError.AGENTID_MISSING.exception();
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isTextual() && v.textValue().trim().matches("[0-9]{1,18}")) return Long.parseLong(v.textValue().trim());
        throw WeComError.INVALID_AGENTID.exception();
    }

    /** Step 3 (the agentid already checked). */
    static NoticeRequest parse(long agentid, JsonNode body) {
        String msgtype = body.hasNonNull("msgtype") && body.get("msgtype").isTextual() ? body.get("msgtype").textValue() : null;
        ObjectNode message = MessageContent.check(msgtype, body);
        int recvScope = (int) JsonFields.integer(body, "recv_scope").orElse(0L).longValue();
        if (recvScope < 0 || recvScope > 2) throw WeComError.invalidParameter("recv_scope");
        List<String> parents = ids(body, "to_parent_userid", Limits.NOTICE_MAX_PARENTS);
        List<String> students = ids(body, "to_student_userid", Limits.NOTICE_MAX_STUDENTS);
        List<String> parties = ids(body, "to_party", Limits.NOTICE_MAX_PARTIES);
        boolean toall = JsonFields.bool(body, "toall").orElse(false);
        boolean idTrans = JsonFields.bool(body, "enable_id_trans").orElse(false);
        boolean dupCheck = JsonFields.bool(body, "enable_duplicate_check").orElse(false);
        long interval = JsonFields.integer(body, "duplicate_check_interval").orElse((long) Limits.NOTICE_DUPLICATE_INTERVAL_DEFAULT);
        if (interval < 1 || interval > Limits.NOTICE_DUPLICATE_INTERVAL_MAX) throw WeComError.invalidParameter("duplicate_check_interval");
        // recv_scope 1 ignores to_parent_userid (D-91609): not checked, not echoed, not a recipient
        if (recvScope == 1) parents = List.of();
        return new NoticeRequest(agentid, msgtype, message, recvScope, parents, students, parties, toall, idTrans, dupCheck,
                (int) interval, hash(body));
    }

    boolean namesNoRecipient() {
        return parents.isEmpty() && students.isEmpty() && parties.isEmpty() && !toall;
    }

    /** The targets as the inbox shows them. */
    ObjectNode targetsJson() {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        parents.forEach(t.putArray("to_parent_userid")::add);
        students.forEach(t.putArray("to_student_userid")::add);
        parties.forEach(t.putArray("to_party")::add);
        t.put("toall", toall ? 1 : 0);
        return t;
    }

    private static List<String> ids(JsonNode body, String field, int max) {
        List<String> list = JsonFields.stringsOrIntegers(body, field).orElse(List.of());
        if (list.size() > max) throw WeComError.invalidParameter(field);
        return list;
    }

    /** SHA-256 of the body's canonical JSON: keys sorted at every level, null fields dropped (null = absent). */
    static String hash(JsonNode body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical(body).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) sorted.put(e.getKey(), canonical(e.getValue()));
            });
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            sorted.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            List<JsonNode> items = new ArrayList<>();
            n.forEach(e -> items.add(canonical(e)));
            a.addAll(items);
            return a;
        }
        return n;
    }
}
