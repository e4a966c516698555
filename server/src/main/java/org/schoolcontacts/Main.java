package org.schoolcontacts;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.admin.SeedException;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.events.Events;
import org.schoolcontacts.storage.StoreConfig;
import org.schoolcontacts.storage.StoreUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of running.md. Every option also reads {@code SCHOOL_CONTACTS_<OPTION>} from the
 * environment; the command line wins. A start-up failure is one line on standard error naming the
 * option (or environment variable) at fault and the cause, and an exit code per kind of failure
 * ({@link Exit}).
 */
@Command(name = "school-contacts", mixinStandardHelpOptions = true, version = "school-contacts 0.1.0", sortOptions = false,
        description = "Self-hostable emulator of WeCom's home-school contacts API (家校通讯录).",
        subcommands = {org.schoolcontacts.cli.ImportCommand.class, org.schoolcontacts.cli.ExportCommand.class})
public final class Main implements Callable<Integer> {
    static final String ENV_PREFIX = "SCHOOL_CONTACTS_";

    /** Exit codes, one per kind of start-up failure (README, "Settings"). */
    public enum Exit {
        OK(0, "the server ran and was stopped (SIGTERM or Ctrl-C: the store is closed first)"),
        UNEXPECTED(1, "an unexpected failure (a bug: please report it)"),
        USAGE(2, "a bad option or environment variable: unknown, malformed, out of range or conflicting"),
        SEED(3, "the seed file is unreadable, not JSON, or breaks a rule"),
        STORE(4, "the store cannot be opened: data folder, database URL, credentials, or a corrupt file"),
        LISTEN(5, "the server cannot listen: host not found or not local, port in use or not permitted");

        public final int code;
        public final String meaning;

        Exit(int code, String meaning) {
            this.code = code;
            this.meaning = meaning;
        }
    }

    /** A start-up failure: one line for standard error and its exit code. */
    static final class Failure extends RuntimeException {
        final Exit exit;

        Failure(Exit exit, String line) {
            super(line, null, false, false);
            this.exit = exit;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE})")
    String port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data-dir", defaultValue = "./data", description = "folder of the embedded store (default ${DEFAULT-VALUE})")
    String dataDir;

    @Option(names = "--ephemeral", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "embedded store in a new temporary folder, deleted on exit: every start is clean")
    String ephemeral;

    @Option(names = "--db-url", description = "JDBC URL of PostgreSQL or MariaDB/MySQL instead of the embedded store")
    String dbUrl;

    @Option(names = "--db-user", description = "user for --db-url")
    String dbUser;

    @Option(names = "--db-password", description = "password for --db-url")
    String dbPassword;

    @Option(names = "--seed", description = "seed file (default: the built-in demo school)")
    String seed;

    @Option(names = "--print-credentials", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "print every seeded app's credentials after the readiness line")
    String printCredentials;

    @Option(names = "--admin-token", description = "require 'Authorization: Bearer T' on /__admin/* (except /__admin/health)")
    String adminToken;

    @Option(names = "--journal-size", defaultValue = "" + RequestJournal.CAPACITY,
            description = "how many of the latest calls GET /__admin/requests keeps; 0 keeps none (default ${DEFAULT-VALUE})")
    String journalSize;

    @Option(names = "--delivery-log-size", defaultValue = "" + Events.DELIVERY_LOG_SIZE,
            description = "how many finished change-event deliveries the delivery log keeps, the newest (default ${DEFAULT-VALUE})")
    String deliveryLogSize;

    @Option(names = "--demo-size", description = "fill the built-in demo school with N generated students, their classes and parents (deterministic for N)")
    String demoSize;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean awaitShutdown;

