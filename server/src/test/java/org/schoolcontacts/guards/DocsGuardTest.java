package org.schoolcontacts.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.Main;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.admin.SeedSchema;
import org.schoolcontacts.http.AdminRoute;
import picocli.CommandLine.Model.OptionSpec;
import org.schoolcontacts.RouteTable;
import org.schoolcontacts.Services;
import org.schoolcontacts.http.HttpApi;
import org.schoolcontacts.http.Route;
import org.schoolcontacts.wecom.WeComError;

/**
 * Keeps the documentation true to the code: every errcode (docs/errors.md), endpoint
 * (docs/endpoints.md), admin route (docs/*.md), seed field (docs/seed.md) and command-line option
 * (docs/command-line.md) is documented, and the docs link only to files in the repository.
 */
class DocsGuardTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    private static String doc(String name) throws IOException {
        return Files.readString(ROOT.resolve("docs").resolve(name));
    }

    private static List<Path> markdown() throws IOException {
        List<Path> all = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(all::add);
        }
        return all;
    }

    private static Set<Integer> readmeErrcodes() throws IOException {
        Set<Integer> codes = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `?(-?\\d+)`? \\| ").matcher(doc("errors.md"));
        while (m.find()) codes.add(Integer.parseInt(m.group(1)));
        return codes;
    }

    @Test
    void everyErrcodeInTheCatalogueIsInTheErrorsTableAndNoOther() throws IOException {
        Set<Integer> catalogue = Stream.of(WeComError.values()).map(WeComError::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(readmeErrcodes()).isEqualTo(catalogue);
    }

    @Test
    void everyPhraseOfTheCatalogueIsInItsCodesRowOfTheErrorsTable() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\| `?(-?\\d+)`? \\| ([^|]+) \\|").matcher(doc("errors.md"));
        java.util.Map<Integer, String> phrases = new java.util.HashMap<>();
        while (m.find()) phrases.put(Integer.parseInt(m.group(1)), m.group(2));
        List<String> missing = new ArrayList<>();
        for (WeComError e : WeComError.values()) {
            String row = phrases.getOrDefault(e.code(), "");
            boolean listed = Stream.of(row.split(" / ")).map(String::strip).anyMatch(e.phrase()::equals);
            if (!listed) missing.add(e.code() + " " + e.phrase());
        }
        assertThat(missing).as("catalogue phrases missing from docs/errors.md").isEmpty();
    }

    @Test
    void errcodesAreWrittenOnlyInTheCatalogue() throws IOException {
        // an errcode built by hand: a Reply or an "errcode" field with a literal, or a code compared by number
        Pattern literal = Pattern.compile("new Reply\\(\\s*-?[1-9]|put\\(\\s*\"errcode\"\\s*,\\s*-?[1-9]|errcode\\(\\)\\s*[=!]=\\s*-?[1-9]");
        List<String> offenders = new ArrayList<>();
        Path main = ROOT.resolve("server/src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.getFileName().toString().equals("WeComError.java")) continue;
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.strip().startsWith("*") || line.strip().startsWith("//")) continue;
                    if (literal.matcher(line).find()) offenders.add(main.relativize(f) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertThat(offenders).as("errcode literals outside WeComError").isEmpty();
    }

    @Test
    void theEndpointsTableEqualsTheRouteTable() throws IOException {
        Services none = new Services(null, null, null, null, null, null, null, null, null, null);
        Set<String> routes = new TreeSet<>();
        routes.add("GET " + HttpApi.GETTOKEN_PATH + " -");
        for (Route r : RouteTable.routes(none)) routes.add(r.method() + " " + r.path() + " " + (r.access() == null ? "-" : r.access()));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| (GET|POST) \\| `([^`]+)` \\| (READ|EDIT|PARENT_APP|ANY|-) \\|").matcher(doc("endpoints.md"));
        while (m.find()) documented.add(m.group(1) + " " + m.group(2).replaceAll("\\?.*", "") + " " + m.group(3));
        assertThat(documented).isEqualTo(routes);
    }

    @Test
    void theSqliteOnlyRunTheDocsOfferIsAProfileOfTheBuild() throws IOException {
        assertThat(readme()).contains("./mvnw verify -Psqlite-only");
        assertThat(doc("development.md")).contains("./mvnw verify -Psqlite-only");
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom).contains("<id>sqlite-only</id>").contains("<excludedGroups>external-db</excludedGroups>");
    }

    @Test
    void everyAdminRouteIsDocumented(@TempDir Path dir) throws IOException {
        Set<String> routes = new TreeSet<>();
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir))) {
            for (AdminRoute r : server.adminRoutes()) routes.add(r.method() + " " + r.path().replaceAll("\\{[^}]*}", "{}"));
        }
        Set<String> documented = new TreeSet<>();
        Pattern route = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/__admin[^` ?]*)");
        for (Path md : markdown()) {
            Matcher m = route.matcher(Files.readString(md));
            while (m.find()) documented.add(m.group(1) + " " + m.group(2).replaceAll("\\{[^}]*}", "{}"));
        }
        assertThat(routes).hasSizeGreaterThan(20);
        assertThat(documented).as("admin routes documented in README or docs/*.md").containsAll(routes);
    }

    @Test
    void everySeedFieldIsInTheSeedDocsTable() throws IOException {
        Set<String> fields = new TreeSet<>();
        collect(SeedSchema.get().document(), SeedSchema.get().document(), "$", fields);
        String seedDoc = doc("seed.md");
        List<String> missing = fields.stream().filter(f -> !seedDoc.contains("| `" + f + "` |")).toList();
        assertThat(fields).hasSizeGreaterThan(40);
        assertThat(missing).as("seed fields missing from docs/seed.md's table").isEmpty();
    }

    private static void collect(JsonNode root, JsonNode schema, String path, Set<String> out) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            JsonNode t = root;
            for (String part : s.get("$ref").asText().substring(2).split("/")) t = t.path(part);
            s = t;
        }
        JsonNode node = s;
        node.path("properties").fields().forEachRemaining(f -> {
            out.add(path + "." + f.getKey());
            JsonNode v = f.getValue();
            JsonNode r = v;
            while (r.has("$ref")) {
                JsonNode t = root;
                for (String part : r.get("$ref").asText().substring(2).split("/")) t = t.path(part);
                r = t;
            }
            if (r.has("items")) collect(root, r.get("items"), path + "." + f.getKey() + "[]", out);
            else if (r.has("properties")) collect(root, v, path + "." + f.getKey(), out);
        });
    }

    @Test
    void everyCommandLineOptionAndItsVariableIsInTheSettingsTable() throws IOException {
        String running = doc("command-line.md");
        List<String> missing = new ArrayList<>();
        for (OptionSpec o : Main.commandLine(java.util.Map.of(), System.out, System.err, false).getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            String row = "| `" + o.longestName();
            if (!running.contains(row) || !running.contains("`" + Main.envName(o.longestName()) + "`")) missing.add(o.longestName());
        }
        assertThat(missing).as("options missing from docs/command-line.md's settings table").isEmpty();
        for (Main.Exit e : Main.Exit.values()) assertThat(running).contains("| " + e.code + " |");
    }

    @Test
    void theDocsLinkOnlyToFilesInTheRepository() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        List<String> broken = new ArrayList<>();
        for (Path md : markdown()) {
            String text = Files.readString(md);
            if (text.contains("../shared") || text.contains("shared/spec")) broken.add(ROOT.relativize(md) + ": points at ../shared");
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) continue;
                if (!Files.exists(md.getParent().resolve(target).normalize())) broken.add(ROOT.relativize(md) + ": " + target);
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theDocsDatabaseExamplesAreNotTheTestSuitesDatabase() throws IOException {
        // `test` is the database the suite uses and fills; a server started as the docs say must not share it
        Pattern url = Pattern.compile("--db-url\\s+(jdbc:[a-z]+://[^\\s`'\"]+)");
        List<String> examples = new ArrayList<>();
        List<String> onTest = new ArrayList<>();
        for (Path md : markdown()) {
            Matcher m = url.matcher(Files.readString(md));
            while (m.find()) {
                examples.add(m.group(1));
                if (m.group(1).matches(".*/test(\\?.*)?")) onTest.add(ROOT.relativize(md) + ": " + m.group(1));
            }
        }
        assertThat(examples).as("the docs show --db-url examples").isNotEmpty();
        assertThat(onTest).isEmpty();
    }

    @Test
    void theRepositoryHasALicenseAndAChangelog() throws IOException {
        String license = Files.readString(ROOT.resolve("LICENSE"));
        assertThat(license).contains("Apache License").contains("Version 2.0, January 2004")
                .contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION").contains("END OF TERMS AND CONDITIONS");
        assertThat(Files.readString(ROOT.resolve("CHANGELOG.md"))).startsWith("# Changelog");
    }
}
