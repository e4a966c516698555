package org.schoolcontacts.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.schoolcontacts.Services;
import org.schoolcontacts.admin.ServerSettings;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.corps.AppKind;
import org.schoolcontacts.corps.CorpSpec;
import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.corps.SchoolPermission;
import org.schoolcontacts.wecom.WeComException;

/**
 * Base of every store contract suite: a behaviour class extends this, and one thin subclass per
 * database names the dialect. PostgreSQL and MariaDB are the local servers of the test machine; a
 * test that cannot reach them fails, it never skips. Each test works in a corp of its own (a random
 * corpid), so suites need not wipe the shared databases, and deletes its corps afterwards, so a run leaves
 * nothing behind in them.
 */
public abstract class StoreContract {
    public static final String PG_URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getProperty("test.pg.user", "postgres");
    public static final String MARIADB_URL = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
    public static final String MARIADB_USER = System.getProperty("test.mariadb.user", "root");

    protected Database db;
    protected ServerClock clock;
    protected Services services;
    /** A fresh corp of this test, with the root department and one edit app (secret {@code corpId + "-edit"}). */
    protected String corpId;
    private Path tempDir;
    private final List<String> createdCorps = new java.util.ArrayList<>();

    protected abstract Dialect dialect();

    /** This test's temporary folder (the embedded store lives in it). */
    protected Path tempDir() { return tempDir; }

    public static StoreConfig storeFor(Dialect dialect, Path tempDir) {
        return switch (dialect) {
            case SQLITE -> StoreConfig.embedded(tempDir);
            case POSTGRESQL -> StoreConfig.external(PG_URL, PG_USER, null);
            case MARIADB -> StoreConfig.external(MARIADB_URL, MARIADB_USER, null);
        };
    }

    @BeforeEach
    void openStore() throws Exception {
        tempDir = Files.createTempDirectory("store-contract-");
        db = Database.open(storeFor(dialect(), tempDir));
        clock = ServerClock.system();
        services = Services.over(db, clock);
        ServerSettings.clearClockOffset(db);
        corpId = newCorp();
    }

    /** The errcode a domain call refuses with, or 0 when it succeeds. */
    protected static int errcodeOf(Runnable call) {
        try {
            call.run();
        } catch (WeComException e) {
            return e.errcode();
        }
        return 0;
    }

    /** Moves the server clock as {@code /__admin/clock} does: stored, so every process follows it. */
    protected void moveClock(long offsetMillis) {
        ServerSettings.saveClockOffset(db, offsetMillis);
        clock.setOffsetMillis(offsetMillis);
    }

    /** Creates another corp (root department, apps {@code <corp>-edit}, {@code <corp>-read}) and returns its id. */
    protected String newCorp() {
        String id = "wwtest" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        CorpSpec spec = new CorpSpec(id, "School " + id, false, List.of(
                new CorpSpec.AppSpec(1000001L, "editor", AppKind.SELF_BUILT, SchoolPermission.EDIT, false, true, id + "-edit"),
                new CorpSpec.AppSpec(1000002L, "reader", AppKind.SELF_BUILT, SchoolPermission.READ, false, true, id + "-read")));
        db.writeServer(tx -> CorpStore.createIfAbsent(tx, spec, clock.millis()));
        createdCorps.add(id);
        return id;
    }

    @AfterEach
    void closeStore() throws Exception {
        if (db != null) {
            try {
                // the external databases are shared by every run: leave nothing behind
                for (String corp : createdCorps) db.writeServer(tx -> CorpStore.deleteCorp(tx, corp));
                ServerSettings.clearClockOffset(db);
            } finally {
                db.close();
            }
        }
        if (tempDir != null) {
            try (var paths = Files.walk(tempDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
