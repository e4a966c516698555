package org.schoolcontacts.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads request fields the way WeCom tolerates them (spec 1.3): an explicit null is the same as an
 * absent field, integers may arrive as decimal strings, booleans as 1/0. A value of the wrong JSON
 * type is read as absent too, and noted: WeCom parses such a body best-effort and adds "Warning: wrong
 * json format." to its errmsg (D-90313). The transport opens a {@link Mistyped} scope around each call
 * to learn whether that happened; the seed loader opens one to refuse a mistyped seed item.
 */
public final class JsonFields {
    private JsonFields() {}

    private static final ThreadLocal<Mistyped> SCOPE = new ThreadLocal<>();

    /**
     * The fields read with the wrong JSON type on this thread since {@link #open()}. Scopes nest: closing
     * one restores the one it replaced. Reading outside any scope drops mistyped fields silently.
     */
    public static final class Mistyped implements AutoCloseable {
        private final Mistyped outer;
        private final List<String> fields = new ArrayList<>();

        private Mistyped(Mistyped outer) { this.outer = outer; }

        public static Mistyped open() {
            Mistyped m = new Mistyped(SCOPE.get());
            SCOPE.set(m);
            return m;
        }

        /** Whether any field was read as absent because of its type. */
        public boolean any() { return !fields.isEmpty(); }

        /** The mistyped fields' names, in the order they were read. */
        public List<String> fields() { return List.copyOf(fields); }

        @Override
        public void close() {
            if (outer == null) SCOPE.remove();
            else SCOPE.set(outer);
        }
    }

    private static <T> Optional<T> mistyped(String field) {
        Mistyped m = SCOPE.get();
        if (m != null) m.fields.add(field);
        return Optional.empty();
    }

    public static boolean present(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : obj.get(field);
        return v != null && !v.isNull();
    }

    /** A JSON string; anything else (a number included, spec 1.3) is a wrong type. */
    public static Optional<String> string(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (v.isTextual()) return Optional.of(v.textValue());
        return mistyped(field);
    }

    /** An integral number or a decimal string; a fraction or any other string is a wrong type. */
    public static Optional<Long> integer(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        Optional<Long> v = toLong(obj.get(field));
        return v.isPresent() ? v : mistyped(field);
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
        return mistyped(field);
    }

    /** An array of integers (numbers or decimal strings); one bad element makes the whole array absent. */
    public static Optional<List<Long>> integers(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (!v.isArray()) return mistyped(field);
        List<Long> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            Optional<Long> n = toLong(e);
            if (n.isEmpty()) return mistyped(field);
            out.add(n.get());
        }
        return Optional.of(out);
    }

    /** An array of JSON strings; one element of another type (a null included) makes it absent. */
    public static Optional<List<String>> strings(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (!v.isArray()) return mistyped(field);
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) return mistyped(field);
            out.add(e.textValue());
        }
        return Optional.of(out);
    }

    /**
     * An array of ids given as JSON strings or integral numbers (message/send's {@code to_party}: "department
     * ids as numbers or strings"); any other element makes the whole array absent.
     */
    public static Optional<List<String>> stringsOrIntegers(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (!v.isArray()) return mistyped(field);
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isTextual()) out.add(e.textValue());
            else if (e.isIntegralNumber()) out.add(e.asText());
            else return mistyped(field);
        }
        return Optional.of(out);
    }

    /** An array whose elements must be JSON objects; one that is not makes the whole array absent. */
    public static Optional<List<JsonNode>> objects(JsonNode obj, String field) {
        if (!present(obj, field)) return Optional.empty();
        JsonNode v = obj.get(field);
        if (!v.isArray()) return mistyped(field);
        List<JsonNode> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isObject()) return mistyped(field);
            out.add(e);
        }
        return Optional.of(out);
    }

    /**
     * Parses a query-string integer; anything else is 40058 naming the field. Query strings are not
     * JSON, so the wrong-type rule does not apply to them (spec 1.3).
     */
    public static long parseLong(String text, String field) {
        return decimal(text).orElseThrow(() -> WeComError.invalidParameter(field));
    }

    private static Optional<Long> decimal(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        if (!t.matches("-?[0-9]{1,19}")) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> toLong(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) return Optional.of(v.longValue());
        if (v.isTextual()) return decimal(v.textValue());
        return Optional.empty();
    }
}
