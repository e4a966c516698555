package org.schoolcontacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The start without picocli reads every command line it accepts exactly as picocli does, and declines the rest. */
class QuickStartTest {
    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream());

    /** Every option field of a parsed Main, and whether each was given on the command line. */
    private static Map<String, String> state(Main m, java.util.function.Predicate<String> matched) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : Main.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o == null) continue;
            out.put(o.names()[0], f.get(m) + (matched.test(o.names()[0]) ? " (given)" : ""));
        }
        return out;
    }

    private static Map<String, String> byPicocli(Map<String, String> env, String... args) throws Exception {
        CommandLine cl = Main.commandLine(env, NOWHERE, NOWHERE, false);
        cl.parseArgs(args);
        return state(cl.getCommand(), cl.getParseResult()::hasMatchedOption);
    }

    private static Map<String, String> quickly(Map<String, String> env, String... args) throws Exception {
        Main m = QuickStart.parse(args, env, () -> Main.commandLine(env, NOWHERE, NOWHERE, false).getCommand());
        if (m == null) return null;
        java.lang.reflect.Method onCommandLine = Main.class.getDeclaredMethod("onCommandLine", String.class);
        onCommandLine.setAccessible(true);
        return state(m, name -> {
            try {
                return (Boolean) onCommandLine.invoke(m, name);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void everyPlainStartIsReadAsPicocliReadsIt() throws Exception {
        Map<String, String> env = Map.of("SCHOOL_CONTACTS_PORT", "9090", "SCHOOL_CONTACTS_ADMIN_TOKEN", "t0k",
                "SCHOOL_CONTACTS_SEED", "");
        List<String[]> starts = List.of(
                new String[] {},
                new String[] {"--port", "0"},
                new String[] {"--port=0", "--host", "0.0.0.0", "--data-dir", "/tmp/x y"},
                new String[] {"--ephemeral"},
                new String[] {"--ephemeral", "--print-credentials"},
                new String[] {"--ephemeral=false", "--print-credentials=yes", "--journal-size", "5"},
                new String[] {"--db-url", "jdbc:postgresql://h:5432/d?a=b&c=d", "--db-user", "u", "--db-password=p=q"},
                new String[] {"--demo-size", "300", "--delivery-log-size", "0", "--port", ""},
                new String[] {"--seed", "seed.json", "--admin-token", "secret"});
        for (String[] args : starts) {
            assertThat(quickly(env, args)).as(String.join(" ", args)).isNotNull().isEqualTo(byPicocli(env, args));
            assertThat(quickly(Map.of(), args)).as(String.join(" ", args)).isEqualTo(byPicocli(Map.of(), args));
        }
    }

    @Test
    void helpVersionSubcommandsAndEveryOddShapeAreLeftToPicocli() throws Exception {
        List<String[]> others = List.of(
                new String[] {"--help"}, new String[] {"-h"}, new String[] {"--version"}, new String[] {"-V"},
                new String[] {"import", "--help"}, new String[] {"export"},
                new String[] {"--prot", "8080"}, new String[] {"--port"}, new String[] {"--port", "1", "--port", "2"},
                new String[] {"--journal-size", "-1"}, new String[] {"--ephemeral", "maybe"}, new String[] {"8080"},
                new String[] {"--port", "--host"}, new String[] {"--seed", "import"});
        for (String[] args : others) assertThat(quickly(Map.of(), args)).as(String.join(" ", args)).isNull();
    }

    @Test
    void aQuickStartFailsWithTheSameLineAndCodeAsPicocliWould() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--port", "70000"}, Map.of(), NOWHERE, new PrintStream(err, true), false);
        assertThat(code).isEqualTo(Main.Exit.USAGE.code);
        assertThat(err.toString()).isEqualTo("school-contacts: --port 70000: must be an integer from 0 to 65535" + System.lineSeparator());
        err.reset();
        code = Main.run(new String[] {"--ephemeral", "--db-url", "jdbc:postgresql://h/d"}, Map.of(), NOWHERE, new PrintStream(err, true), false);
        assertThat(code).isEqualTo(Main.Exit.USAGE.code);
        assertThat(err.toString()).startsWith("school-contacts: --ephemeral and --db-url exclude each other");
    }
}
