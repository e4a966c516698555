package org.schoolcontacts.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads request fields the way WeCom tolerates them (spec 1.3): an explicit null is the same as an
 * absent field, integers may arrive as decimal strings, booleans as 1/0. A value of the wrong JSON
 * type refuses the whole request with 40058 naming the field.
 */
public final class JsonFields {
    private JsonFields() {}

    public static boolean present(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : obj.get(field);
        return v != null && !v.isNull();
    }

    public static Optional<String> string(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (v.isTextual()) return Optional.of(v.textValue());
        // Numbers are accepted where a string is expected: a numeric userid sent unquoted.
        if (v.isIntegralNumber()) return Optional.of(v.asText());
        throw WeComError.invalidParameter(field);
    }

    public static Optional<Long> integer(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        return Optional.of(toLong(obj.get(field), field));
    }

    public static Optional<Boolean> bool(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (v.isBoolean()) return Optional.of(v.booleanValue());
        if (v.isIntegralNumber() && (v.longValue() == 0 || v.longValue() == 1)) return Optional.of(v.longValue() == 1);
        if (v.isTextual() && (v.textValue().equals("0") || v.textValue().equals("1")
                || v.textValue().equals("true") || v.textValue().equals("false"))) {
            return Optional.of(v.textValue().equals("1") || v.textValue().equals("true"));
        }
        throw WeComError.invalidParameter(field);
    }

    /** An array of integers (numbers or decimal strings); a single number is not an array. */
    public static Optional<List<Long>> integers(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (!v.isArray()) throw WeComError.invalidParameter(field);
        List<Long> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isNull()) throw WeComError.invalidParameter(field);
            out.add(toLong(e, field));
        }
        return Optional.of(out);
    }

    public static Optional<List<String>> strings(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (!v.isArray()) throw WeComError.invalidParameter(field);
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isTextual()) out.add(e.textValue());
            else if (e.isIntegralNumber()) out.add(e.asText());
            else throw WeComError.invalidParameter(field);
        }
        return Optional.of(out);
    }

    /** An array whose elements must be JSON objects. */
    public static Optional<List<JsonNode>> objects(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (!v.isArray()) throw WeComError.invalidParameter(field);
        List<JsonNode> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isObject()) throw WeComError.invalidParameter(field);
            out.add(e);
        }
        return Optional.of(out);
    }

    /** Parses a query-string or JSON-string integer; anything else is 40058 naming the field. */
    public static long parseLong(String text, String field) {
        if (text == null) throw WeComError.invalidParameter(field);
        String t = text.trim();
        if (!t.matches("-?[0-9]{1,19}")) throw WeComError.invalidParameter(field);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw WeComError.invalidParameter(field);
        }
    }

    private static long toLong(JsonNode v, String field) {
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isTextual()) return parseLong(v.textValue(), field);
        throw WeComError.invalidParameter(field);
    }
}
