package org.schoolcontacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.storage.StoreContract;

/**
 * Start-up failures: one line on standard error naming the option (or the environment variable) at
 * fault and the cause, and the exit code of that kind of failure. Run in-process through the same
 * entry point as {@code main}; every case here fails before the server would answer.
 */
class MainStartupTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    private Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    private static void assertOneLine(Result r, Main.Exit exit, String... parts) {
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("school-contacts: ").contains(parts).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.code()).as(r.err()).isEqualTo(exit.code);
    }

    @Test
    void anUnknownOptionIsOneLineNotTheWholeUsage() {
        Result r = run("--prot", "1");
        assertOneLine(r, Main.Exit.USAGE, "--prot", "--help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadPortFromTheEnvironmentNamesTheVariable() {
        assertOneLine(run(Map.of("SCHOOL_CONTACTS_PORT", "80a"), "--data-dir", dir.toString()), Main.Exit.USAGE,
                "SCHOOL_CONTACTS_PORT=80a", "integer from 0 to 65535");
        Result onCommandLine = run("--port", "70000", "--data-dir", dir.toString());
        assertOneLine(onCommandLine, Main.Exit.USAGE, "--port 70000");
        assertThat(onCommandLine.err()).doesNotContain("SCHOOL_CONTACTS_PORT");
    }

    @Test
    void aBadJournalSizeOrFlagIsNamed() {
        assertOneLine(run("--journal-size", "-1", "--data-dir", dir.toString()), Main.Exit.USAGE, "--journal-size -1");
        assertOneLine(run(Map.of("SCHOOL_CONTACTS_PRINT_CREDENTIALS", "maybe"), "--data-dir", dir.toString()), Main.Exit.USAGE,
                "SCHOOL_CONTACTS_PRINT_CREDENTIALS=maybe", "true or false");
    }

    @Test
    void aDataDirThatIsAFileIsNotADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("hostname"), "x");
        assertOneLine(run("--port", "0", "--data-dir", file.toString()), Main.Exit.STORE, "--data-dir " + file, "not a directory");
    }

    @Test
    void aDataDirFromTheEnvironmentIsNamedByItsVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertOneLine(run(Map.of("SCHOOL_CONTACTS_DATA_DIR", file.toString()), "--port", "0"), Main.Exit.STORE,
                "SCHOOL_CONTACTS_DATA_DIR=" + file, "not a directory");
    }

    @Test
    void aCorruptStoreFileIsNamed() throws Exception {
        Files.write(dir.resolve("school-contacts.db"), "this is not an SQLite file, just text that goes on and on".repeat(200).getBytes());
        assertOneLine(run("--port", "0", "--data-dir", dir.toString()), Main.Exit.STORE, "--data-dir " + dir, "not an SQLite database");
    }

    @Test
    void aSqliteJdbcUrlIsRefusedWithWhatToDoInstead() {
        assertOneLine(run("--db-url", "jdbc:sqlite:x.db"), Main.Exit.USAGE, "--db-url jdbc:sqlite:x.db", "--data-dir");
        assertOneLine(run("--db-url", "jdbc:sqlite:"), Main.Exit.USAGE, "--db-url jdbc:sqlite:", "--data-dir");
        assertOneLine(run("--db-url", "http://example.org/db"), Main.Exit.USAGE, "--db-url http://example.org/db", "jdbc:postgresql://");
    }

    @Test
    void anUnreachableDatabaseIsConnectionRefused() {
        assertOneLine(run("--port", "0", "--db-url", "jdbc:postgresql://127.0.0.1:1/sc_nowhere"), Main.Exit.STORE,
                "--db-url jdbc:postgresql://127.0.0.1:1/sc_nowhere", "connection refused");
    }

    @Test
    void anUnknownDatabaseHostIsHostNotFound() {
        assertOneLine(run("--port", "0", "--db-url", "jdbc:mariadb://no-such-host.invalid:3306/x"), Main.Exit.STORE,
                "--db-url jdbc:mariadb://no-such-host.invalid:3306/x", "host not found");
    }

    @Tag("external-db")
    @Test
    void anUnknownDatabaseIsNamed() {
        String pg = StoreContract.PG_URL.replaceFirst("/[^/?]*(\\?.*)?$", "/sc_no_such_db");
        assertOneLine(run("--port", "0", "--db-url", pg, "--db-user", StoreContract.PG_USER), Main.Exit.STORE,
                "--db-url " + pg, "unknown database 'sc_no_such_db'");
        String maria = StoreContract.MARIADB_URL.replaceFirst("/[^/?]*(\\?.*)?$", "/sc_no_such_db");
        assertOneLine(run(Map.of("SCHOOL_CONTACTS_DB_URL", maria, "SCHOOL_CONTACTS_DB_USER", StoreContract.MARIADB_USER), "--port", "0"),
                Main.Exit.STORE, "SCHOOL_CONTACTS_DB_URL=" + maria, "unknown database 'sc_no_such_db'");
    }

    @Tag("external-db")
    @Test
    void refusedCredentialsNameTheUserOption() {
        assertOneLine(run("--port", "0", "--db-url", StoreContract.MARIADB_URL, "--db-user", "sc_nobody"), Main.Exit.STORE,
                "--db-user sc_nobody", "authentication failed");
    }

    @Test
    void aDatabaseThatCannotBeOpenedFailsWithoutThePoolsOneSecondPause() {
        String[][] cases = {
            {"jdbc:postgresql://127.0.0.1:1/sc_nowhere", "connection refused"},
            {"jdbc:mariadb://127.0.0.1:1/sc_nowhere", "connection refused"},
            {"jdbc:mysql://127.0.0.1:1/sc_nowhere", "connection refused"},
            {"jdbc:postgresql://no-such-host.invalid/x", "host not found"},
        };
        for (String[] c : cases) {
            run("--port", "0", "--db-url", c[0]); // the first attempt loads the driver's classes; the second is timed
            long start = System.nanoTime();
            Result r = run("--port", "0", "--db-url", c[0]);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertOneLine(r, Main.Exit.STORE, "--db-url " + c[0], c[1]);
            // the connection pool waits a whole second after a failed first attempt before it gives up
            assertThat(ms).as(c[0] + " took " + ms + " ms").isLessThan(900);
        }
    }

    @Test
    void aDatabaseHostThatAcceptsTheConnectionButNeverAnswersFailsTheStartInsteadOfHangingIt() throws Exception {
        // PostgreSQL's connectTimeout covers the TCP connect only; such a host held the start-up for ever
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) held.add(silent.accept());
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (String url : new String[] {"jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/x",
                                            "jdbc:mariadb://127.0.0.1:" + silent.getLocalPort() + "/x"}) {
                // a hang guard, not a speed check: the start-up attempt's own timeout is one second
                Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                        () -> run("--port", "0", "--db-url", url));
                assertOneLine(r, Main.Exit.STORE, "--db-url " + url);
                assertThat(r.err()).containsIgnoringCase("time");
            }
        }
    }

    @Test
    void aCorruptStoreFileFailsWithoutThePoolsOneSecondPause() throws Exception {
        Files.write(dir.resolve("school-contacts.db"), "not an SQLite file at all ".repeat(400).getBytes());
        run("--port", "0", "--data-dir", dir.toString()); // loads the driver's classes; the second run is timed
        long start = System.nanoTime();
        Result r = run("--port", "0", "--data-dir", dir.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertOneLine(r, Main.Exit.STORE, "--data-dir " + dir, "not an SQLite database");
        assertThat(ms).as("took " + ms + " ms").isLessThan(900);
    }

    @Test
    void aDataDirThatCannotBeCreatedSaysWhyNotOnlyItsPath() {
        Path noParent = Path.of("/proc/self/school-contacts-data");
        assertOneLine(run("--port", "0", "--data-dir", noParent.toString()), Main.Exit.STORE,
                "--data-dir " + noParent + ": cannot open the store: cannot create the folder: no such file or directory");
        Path refused = Path.of("/sys/school-contacts-data");
        assertOneLine(run("--port", "0", "--data-dir", refused.toString()), Main.Exit.STORE,
                "--data-dir " + refused + ": cannot open the store: operation not permitted");
    }

    @Test
    void aPortInUseFailsBeforeTheStoreIsOpened() throws Exception {
        Path data = dir.resolve("never-created");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            assertOneLine(run("--port", port, "--data-dir", data.toString()), Main.Exit.LISTEN,
                    "--port " + port + " on 127.0.0.1: cannot listen: the port is already in use");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aSeedThatBreaksTheSchemaFailsBeforeTheStoreIsOpened() throws Exception {
        Path data = dir.resolve("never-created");
        Path seed = Files.writeString(dir.resolve("seed.json"), "{\"corps\":[{\"corpid\":\"wwx\",\"apps\":["
                + "{\"agentid\":1,\"kind\":\"self_built\",\"school_contacts\":\"edit\",\"secret\":\"s1\"}],\"studnets\":[]}]}");
        assertOneLine(run("--port", "0", "--data-dir", data.toString(), "--seed", seed.toString()), Main.Exit.SEED,
                "$.corps[0].studnets: unknown key");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"corps\":[]}");
        assertOneLine(run("--port", "0", "--data-dir", data.toString(), "--seed", empty.toString()), Main.Exit.SEED,
                "$.corps: must have at least 1 item");
        assertThat(data).doesNotExist();
    }

    @Test
    void anUnknownHostToListenOnIsHostNotFoundNotPortInUse() {
        assertOneLine(run("--port", "0", "--host", "no-such-host.invalid", "--data-dir", dir.toString()), Main.Exit.LISTEN,
                "--host no-such-host.invalid", "host not found");
        assertOneLine(run("--port", "0", "--host", "192.0.2.1", "--data-dir", dir.toString()), Main.Exit.LISTEN,
                "--host 192.0.2.1", "not an address of this machine");
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            assertOneLine(run(Map.of("SCHOOL_CONTACTS_PORT", port), "--data-dir", dir.toString()), Main.Exit.LISTEN,
                    "SCHOOL_CONTACTS_PORT=" + port, "already in use");
        }
    }

    @Test
    void aMissingSeedFileIsNamed() {
        assertOneLine(run("--port", "0", "--data-dir", dir.toString(), "--seed", dir.resolve("nope.json").toString()), Main.Exit.SEED,
                "--seed " + dir.resolve("nope.json"), "no such file");
    }

    @Test
    void aSeedWithAnUnknownKeyIsRefusedWithItsJsonPath() throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.json"), "{\"corps\":[{\"corpid\":\"wwx\",\"apps\":["
                + "{\"agentid\":1,\"kind\":\"self_built\",\"school_contacts\":\"edit\",\"secret\":\"s1\"}],\"studnets\":[]}]}");
        assertOneLine(run("--port", "0", "--data-dir", dir.resolve("d").toString(), "--seed", seed.toString()), Main.Exit.SEED,
                "--seed " + seed, "$.corps[0].studnets: unknown key");
    }

    @Test
    void aSeedWithoutCorpsOrWithBrokenJsonIsRefusedInOneClearLine() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"corps\":[]}");
        assertOneLine(run("--port", "0", "--data-dir", dir.resolve("d").toString(), "--seed", empty.toString()), Main.Exit.SEED,
                "$.corps: must have at least 1 item");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"corps\": [\n  {\"corpid\": \"wwx\",}\n]}");
        Result r = run("--port", "0", "--data-dir", dir.resolve("d").toString(), "--seed", broken.toString());
        assertOneLine(r, Main.Exit.SEED, "--seed " + broken, "not valid JSON at line 2");
        assertThat(r.err()).doesNotContain("Source").doesNotContain("(code");
    }

    @Test
    void ephemeralExcludesAnExternalDatabaseAndADataDir() {
        assertOneLine(run("--ephemeral", "--db-url", "jdbc:postgresql://127.0.0.1/x"), Main.Exit.USAGE, "--ephemeral", "--db-url");
        assertOneLine(run(Map.of("SCHOOL_CONTACTS_DATA_DIR", dir.toString()), "--ephemeral"), Main.Exit.USAGE, "--ephemeral",
                "SCHOOL_CONTACTS_DATA_DIR");
    }

    @Test
    void helpListsEveryOptionsEnvironmentVariableAndTheExitCodes() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        Map<String, String> seen = new HashMap<>();
        for (var o : Main.commandLine(Map.of(), System.out, System.err, false).getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            seen.put(o.longestName(), Main.envName(o.longestName()));
        }
        assertThat(seen).containsEntry("--db-url", "SCHOOL_CONTACTS_DB_URL").containsEntry("--ephemeral", "SCHOOL_CONTACTS_EPHEMERAL");
        for (String var : seen.values()) assertThat(r.out()).contains(var);
        String help = r.out().replaceAll("\\s+", " ");
        for (Main.Exit e : Main.Exit.values()) assertThat(help).contains(e.code + " " + e.meaning);
    }
}
