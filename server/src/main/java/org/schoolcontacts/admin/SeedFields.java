package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading one field of a seed item, with the item named in the error: shared by the corps' seed
 * ({@link Seeder}) and the sections features add to it (providers), so every seed error reads alike.
 */
public final class SeedFields {
    private SeedFields() {}

    /** A non-empty string, or a {@link SeedException} naming {@code where} and the field. */
    public static String requiredText(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isEmpty()) {
            throw new SeedException(where + ": \"" + field + "\" is required and must be a non-empty string");
        }
        return v.asText();
    }

    /** A required string matching {@code pattern}; {@code rule} says in words what it must be. */
    public static String text(JsonNode n, String field, String where, String pattern, String rule) {
        String v = requiredText(n, field, where);
        if (!v.matches(pattern)) throw new SeedException(where + ": \"" + field + "\" must be " + rule);
        return v;
    }

    /** A boolean, {@code dflt} when absent or null. */
    public static boolean bool(JsonNode n, String field, boolean dflt, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw new SeedException(where + ": \"" + field + "\" must be true or false");
        return v.asBoolean();
    }
}
