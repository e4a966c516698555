package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import org.schoolcontacts.http.AdminInputException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON body of an admin request, read field by field. Every admin endpoint reads its body through
 * this class, so each refuses the same way: an unknown field, a wrong type or a value out of range is
 * an {@link AdminInputException} naming the field, answered {@code 400 {"error", "field"}}.
 */
public final class AdminBody {
    private final JsonNode body;

    private AdminBody(JsonNode body) { this.body = body; }

    /** The body, which must be a JSON object (an empty body is {}) holding only {@code allowed} fields. */
    public static AdminBody of(JsonNode body, String... allowed) {
        if (body == null || body.isNull() || body.isMissingNode()) body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (!body.isObject()) throw new AdminInputException("", "the body must be a JSON object");
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new AdminInputException(name, "unknown field \"" + name + "\""
                        + (allowed.length == 0 ? " (this endpoint takes no body)" : " (known: " + String.join(", ", allowed) + ")"));
            }
        }
        return new AdminBody(body);
    }

    public boolean has(String field) { return body.hasNonNull(field); }

    public JsonNode raw() { return body; }

    /** A required non-empty string. */
    public String text(String field) {
        String v = optionalText(field);
        if (v == null) throw new AdminInputException(field, "\"" + field + "\" is required (a non-empty string)");
        return v;
    }

    /** A non-empty string, or null when absent. */
    public String optionalText(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().isEmpty()) throw new AdminInputException(field, "\"" + field + "\" must be a non-empty string, got " + v);
        return v.asText();
    }

    /** An integer from min to max, or null when absent. */
    public Long optionalInteger(String field, long min, long max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new AdminInputException(field, "\"" + field + "\" must be an integer from " + min + " to " + max + ", got " + v);
        }
        return v.asLong();
    }

    /** A required integer from min to max. */
    public long integer(String field, long min, long max) {
        Long v = optionalInteger(field, min, max);
        if (v == null) throw new AdminInputException(field, "\"" + field + "\" is required (an integer from " + min + " to " + max + ")");
        return v;
    }

    /** A number in (0, 1], or null when absent. */
    public Double optionalFraction(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber() || !(v.asDouble() > 0) || v.asDouble() > 1) {
            throw new AdminInputException(field, "\"" + field + "\" must be a number above 0 and at most 1, got " + v);
        }
        return v.asDouble();
    }

    /** true or false, or null when absent. */
    public Boolean optionalBool(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw new AdminInputException(field, "\"" + field + "\" must be true or false, got " + v);
        return v.asBoolean();
    }

    /** A required true or false. */
    public boolean bool(String field) {
        Boolean v = optionalBool(field);
        if (v == null) throw new AdminInputException(field, "\"" + field + "\" is required (true or false)");
        return v;
    }

    /** 0 or 1 (true and false also accepted). */
    public int flag(String field) {
        JsonNode v = body.get(field);
        if (v != null && v.isBoolean()) return v.asBoolean() ? 1 : 0;
        if (v == null || v.isNull() || !v.isIntegralNumber() || (v.asInt() != 0 && v.asInt() != 1) || !v.canConvertToInt()) {
            throw new AdminInputException(field, "\"" + field + "\" must be 0 or 1" + (v == null ? "" : ", got " + v));
        }
        return v.asInt();
    }

    /** A list of strings, each one of {@code allowed}; empty when absent. */
    public List<String> optionalChoices(String field, List<String> allowed) {
        JsonNode v = body.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) throw new AdminInputException(field, "\"" + field + "\" must be an array of " + String.join(", ", allowed));
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || !allowed.contains(e.asText())) {
                throw new AdminInputException(field + "[" + i + "]", "\"" + field + "[" + i + "]\" must be one of "
                        + String.join(", ", allowed) + ", got " + e);
            }
            out.add(e.asText());
        }
        return out;
    }
}
