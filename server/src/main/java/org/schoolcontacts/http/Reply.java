package org.schoolcontacts.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a handler answers: errcode/errmsg plus the endpoint's own fields. The renderer adds WeCom's
 * diagnostic tail to a non-zero errmsg; handlers never build an error body themselves.
 */
public record Reply(int errcode, String errmsg, ObjectNode fields) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static ObjectNode object() { return NODES.objectNode(); }

    public static ArrayNode array() { return NODES.arrayNode(); }

    /** A refusal: the catalogue entry's code and the exception's message. */
    public static Reply failure(org.schoolcontacts.wecom.WeComException e) {
        return new Reply(e.errcode(), e.errmsg(), object());
    }

    public static Reply ok() { return new Reply(0, "ok", object()); }

    public static Reply ok(ObjectNode fields) { return new Reply(0, "ok", fields); }

    public static Reply created() { return new Reply(0, "created", object()); }

    public static Reply created(ObjectNode fields) { return new Reply(0, "created", fields); }

    public static Reply updated() { return new Reply(0, "updated", object()); }

    public static Reply deleted() { return new Reply(0, "deleted", object()); }

    /** One failed item of a batch, as {@code result_list} shows it. */
    public record ItemFailure(String idField, String id, int errcode, String errmsg) {}

    /**
     * A batch answer (spec 6.5.4): {@code result_list} lists only the failed items in request order;
     * the top-level errcode/errmsg are those of the first failure, or 0/"ok".
     */
    public static Reply batch(List<ItemFailure> failures) {
        ObjectNode fields = object();
        ArrayNode list = fields.putArray("result_list");
        for (ItemFailure f : failures) {
            ObjectNode item = list.addObject();
            item.put(f.idField(), f.id());
            item.put("errcode", f.errcode());
            item.put("errmsg", f.errmsg());
        }
        if (failures.isEmpty()) return new Reply(0, "ok", fields);
        return new Reply(failures.get(0).errcode(), failures.get(0).errmsg(), fields);
    }
}
