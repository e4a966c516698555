package org.schoolcontacts.parents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.wecom.JsonFields;
import org.schoolcontacts.wecom.Limits;
import org.schoolcontacts.wecom.WeComError;

/**
 * Turns parent request bodies into values, applying the request-level rules of spec section 6: an
 * over-long or empty length-bounded string, more than 10 children or a missing required batch array
 * refuses the whole request (40058), more than 100 items too (65011), before anything is touched. A
 * field of the wrong JSON type is read as absent (spec 1.3). Everything else (missing
 * ids, id grammar, existence, uniqueness, mobile format) is left to the per-item rules in
 * {@link Parents}, so one bad item of a batch fails alone.
 */
final class ParentRequests {
    private ParentRequests() {}

    /** One child entry: both fields are present and within their lengths once parsed. */
    record Child(String studentUserid, String relation) {}

    /**
     * A create_parent body or batch_create_parent item. {@code parentUserid}, {@code mobile} and
     * {@code children} are null when absent (checked per item: 41009 / 40058).
     */
    record NewParent(String parentUserid, String mobile, List<Child> children) {}

    /** An update_parent body or batch_update_parent item; null fields and empty children mean "unchanged". */
    record ParentChange(String parentUserid, String newParentUserid, String mobile, List<Child> children) {}

    static NewParent newParent(JsonNode item) {
        String userid = userid(item, "parent_userid");
        String mobile = JsonFields.string(item, "mobile").orElse(null);
        // to_invite only asks WeCom to send an invitation; the emulator sends none (spec 5.4) but reads it,
        // so that a value of the wrong type adds the warning.
        JsonFields.bool(item, "to_invite");
        List<Child> children = children(item).orElse(null);
        return new NewParent(userid, mobile, children);
    }

    static ParentChange parentChange(JsonNode item) {
        String userid = userid(item, "parent_userid");
        String newUserid = userid(item, "new_parent_userid");
        String mobile = JsonFields.string(item, "mobile").orElse(null);
        List<Child> children = children(item).orElse(List.of());
        return new ParentChange(userid, newUserid, mobile, children);
    }

    /** batch_create_parent's {@code parents}: required (D-92078 是), so absent, null or [] is 40058. */
    static List<NewParent> newParents(JsonNode body) {
        List<JsonNode> items = items(body, "parents");
        if (items.isEmpty()) throw WeComError.invalidParameter("parents");
        List<NewParent> out = new ArrayList<>();
        for (JsonNode item : items) out.add(newParent(item));
        return out;
    }

    static List<ParentChange> parentChanges(JsonNode body) {
        List<ParentChange> out = new ArrayList<>();
        for (JsonNode item : items(body, "parents")) out.add(parentChange(item));
        return out;
    }

    /** batch_delete_parent's {@code useridlist}: required (D-92080 是): absent, null or [] is 40058, over 100 is 65011. */
    static List<String> useridList(JsonNode body) {
        List<String> ids = JsonFields.strings(body, "useridlist").orElse(List.of());
        if (ids.isEmpty()) throw WeComError.invalidParameter("useridlist");
        if (ids.size() > Limits.MAX_BATCH_ITEMS) throw WeComError.TOO_MANY_PARENTS.exception();
        for (String id : ids) {
            if (!Limits.userIdLengthOk(id)) throw WeComError.invalidParameter("useridlist");
        }
        return ids;
    }

    /**
     * A userid from a query string (get): absent or empty is 41009 (spec 6.13), longer than 64 bytes
     * 40058, a broken grammar 40003 {@code invalid userid: <id>}.
     */
    static String queryUserid(String value) {
        return queryUserid(value, WeComError.INVALID_USERID);
    }

    /** As {@link #queryUserid(String)} with the 40003 phrase of the id's kind (delete_parent: a parent's id). */
    static String queryUserid(String value, WeComError badGrammar) {
        if (value == null || value.isEmpty()) throw WeComError.USERID_MISSING.exception();
        if (!Limits.userIdLengthOk(value)) throw WeComError.invalidParameter("userid");
        if (!Limits.userIdCharactersOk(value)) throw badGrammar.with(value);
        return value;
    }

    private static List<JsonNode> items(JsonNode body, String field) {
        // Absent, null or [] is empty here: batch_update_parent's "nothing to do" (spec 12 Q10).
        List<JsonNode> items = JsonFields.objects(body, field).orElse(List.of());
        // D-90313 65011: 每次最多批量处理100个家长.
        if (items.size() > Limits.MAX_BATCH_ITEMS) throw WeComError.TOO_MANY_PARENTS.exception();
        return items;
    }

    /** A userid field: absent stays null (the item then fails 41009); "" or > 64 bytes refuses the request. */
    private static String userid(JsonNode item, String field) {
        Optional<String> id = JsonFields.string(item, field);
        if (id.isPresent() && !Limits.userIdLengthOk(id.get())) throw WeComError.invalidParameter(field);
        return id.orElse(null);
    }

    /**
     * The children array. A child lacking its student_userid or relation is a malformed entry, refused
     * with the whole request like a wrong type; so is a relation of 0 or more than 32 bytes (spec 5.4).
     * The count is checked on the array as sent, before duplicates collapse: it is the declared limit.
     */
    private static Optional<List<Child>> children(JsonNode item) {
        Optional<List<JsonNode>> nodes = JsonFields.objects(item, "children");
        if (nodes.isEmpty()) return Optional.empty();
        if (nodes.get().size() > Limits.MAX_CHILDREN_PER_PARENT) throw WeComError.invalidParameter("children");
        List<Child> out = new ArrayList<>(nodes.get().size());
        for (JsonNode child : nodes.get()) {
            String studentUserid = JsonFields.string(child, "student_userid")
                    .orElseThrow(() -> WeComError.invalidParameter("student_userid"));
            if (!Limits.userIdLengthOk(studentUserid)) throw WeComError.invalidParameter("student_userid");
            String relation = JsonFields.string(child, "relation").orElseThrow(() -> WeComError.invalidParameter("relation"));
            if (!Limits.relationOk(relation)) throw WeComError.invalidParameter("relation");
            out.add(new Child(studentUserid, relation));
        }
        return Optional.of(out);
    }
}
