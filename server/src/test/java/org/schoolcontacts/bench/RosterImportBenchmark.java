package org.schoolcontacts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.schoolcontacts.Services;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.roster.DemoSchool;
import org.schoolcontacts.roster.Importer;
import org.schoolcontacts.roster.RosterFile;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.StoreConfig;
import org.schoolcontacts.storage.StoreContract;

/**
 * Roster import of a realistic file (the --demo-size school of N students, default 30,000, with its
 * classes and up to 20,000 parents, written as CSV) into an empty school, per store: the dry run
 * (check only), the import (check, then apply in batches of 100), a second run of the same file
 * (nothing to change), and the export of the school as CSV and XLSX. Prints rows/s and the load
 * average; asserts nothing. The external stores are those of the tests ({@code -Dtest.pg.url},
 * {@code -Dtest.mariadb.url}, e.g. through {@code JAVA_TOOL_OPTIONS}). Run with
 * {@code bench/run RosterImportBenchmark [N] [sqlite|postgresql|mariadb ...]}.
 */
public final class RosterImportBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        List<Dialect> dialects = new ArrayList<>();
        for (int i = 1; i < args.length; i++) dialects.add(Dialect.valueOf(args[i].toUpperCase(Locale.ROOT)));
        if (dialects.isEmpty()) dialects.addAll(List.of(Dialect.values()));
        Path dir = Files.createTempDirectory("roster-bench-");
        Path csv = dir.resolve("roster.csv");
        writeCsv(DemoSchool.seed(n), csv);
        RosterFile.Content content = RosterFile.read(csv);
        System.out.printf(Locale.ROOT, "file: %d rows, %d bytes; machine: %d cores, Java %s, load average %s%n", content.rows().size(),
                Files.size(csv), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load());
        System.out.printf(Locale.ROOT, "%-11s %12s %12s %14s %12s %14s%n", "store", "dry run s", "import s", "import rows/s", "rerun s",
                "writes/rerun");
        for (Dialect d : dialects) run(d, dir, content);
        System.out.println("load average after: " + load());
    }

    private static void run(Dialect dialect, Path dir, RosterFile.Content content) throws Exception {
        StoreConfig store = StoreContract.storeFor(dialect, Files.createTempDirectory(dir, dialect.name()));
        try (Database db = Database.open(store)) {
            ServerClock clock = ServerClock.system();
            Services services = Services.over(db, clock);
            String corp = "wwbench" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            CorpSpec spec = new CorpSpec(corp, "Bench school", false, true, List.of(
                    new CorpSpec.AppSpec(1000001L, "editor", AppKind.SELF_BUILT, SchoolPermission.EDIT, false, true, corp + "-edit")));
            db.writeServer(tx -> CorpStore.createIfAbsent(tx, spec, clock.millis()));
            try {
                Importer importer = new Importer(services);
                Importer.Result dry = importer.run(corp, content, true, Importer.Progress.NONE);
                Importer.Result real = importer.run(corp, content, false, Importer.Progress.NONE);
                long r0 = System.nanoTime();
                services.reads().contents(corp);
                System.out.printf(Locale.ROOT, "  read of the whole school (export's and the plan's read): %.1f s%n", (System.nanoTime() - r0) / 1e9);
                Importer.Result rerun = importer.run(corp, content, false, Importer.Progress.NONE);
                for (String name : List.of("export.csv", "export.xlsx")) {
                    long e0 = System.nanoTime();
                    int rows = new org.schoolcontacts.roster.Exporter(services).export(corp, dir.resolve(dialect.name() + "-" + name));
                    double secs = (System.nanoTime() - e0) / 1e9;
                    System.out.printf(Locale.ROOT, "  export of %d students as %s: %.1f s, %.0f rows/s, %d bytes%n", rows, name, secs, rows / secs,
                            Files.size(dir.resolve(dialect.name() + "-" + name)));
                }
                if (!real.problems().isEmpty()) System.out.println("  bad rows: " + real.problems().size() + ", first: " + real.problems().get(0));
                System.out.printf(Locale.ROOT, "%-11s %12.1f %12.1f %14.0f %12.1f %14d%n", dialect.name().toLowerCase(Locale.ROOT),
                        dry.nanos() / 1e9, real.nanos() / 1e9, real.rows() / (real.nanos() / 1e9), rerun.nanos() / 1e9, rerun.counts().writes());
                System.out.println("  " + real.summary());
            } finally {
                db.writeServer(tx -> CorpStore.deleteCorp(tx, corp));
            }
        }
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /** The seed's students as roster rows: grade and class by name, parents in the seed's order. */
    static void writeCsv(JsonNode seed, Path file) {
        JsonNode corp = seed.path("corps").get(0);
        Map<Long, JsonNode> departments = new HashMap<>();
        for (JsonNode d : corp.path("departments")) departments.put(d.path("id").asLong(), d);
        Map<String, List<String[]>> parentsOf = new HashMap<>();
        int most = 0;
        for (JsonNode p : corp.path("parents")) {
            for (JsonNode c : p.path("children")) {
                List<String[]> list = parentsOf.computeIfAbsent(c.path("student_userid").asText(), k -> new ArrayList<>());
                list.add(new String[] {p.path("parent_userid").asText(), p.path("mobile").asText(), c.path("relation").asText()});
                most = Math.max(most, list.size());
            }
        }
        List<String> header = new ArrayList<>(List.of("student_userid", "name", "grade", "class", "mobile"));
        for (int i = 1; i <= most; i++) header.addAll(List.of("parent" + i + "_userid", "parent" + i + "_mobile", "parent" + i + "_relation"));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode s : corp.path("students")) {
            JsonNode klass = departments.get(s.path("department").get(0).asLong());
            JsonNode grade = departments.get(klass.path("parentid").asLong());
            List<String> row = new ArrayList<>(List.of(s.path("student_userid").asText(), s.path("name").asText(),
                    // a standard grade's name is generated by the server, so its seed item may have none
                    grade.path("name").asText("").isEmpty() ? "grade " + grade.path("id").asText() : grade.path("name").asText(),
                    klass.path("name").asText(), s.path("mobile").asText("")));
            List<String[]> ps = parentsOf.getOrDefault(s.path("student_userid").asText(), List.of());
            for (int i = 0; i < most; i++) {
                String[] p = i < ps.size() ? ps.get(i) : new String[] {"", "", ""};
                row.addAll(List.of(p));
            }
            rows.add(row);
        }
        RosterFile.write(file, header, rows);
    }
}
