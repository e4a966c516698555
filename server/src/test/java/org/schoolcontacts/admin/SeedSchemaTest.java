package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The seed is validated as a document, against {@code docs/seed.schema.json}: the published schema and
 * what the server accepts are one file, and this suite keeps the two directions honest.
 */
class SeedSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCS_SCHEMA = Path.of("..").toAbsolutePath().normalize().resolve("docs/seed.schema.json");

    private static JsonNode everyField() throws Exception {
        try (InputStream in = SeedSchemaTest.class.getClassLoader().getResourceAsStream("seeds/every-field.json")) {
            return JSON.readTree(in);
        }
    }

    private static String refusal(JsonNode seed) {
        try {
            SeedSchema.get().validate(seed);
        } catch (SeedException e) {
            return e.getMessage();
        }
        return null;
    }

    @Test
    void thePublishedSchemaIsTheFileTheServerValidatesWith() throws Exception {
        assertThat(SeedSchema.get().document()).isEqualTo(JSON.readTree(Files.readString(DOCS_SCHEMA)));
    }

    @Test
    void theDemoSeedAndASeedUsingEveryDeclaredFieldAreAccepted() throws Exception {
        assertThat(refusal(Seeder.demo())).isNull();
        assertThat(refusal(everyField())).isNull();
    }

    @Test
    void everyKeyTheSchemaDeclaresIsUsedByTheEveryFieldSeed() throws Exception {
        TreeSet<String> declared = new TreeSet<>();
        collectDeclared(SeedSchema.get().document(), "$", declared, 0);
        TreeSet<String> used = new TreeSet<>();
        collectUsed(everyField(), "$", used);
        assertThat(used).containsAll(declared);
    }

    @Test
    void anUnknownKeyIsRefusedAtEveryPlaceOfTheSeedWithItsJsonPath() throws Exception {
        List<String> paths = new ArrayList<>();
        objectPaths(everyField(), "$", paths);
        assertThat(paths).hasSizeGreaterThan(15);
        for (String path : paths) {
            JsonNode seed = everyField();
            ((ObjectNode) at(seed, path)).put("zz_unknown", 1);
            assertThat(refusal(seed)).as(path).startsWith("seed " + path + ".zz_unknown: unknown key \"zz_unknown\"");
        }
    }

    @Test
    void aMisspelledSectionIsRefusedInsteadOfStartingAnEmptySchool() throws Exception {
        JsonNode seed = JSON.readTree("{\"corps\":[{\"corpid\":\"wwx\",\"apps\":[],\"studnets\":[]}]}");
        assertThat(refusal(seed)).startsWith("seed $.corps[0].studnets: unknown key \"studnets\"").contains("students");
    }

    @Test
    void aSeedWithoutCorpsIsRefused() throws Exception {
        assertThat(refusal(JSON.readTree("{\"corps\":[]}"))).isEqualTo("seed $.corps: must have at least 1 item, got none");
        assertThat(refusal(JSON.readTree("{}"))).isEqualTo("seed $: \"corps\" is required");
    }

    @Test
    void aWrongTypeOrValueIsNamedByPath() throws Exception {
        assertThat(refusal(JSON.readTree("{\"corps\":[{\"corpid\":\"wwx\",\"apps\":[{\"kind\":\"robot\",\"secret\":\"s\"}]}]}")))
                .isEqualTo("seed $.corps[0].apps[0].kind: must be one of self_built, agency, third_party, system, got \"robot\"");
        assertThat(refusal(JSON.readTree("{\"corps\":[{\"corpid\":\"wwx\",\"apps\":{}}]}")))
                .isEqualTo("seed $.corps[0].apps: must be an array, got an object");
    }

    @Test
    void brokenJsonIsOneClearLineWithoutTheParsersInternals() {
        assertThatThrownBy(() -> Seeder.readText("{\"corps\": [\n  {\"corpid\": \"wwx\",}\n]}"))
                .isInstanceOf(SeedException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("not valid JSON at line 2, column")
                        .doesNotContain("Source").doesNotContain("code 125").doesNotContain("\n").doesNotContain("Feature"));
        assertThatThrownBy(() -> Seeder.readText("{\"corps\": ["))
                .satisfies(e -> assertThat(e.getMessage()).startsWith("not valid JSON at line 1").doesNotContain("Source"));
        assertThatThrownBy(() -> Seeder.readText(""))
                .satisfies(e -> assertThat(e.getMessage()).contains("empty"));
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]").matcher(path.substring(1));
        while (m.find()) n = m.group(1) != null ? n.get(m.group(1)) : n.get(Integer.parseInt(m.group(2)));
        return n;
    }

    private static void objectPaths(JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            out.add(path);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                objectPaths(f.getValue(), path + "." + f.getKey(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) objectPaths(n.get(i), path + "[" + i + "]", out);
        }
    }

    /** Declared keys as paths with [] for any array item, e.g. $.corps[].apps[].callback.url. */
    private static void collectDeclared(JsonNode schema, String path, TreeSet<String> out, int depth) {
        if (depth > 12) return;
        JsonNode s = resolve(schema);
        s.path("properties").fields().forEachRemaining(f -> {
            if (f.getKey().equals("$schema")) return;
            out.add(path + "." + f.getKey());
            collectDeclared(f.getValue(), path + "." + f.getKey(), out, depth + 1);
        });
        if (s.has("items")) collectDeclared(s.get("items"), path + "[]", out, depth + 1);
    }

    private static JsonNode resolve(JsonNode s) {
        while (s.has("$ref")) {
            JsonNode t = SeedSchema.get().document();
            for (String part : s.get("$ref").asText().substring(2).split("/")) t = t.path(part);
            s = t;
        }
        return s;
    }

    private static void collectUsed(JsonNode n, String path, TreeSet<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(f -> {
                out.add(path + "." + f.getKey());
                collectUsed(f.getValue(), path + "." + f.getKey(), out);
            });
        } else if (n instanceof ArrayNode a) {
            for (JsonNode e : a) collectUsed(e, path + "[]", out);
        }
    }
}