    private Main(Map<String, String> env, PrintStream out, PrintStream err, boolean awaitShutdown) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.awaitShutdown = awaitShutdown;
    }

    /** The environment variable of an option: {@code --db-url} → {@code SCHOOL_CONTACTS_DB_URL}. */
    public static String envName(String option) {
        return ENV_PREFIX + option.replaceFirst("^--", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The options given on the command line when {@link QuickStart} parsed it (null when picocli did). */
    private java.util.Set<String> quickMatched;

    private boolean onCommandLine(String option) {
        return quickMatched != null ? quickMatched.contains(option) : spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** How a value is named in an error: the option when given on the command line, else its variable. */
    private String source(String option) {
        return onCommandLine(option) ? option : envName(option);
    }

    private String named(String option, String value) {
        String src = source(option);
        return src.startsWith("--") ? src + " " + value : src + "=" + value;
    }

    private Failure usage(String option, String value, String problem) {
        return new Failure(Exit.USAGE, named(option, value) + ": " + problem);
    }

    private int integer(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(option, value, "must be an integer from " + min + " to " + max);
    }

    private boolean bool(String option, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("1") || v.equals("yes")) return true;
        if (v.equals("false") || v.equals("0") || v.equals("no") || v.isEmpty()) return false;
        throw usage(option, value, "must be true or false");
    }

    private static boolean given(String s) { return s != null && !s.isBlank(); }

    @Override
    public Integer call() throws Exception {
        int portNumber = integer("--port", port, 0, 65535);
        int journal = integer("--journal-size", journalSize, 0, RequestJournal.MAX_CAPACITY);
        int deliveryLog = integer("--delivery-log-size", deliveryLogSize, 0, Events.MAX_DELIVERY_LOG_SIZE);
        boolean temporary = bool("--ephemeral", ephemeral);
        boolean credentials = bool("--print-credentials", printCredentials);
        if (host.isBlank()) throw usage("--host", host, "must not be empty");
        if (temporary && given(dbUrl)) {
            throw new Failure(Exit.USAGE, source("--ephemeral") + " and " + source("--db-url") + " exclude each other: "
                    + "the ephemeral store is an embedded one");
        }
        boolean dataDirGiven = onCommandLine("--data-dir") || env.containsKey(envName("--data-dir"));
        if (temporary && dataDirGiven) {
            throw new Failure(Exit.USAGE, source("--ephemeral") + " and " + source("--data-dir") + " exclude each other: "
                    + "the ephemeral store lives in a new temporary folder");
        }
        StoreConfig store;
        if (given(dbUrl)) {
            store = StoreConfig.external(dbUrl.strip(), given(dbUser) ? dbUser : null, given(dbPassword) ? dbPassword : null);
            try {
                store.dialect();
            } catch (IllegalArgumentException e) {
                throw usage("--db-url", dbUrl, e.getMessage());
            }
        } else {
            store = StoreConfig.embedded(Path.of(dataDir));
        }
        com.fasterxml.jackson.databind.JsonNode seedDoc = null;
        Integer demo = given(demoSize) ? integer("--demo-size", demoSize, 1, org.schoolcontacts.roster.DemoSchool.MAX_STUDENTS) : null;
        if (demo != null && given(seed)) {
            throw new Failure(Exit.USAGE, source("--demo-size") + " and " + source("--seed") + " exclude each other: "
                    + "the generated students fill the built-in demo school");
        }
        if (demo != null) seedDoc = org.schoolcontacts.roster.DemoSchool.seed(demo);
        if (given(seed)) {
            Path file = Path.of(seed);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new Failure(Exit.SEED, named("--seed", seed) + ": " + (Files.isDirectory(file) ? "is a directory, not a file"
                        : Files.exists(file) ? "permission denied" : "no such file"));
            }
            try {
                seedDoc = Seeder.readFile(file);
                // the document's shape and the schools' rules that need no store, checked before the store is opened
                Seeder.parseCorpsOf(seedDoc);
            } catch (SeedException e) {
                throw new Failure(Exit.SEED, named("--seed", seed) + ": " + e.getMessage());
            }
        }
        InetAddress address = checkHost();
        if (portNumber != 0) checkPortFree(address, portNumber);
        Path ephemeralDir = null;
        if (temporary) {
            ephemeralDir = Files.createTempDirectory("school-contacts-ephemeral-");
            store = StoreConfig.embedded(ephemeralDir);
        }
        ServerConfig config = new ServerConfig(host.strip(), portNumber, store, seedDoc, credentials, adminToken, journal, deliveryLog);
        SchoolContacts server;
        try {
            server = start(config);
        } catch (RuntimeException e) {
            deleteTree(ephemeralDir);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Path folder = ephemeralDir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                deleteTree(folder);
                stopped.countDown();
            }
            // A requested stop (SIGTERM, Ctrl-C) is a normal end: exit 0 as documented, not the JVM's
            // 128+signal, so a service manager or CI step does not report a failure. The store is closed.
            if (awaitShutdown) {
                out.flush();
                err.flush();
                Runtime.getRuntime().halt(Exit.OK.code);
            }
        }, "shutdown"));
        out.println("school-contacts listening on " + server.listeningUrl());
        if (server.usesDemoSchool() || demo != null || credentials) printCredentials(server);
        out.flush();
        if (ephemeralDir != null) err.println("school-contacts: ephemeral store in " + ephemeralDir + " (deleted on exit)");
        if (awaitShutdown) stopped.await();
        return Exit.OK.code;
    }

    /** Starts the server, turning each kind of failure into its one line. */
    private SchoolContacts start(ServerConfig config) {
        try {
            return SchoolContacts.start(config);
        } catch (SeedException e) {
            throw new Failure(Exit.SEED, (given(seed) ? named("--seed", seed) : "the built-in demo seed") + ": " + e.getMessage());
        } catch (StoreUnavailableException e) {
            String at;
            if (config.store().isEmbedded()) {
                at = config.store().dataDir().equals(Path.of(dataDir)) ? named("--data-dir", dataDir) : "--ephemeral " + config.store().dataDir();
            } else if (e.isAuthentication()) {
                at = (given(dbUser) ? named("--db-user", dbUser) : "no --db-user") + (given(dbPassword) ? " and " + source("--db-password")
                        : " and no --db-password") + " for " + config.store().describe();
            } else {
                at = named("--db-url", config.store().describe());
            }
            throw new Failure(Exit.STORE, at + ": cannot open the store: " + e.reason());
        } catch (RuntimeException e) {
            if (isBindFailure(e)) {
                throw new Failure(Exit.LISTEN, named("--port", String.valueOf(config.port())) + " on " + config.host()
                        + ": cannot listen: " + bindReason(e));
            }
            throw e;
        }
    }

    /** An unknown or non-local host fails here, before the store is opened, with its own reason. */
    private InetAddress checkHost() {
        String h = host.strip();
        InetAddress address;
        try {
            address = InetAddress.getByName(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
        } catch (UnknownHostException e) {
            throw new Failure(Exit.LISTEN, named("--host", host) + ": host not found");
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) == null) {
                throw new Failure(Exit.LISTEN, named("--host", host) + ": " + address.getHostAddress() + " is not an address of this machine");
            }
        } catch (SocketException e) {
            throw new Failure(Exit.LISTEN, named("--host", host) + ": cannot inspect the network interfaces: " + e.getMessage());
        }
        return address;
    }

    /**
     * A port that is taken (or not permitted) fails here, before the store is opened and seeded, in the
     * same one line as a failed bind of the server itself (which stays the final word: the port may be
     * taken in between).
     */
    private void checkPortFree(InetAddress address, int portNumber) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(address, portNumber));
        } catch (IOException e) {
            throw new Failure(Exit.LISTEN, named("--port", String.valueOf(portNumber)) + " on " + host.strip()
                    + ": cannot listen: " + (e instanceof java.net.BindException ? bindReason(e) : String.valueOf(e.getMessage())));
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t.getClass().getSimpleName().equals("JavalinBindException")
                    || String.valueOf(t.getMessage()).contains("Failed to bind")) return true;
        }
        return false;
    }

    private static String bindReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException b) {
                String m = String.valueOf(b.getMessage());
                if (m.contains("in use")) return "the port is already in use";
                if (m.contains("ermission")) return "permission denied (ports below 1024 need privileges)";
                if (m.contains("assign")) return "the address is not one of this machine";
                return m;
            }
        }
        return "the port is already in use";
    }

    private void printCredentials(SchoolContacts server) {
        for (CorpSpec corp : server.seededCorps()) {
            out.println("corp " + corp.corpId() + " (" + corp.name() + ")");
            for (CorpSpec.AppSpec app : corp.apps()) {
                out.println("  corpid=" + corp.corpId() + " agentid=" + (app.agentid() == null ? "-" : app.agentid())
                        + " kind=" + app.kind().wireName() + " permission=" + permissionText(corp, app)
                        + " secret=" + app.secret());
            }
        }
        for (String line : server.providerApps().credentials()) out.println(line);
        out.println("try: curl '" + server.baseUrl() + "/cgi-bin/gettoken?corpid="
                + server.seededCorps().get(0).corpId() + "&corpsecret=" + server.seededCorps().get(0).apps().get(0).secret() + "'");
    }

    private static String permissionText(CorpSpec corp, CorpSpec.AppSpec app) {
        if (app.kind() != org.schoolcontacts.corps.AppKind.SYSTEM) return app.permission().wireName();
        return corp.systemSecretAccepted() ? "edit" : "none(system secret refused: corp set up after 2023-12-01)";
    }

    static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the ephemeral store " + folder, e);
        }
    }

    /** The command line, reading defaults from {@code env}, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err, boolean awaitShutdown) {
        CommandLine cli = new CommandLine(new Main(env, out, err, awaitShutdown));
        cli.setUsageHelpWidth(120);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setDefaultValueProvider(arg -> {
            if (!(arg instanceof OptionSpec o) || !o.longestName().startsWith("--")) return null;
            String v = env.get(envName(o.longestName()));
            return v == null || v.isEmpty() ? null : v;
        });
        // --help lists the environment variables, derived from the options so the two cannot drift
        List<String> vars = new ArrayList<>();
        for (OptionSpec o : cli.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            vars.add(String.format("  %-36s %s", envName(o.longestName()), o.longestName()));
        }
        StringBuilder footer = new StringBuilder("%nEnvironment variables (the command line wins):%n");
        for (String v : vars) footer.append(v).append("%n");
        footer.append("%nExit codes:%n");
        for (Exit e : Exit.values()) footer.append(String.format("  %d  %s", e.code, e.meaning)).append("%n");
        cli.getCommandSpec().usageMessage().footer(footer.toString());
        cli.setParameterExceptionHandler((ex, args) -> {
            String line = ex.getMessage().replaceAll("\\s+", " ").strip();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                line += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
            ex.getCommandLine().getErr().println("school-contacts: " + line + "; see --help");
            return Exit.USAGE.code;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, cmd.getErr()));
        return cli;
    }

    /** A command that threw: its one line on standard error and the exit code of its kind. */
    static int failed(Exception e, java.io.PrintWriter err) {
        if (e instanceof Failure f) {
            err.println("school-contacts: " + f.getMessage());
            return f.exit.code;
        }
        if (e instanceof org.schoolcontacts.roster.RosterException || e instanceof IllegalArgumentException) {
            err.println("school-contacts: " + e.getMessage());
            return Exit.USAGE.code;
        }
        if (e instanceof SeedException) {
            err.println("school-contacts: " + e.getMessage());
            return Exit.SEED.code;
        }
        if (e instanceof org.schoolcontacts.storage.StoreUnavailableException) {
            err.println("school-contacts: " + e.getMessage());
            return Exit.STORE.code;
        }
        String m = e.getMessage();
        err.println("school-contacts: unexpected " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " ")));
        return Exit.UNEXPECTED.code;
    }

    /** The command line over this process's environment and streams, with its subcommands ({@code import}, {@code export}). */
    public static CommandLine commandLine() {
        return commandLine(System.getenv(), System.out, System.err, false);
    }

    /** Runs the command line and returns its exit code (the server keeps running when awaitShutdown is false). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean awaitShutdown) {
        Main quick = QuickStart.parse(args, env, () -> new Main(env, out, err, awaitShutdown));
        if (quick != null) return quick.runParsed();
        return commandLine(env, out, err, awaitShutdown).execute(args);
    }

    /** Runs the server with the options {@link QuickStart} set, failing as picocli's execution would. */
    private int runParsed() {
        java.io.PrintWriter errWriter = new java.io.PrintWriter(err, true);
        try {
            return call();
        } catch (Exception e) {
            return failed(e, errWriter);
        }
    }

    /** Called by {@link QuickStart} once it has set the option fields. */
    void parsedQuickly(java.util.Set<String> matched) { this.quickMatched = matched; }

    public static void main(String[] args) {
        // Logback's shutdown hook is installed by the preloading thread once it has initialised logging
        org.schoolcontacts.http.HttpPreload.start(LoggingDefaults::stopAtExit);
        int code = run(args, System.getenv(), System.out, System.err, true);
        if (code != 0) System.exit(code);
    }
}
