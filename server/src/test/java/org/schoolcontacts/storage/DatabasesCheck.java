package org.schoolcontacts.storage;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Runs once before the server module's tests (the {@code check-databases} execution in
 * {@code server/pom.xml}): connects to the PostgreSQL and MariaDB the contract suites use, with a
 * two-second timeout, and stops the build with one line naming what is missing and how to start it,
 * instead of letting every database test wait for its connection in turn.
 */
public final class DatabasesCheck {
    static final int TIMEOUT_SECONDS = 2;
    static final String SQLITE_ONLY = "./mvnw verify -Psqlite-only";

    private DatabasesCheck() {}

    public static void main(String[] args) {
        String problem = problem(StoreContract.PG_URL, StoreContract.PG_USER, StoreContract.MARIADB_URL, StoreContract.MARIADB_USER);
        if (problem != null) throw new IllegalStateException(problem); // Maven shows it as one [ERROR] line
    }

    /** One line describing every unreachable database, or null when both answer. */
    static String problem(String pgUrl, String pgUser, String mariaUrl, String mariaUser) {
        List<String> missing = new ArrayList<>();
        String pg = probe(new org.postgresql.Driver(), pgUrl, pgUser);
        if (pg != null) {
            missing.add("PostgreSQL at " + pgUrl + " is not usable (" + pg + "): start it (pg_ctlcluster <version> main start) and run "
                    + "createdb -h 127.0.0.1 -U " + pgUser + " " + database(pgUrl));
        }
        String maria = probe(new org.mariadb.jdbc.Driver(), mariaUrl, mariaUser);
        if (maria != null) {
            missing.add("MariaDB at " + mariaUrl + " is not usable (" + maria + "): start it (mariadbd) and run mariadb -h 127.0.0.1 -u"
                    + mariaUser + " -e 'create database " + database(mariaUrl) + "'");
        }
        if (missing.isEmpty()) return null;
        return "school-contacts tests: " + String.join("; ", missing) + " (.ci/run starts both), or run " + SQLITE_ONLY;
    }

    /** Null when a connection opens, else the driver's reason in one line. */
    static String probe(Driver driver, String url, String user) {
        quietDriverLogs();
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        // PostgreSQL takes seconds, MariaDB milliseconds; each ignores the other's key
        p.setProperty("connectTimeout", url.startsWith("jdbc:postgresql:") ? String.valueOf(TIMEOUT_SECONDS)
                : String.valueOf(TIMEOUT_SECONDS * 1000));
        p.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", url.startsWith("jdbc:postgresql:") ? String.valueOf(TIMEOUT_SECONDS * 5)
                : String.valueOf(TIMEOUT_SECONDS * 5000));
        try (Connection c = driver.connect(url, p)) {
            if (c == null) return "not a URL this driver accepts";
            return null;
        } catch (SQLException e) {
            return Database.rootMessage(e);
        }
    }

    /** MariaDB's driver logs every refused login as a warning; the one line above says it all. */
    private static void quietDriverLogs() {
        if (org.slf4j.LoggerFactory.getLogger("org.mariadb.jdbc") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    private static String database(String url) {
        String rest = url.replaceFirst("^jdbc:[a-z]+://[^/]*/?", "");
        int q = rest.indexOf('?');
        String name = q < 0 ? rest : rest.substring(0, q);
        return name.isEmpty() ? "<database>" : name;
    }
}
