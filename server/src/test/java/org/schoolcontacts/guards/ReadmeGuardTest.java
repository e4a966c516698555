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
import org.junit.jupiter.api.Test;
import org.schoolcontacts.RouteTable;
import org.schoolcontacts.Services;
import org.schoolcontacts.http.HttpApi;
import org.schoolcontacts.http.Route;
import org.schoolcontacts.wecom.WeComError;

/** Keeps the one-place rules true: README's errcode table and endpoint list match the code. */
class ReadmeGuardTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    private static Set<Integer> readmeErrcodes() throws IOException {
        Set<Integer> codes = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `?(-?\\d+)`? \\| ").matcher(section(readme(), "## Error codes"));
        while (m.find()) codes.add(Integer.parseInt(m.group(1)));
        return codes;
    }

    private static String section(String text, String heading) {
        int start = text.indexOf(heading);
        assertThat(start).as("README has a section " + heading).isNotNegative();
        int end = text.indexOf("\n## ", start + heading.length());
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    @Test
    void everyErrcodeInTheCatalogueIsInReadmesTableAndNoOther() throws IOException {
        Set<Integer> catalogue = Stream.of(WeComError.values()).map(WeComError::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(readmeErrcodes()).isEqualTo(catalogue);
    }

    @Test
    void everyPhraseOfTheCatalogueIsInItsCodesRowOfReadmesTable() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\| `?(-?\\d+)`? \\| ([^|]+) \\|").matcher(section(readme(), "## Error codes"));
        java.util.Map<Integer, String> phrases = new java.util.HashMap<>();
        while (m.find()) phrases.put(Integer.parseInt(m.group(1)), m.group(2));
        List<String> missing = new ArrayList<>();
        for (WeComError e : WeComError.values()) {
            String row = phrases.getOrDefault(e.code(), "");
            boolean listed = Stream.of(row.split(" / ")).map(String::strip).anyMatch(e.phrase()::equals);
            if (!listed) missing.add(e.code() + " " + e.phrase());
        }
        assertThat(missing).as("catalogue phrases missing from README's errcode table").isEmpty();
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
    void readmesEndpointListEqualsTheRouteTable() throws IOException {
        Services none = new Services(null, null, null, null, null, null, null, null, null);
        Set<String> routes = new TreeSet<>();
        routes.add("GET " + HttpApi.GETTOKEN_PATH + " -");
        for (Route r : RouteTable.routes(none)) routes.add(r.method() + " " + r.path() + " " + (r.access() == null ? "-" : r.access()));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| (GET|POST) \\| `([^`]+)` \\| (READ|EDIT|PARENT_APP|-) \\|").matcher(section(readme(), "## Endpoints"));
        while (m.find()) documented.add(m.group(1) + " " + m.group(2).replaceAll("\\?.*", "") + " " + m.group(3));
        assertThat(documented).isEqualTo(routes);
    }

    @Test
    void theSqliteOnlyRunReadmeOffersIsAProfileOfTheBuild() throws IOException {
        assertThat(readme()).contains("./mvnw verify -Psqlite-only");
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom).contains("<id>sqlite-only</id>").contains("<excludedGroups>external-db</excludedGroups>");
    }
}
