package org.schoolcontacts.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The seed's shape, read from {@code seed.schema.json} (published as {@code docs/seed.schema.json},
 * packed into the jar from there): the one place that says which keys a seed may have. Every seed is
 * checked against it before anything else, so an unknown key anywhere is refused with its JSON path;
 * the rules behind each field are checked afterwards by {@link Seeder} and the create endpoints.
 *
 * <p>Understands the part of JSON Schema (2020-12) the file uses: {@code type}, {@code properties},
 * {@code additionalProperties: false}, {@code required}, {@code items}, {@code minItems},
 * {@code enum} and {@code $ref} to {@code #/$defs/…}.
 */
public final class SeedSchema {
    public static final String RESOURCE = "seed.schema.json";
    private static final SeedSchema INSTANCE = new SeedSchema(load());

    private final JsonNode root;

    SeedSchema(JsonNode root) { this.root = root; }

    public static SeedSchema get() { return INSTANCE; }

    /** The schema document itself. */
    public JsonNode document() { return root; }

    private static JsonNode load() {
        try (InputStream in = SeedSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the classpath");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses the first place the seed departs from the schema, as {@code seed $.corps[0].studnets: …}. */
    public void validate(JsonNode seed) {
        List<String> problems = new ArrayList<>();
        check(seed, root, "$", problems);
        if (!problems.isEmpty()) throw new SeedException("seed " + problems.get(0));
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) throw new IllegalStateException("unsupported $ref " + ref);
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) target = target.path(part);
            if (target.isMissingNode()) throw new IllegalStateException("dangling $ref " + ref);
            schema = target;
        }
        return schema;
    }

    private void check(JsonNode value, JsonNode schemaRef, String path, List<String> problems) {
        if (!problems.isEmpty()) return;
        JsonNode schema = resolve(schemaRef);
        String type = schema.path("type").asText(null);
        if (type != null && !hasType(value, type)) {
            problems.add(path + ": must be " + article(type) + ", got " + describe(value));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) found |= e.equals(value);
            if (!found) {
                List<String> allowed = new ArrayList<>();
                schema.get("enum").forEach(e -> allowed.add(e.asText()));
                problems.add(path + ": must be one of " + String.join(", ", allowed) + ", got " + value);
                return;
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (JsonNode req : schema.path("required")) {
                if (!value.has(req.asText())) {
                    problems.add(path + ": \"" + req.asText() + "\" is required");
                    return;
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = path + "." + f.getKey();
                if (props.has(f.getKey())) {
                    if (!f.getValue().isNull()) check(f.getValue(), props.get(f.getKey()), at, problems);
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    List<String> known = new ArrayList<>();
                    props.fieldNames().forEachRemaining(known::add);
                    problems.add(at + ": unknown key \"" + f.getKey() + "\" (known here: " + String.join(", ", known) + ")");
                }
                if (!problems.isEmpty()) return;
            }
        } else if (value.isArray()) {
            int min = schema.path("minItems").asInt(0);
            if (value.size() < min) {
                problems.add(path + ": must have at least " + min + " item" + (min == 1 ? "" : "s") + ", got none");
                return;
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new IllegalStateException("unsupported type " + type);
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String describe(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "the string " + v;
        if (v.isNumber()) return "the number " + v;
        if (v.isBoolean()) return v.asText();
        return v.toString();
    }
}
