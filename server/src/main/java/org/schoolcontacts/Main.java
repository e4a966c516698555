package org.schoolcontacts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.schoolcontacts.admin.SeedException;
import org.schoolcontacts.admin.Seeder;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.storage.StoreConfig;
import org.schoolcontacts.storage.StoreUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of running.md. Every option also reads {@code SCHOOL_CONTACTS_<OPTION>} from the
 * environment; the command line wins.
 */
@Command(name = "school-contacts", mixinStandardHelpOptions = true, version = "school-contacts 0.1.0",
        description = "Self-hostable emulator of WeCom's home-school contacts API (家校通讯录).")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:SCHOOL_CONTACTS_PORT:-8080}", description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "${env:SCHOOL_CONTACTS_HOST:-127.0.0.1}", description = "address to bind (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data-dir", defaultValue = "${env:SCHOOL_CONTACTS_DATA_DIR:-./data}", description = "folder of the embedded store (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--db-url", defaultValue = "${env:SCHOOL_CONTACTS_DB_URL}", description = "JDBC URL of PostgreSQL or MariaDB/MySQL instead of the embedded store")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:SCHOOL_CONTACTS_DB_USER}", description = "user for --db-url")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:SCHOOL_CONTACTS_DB_PASSWORD}", description = "password for --db-url")
    String dbPassword;

    @Option(names = "--seed", defaultValue = "${env:SCHOOL_CONTACTS_SEED}", description = "seed file (default: the built-in demo school)")
    Path seed;

    @Option(names = "--print-credentials", defaultValue = "${env:SCHOOL_CONTACTS_PRINT_CREDENTIALS:-false}", fallbackValue = "true",
            arity = "0..1", description = "print every seeded app's credentials after the readiness line")
    boolean printCredentials;

    @Option(names = "--admin-token", defaultValue = "${env:SCHOOL_CONTACTS_ADMIN_TOKEN}", description = "require 'Authorization: Bearer T' on /__admin/*")
    String adminToken;

    @Option(names = "--journal-size", defaultValue = "${env:SCHOOL_CONTACTS_JOURNAL_SIZE:-2000}",
            description = "how many of the latest calls GET /__admin/requests keeps; 0 keeps none (default ${DEFAULT-VALUE})")
    int journalSize;

    @Override
    public Integer call() throws Exception {
        if (seed != null && !Files.isReadable(seed)) throw new IllegalArgumentException("--seed " + seed + ": no such readable file");
        StoreConfig store = dbUrl == null || dbUrl.isBlank() ? StoreConfig.embedded(dataDir)
                : StoreConfig.external(dbUrl, dbUser, dbPassword);
        if (!store.isEmbedded()) store.dialect(); // rejects an unsupported URL early
        ServerConfig config = new ServerConfig(host, port, store, seed == null ? null : Seeder.readFile(seed),
                printCredentials, adminToken, journalSize);
        SchoolContacts server = SchoolContacts.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("school-contacts listening on " + server.listeningUrl());
        if (server.usesDemoSchool() || printCredentials) printCredentials(server);
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static void printCredentials(SchoolContacts server) {
        for (CorpSpec corp : server.seededCorps()) {
            System.out.println("corp " + corp.corpId() + " (" + corp.name() + ")");
            for (CorpSpec.AppSpec app : corp.apps()) {
                System.out.println("  corpid=" + corp.corpId() + " agentid=" + (app.agentid() == null ? "-" : app.agentid())
                        + " kind=" + app.kind().wireName() + " permission=" + permissionText(corp, app)
                        + " secret=" + app.secret());
            }
        }
        System.out.println("try: curl 'http://" + server.baseUrl().replace("http://", "") + "/cgi-bin/gettoken?corpid="
                + server.seededCorps().get(0).corpId() + "&corpsecret=" + server.seededCorps().get(0).apps().get(0).secret() + "'");
    }

    private static String permissionText(CorpSpec corp, CorpSpec.AppSpec app) {
        if (app.kind() != org.schoolcontacts.corps.AppKind.SYSTEM) return app.permission().wireName();
        return corp.systemSecretAccepted() ? "edit" : "none(system secret refused: corp set up after 2023-12-01)";
    }

    public static void main(String[] args) {
        LoggingDefaults.apply();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("school-contacts: " + oneLine(e));
            return 2;
        });
        int code = cli.execute(args);
        if (code != 0) System.exit(code);
    }

    private static String oneLine(Exception e) {
        if (e instanceof SeedException || e instanceof StoreUnavailableException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e.getCause() instanceof java.net.BindException || e instanceof java.net.BindException
                || String.valueOf(e.getMessage()).contains("Failed to bind")) {
            return "cannot listen: " + e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
    }
}
