package org.schoolcontacts.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolcontacts.roster.RosterSchools.CORP;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.Main;
import org.schoolcontacts.SchoolContacts;
import org.schoolcontacts.ServerConfig;
import org.schoolcontacts.admin.Seeder;
import picocli.CommandLine;

/**
 * The import and export subcommands of the jar, run on the store of a server that is running
 * meanwhile (the embedded store in one folder), as an operator would.
 */
class RosterCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private JsonNode get(SchoolContacts server, String path) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=read-secret-0001")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        String sep = path.contains("?") ? "&" : "?";
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.baseUrl() + path + sep + "access_token=" + token)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void importWhileTheServerRunsOnTheSameStoreThenExportAsCsvXlsxAndSeed() throws Exception {
        Path data = dir.resolve("data");
        try (SchoolContacts server = SchoolContacts.start(ServerConfig.embeddedOnFreePort(data).withSeed(Seeder.demo()))) {
            Path bad = RosterSchools.csv(dir, "bad.csv", "student_userid,name,grade,class,mobile",
                    "cli.one,命令行,三年级,2班,13800000077",
                    "cli.two,坏,三年级,2班,1-2-x");
            Run dry = cli("import", "--corpid", CORP, "--dry-run", "--data-dir", data.toString(), bad.toString());
            assertThat(dry.exit()).isEqualTo(1);
            assertThat(dry.out()).contains("row 3: student cli.two: errcode ").contains("dry run of import into " + CORP + ": 2 rows, 1 would change");
            assertThat(get(server, "/cgi-bin/school/user/get?userid=cli.one").path("errcode").asInt()).isEqualTo(60111);

            Run real = cli("import", "--corpid", CORP, "--data-dir", data.toString(), bad.toString());
            assertThat(real.exit()).isEqualTo(1);
            assertThat(real.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("import into " + CORP + ": 2 rows, 1 changed");
            // not a terminal: plain progress lines, no carriage returns
            assertThat(real.err()).contains("import: 2/2 rows").doesNotContain("\r");
            assertThat(get(server, "/cgi-bin/school/user/get?userid=cli.one").path("student").path("name").asText()).isEqualTo("命令行");

            Path csv = dir.resolve("out.csv");
            Path xlsx = dir.resolve("out.xlsx");
            Path seed = dir.resolve("out.json");
            assertThat(cli("export", "--corpid", CORP, "--data-dir", data.toString(), csv.toString()).exit()).isZero();
            assertThat(cli("export", "--corpid", CORP, "--data-dir", data.toString(), xlsx.toString()).exit()).isZero();
            assertThat(cli("export", "--corpid", CORP, "--data-dir", data.toString(), seed.toString()).exit()).isZero();
            assertThat(Files.readString(csv)).contains("cli.one,命令行,三年级,2班,13800000077").contains("s0001,Li Lei");
            assertThat(RosterFile.read(xlsx).rows()).hasSize(2);
            JsonNode seedDoc = Seeder.readFile(seed);
            assertThat(seedDoc.path("corps").get(0).path("students").findValuesAsText("student_userid")).containsExactly("s0001", "cli.one");

            // the seed file starts a server with the same school
            try (SchoolContacts copy = SchoolContacts.start(ServerConfig.embeddedOnFreePort(dir.resolve("copy")).withSeed(seedDoc))) {
                assertThat(get(copy, "/cgi-bin/school/user/get?userid=cli.one").path("student").path("name").asText()).isEqualTo("命令行");
                assertThat(get(copy, "/cgi-bin/school/user/get?userid=p0001").path("parent").path("mobile").asText()).isEqualTo("13900000001");
            }
        }
    }

    @Test
    void anUnknownColumnEndsTheCommandWithOneLineNamingIt() {
        Path f = RosterSchools.csv(dir, "cols.csv", "student_userid,favourite_colour", "a,red");
        Run r = cli("import", "--corpid", CORP, "--data-dir", dir.resolve("d").toString(), f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("school-contacts: unknown column \"favourite_colour\"").doesNotContain("\n");
    }
}
