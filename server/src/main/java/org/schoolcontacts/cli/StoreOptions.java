package org.schoolcontacts.cli;

import java.nio.file.Path;
import org.schoolcontacts.Services;
import org.schoolcontacts.admin.ServerSettings;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreConfig;
import picocli.CommandLine.Option;

/**
 * The store options of the server (running.md), for the subcommands that work on a store: the same
 * names, environment variables and defaults, so {@code import} and {@code export} reach the store a
 * server uses (which may be running meanwhile: every write locks its school, as the server's do).
 */
public final class StoreOptions {
    @Option(names = "--data-dir", defaultValue = "${env:SCHOOL_CONTACTS_DATA_DIR:-./data}", description = "folder of the embedded store (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--db-url", defaultValue = "${env:SCHOOL_CONTACTS_DB_URL}", description = "JDBC URL of PostgreSQL or MariaDB/MySQL instead of the embedded store")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:SCHOOL_CONTACTS_DB_USER}", description = "user for --db-url")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:SCHOOL_CONTACTS_DB_PASSWORD}", description = "password for --db-url")
    String dbPassword;

    StoreConfig config() {
        StoreConfig store = dbUrl == null || dbUrl.isBlank() ? StoreConfig.embedded(dataDir) : StoreConfig.external(dbUrl, dbUser, dbPassword);
        if (!store.isEmbedded()) store.dialect(); // rejects an unsupported URL early
        return store;
    }

    /** Opens (and migrates) the store with the server's clock offset, and builds the domain services over it. */
    static Services open(StoreConfig config) {
        Database db = Database.open(config);
        ServerClock clock = ServerClock.system();
        clock.setOffsetMillis(ServerSettings.loadClockOffset(db));
        return Services.over(db, clock);
    }
}
