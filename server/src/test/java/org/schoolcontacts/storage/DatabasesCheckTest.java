package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The start-of-run check names a missing database in one line, with how to start or create it. */
class DatabasesCheckTest {
    private static final String NOWHERE_PG = "jdbc:postgresql://127.0.0.1:1/sc_nowhere";
    private static final String NOWHERE_MARIADB = "jdbc:mariadb://127.0.0.1:1/sc_nowhere";

    @Test
    void bothDatabasesMissingAreNamedInOneLineWithHowToStartThemAndTheSqliteOnlyRun() {
        String line = DatabasesCheck.problem(NOWHERE_PG, "postgres", NOWHERE_MARIADB, "root");
        assertThat(line).doesNotContain("\n")
                .contains("PostgreSQL at " + NOWHERE_PG + " is not usable").contains("pg_ctlcluster")
                .contains("createdb -h 127.0.0.1 -U postgres sc_nowhere")
                .contains("MariaDB at " + NOWHERE_MARIADB + " is not usable").contains("mariadbd")
                .contains("create database sc_nowhere")
                .endsWith("or run ./mvnw verify -Psqlite-only");
    }

    @Tag("external-db")
    @Test
    void onlyTheMissingDatabaseIsNamed() {
        String line = DatabasesCheck.problem(StoreContract.PG_URL, StoreContract.PG_USER, NOWHERE_MARIADB, "root");
        assertThat(line).contains("MariaDB at").doesNotContain("PostgreSQL at");
    }

    @Tag("external-db")
    @Test
    void anUnknownDatabaseOnARunningServerIsNamed() {
        String url = StoreContract.MARIADB_URL.replaceFirst("/[^/?]*(\\?.*)?$", "/sc_no_such_database_here");
        String line = DatabasesCheck.problem(StoreContract.PG_URL, StoreContract.PG_USER, url, StoreContract.MARIADB_USER);
        assertThat(line).contains("Unknown database 'sc_no_such_database_here'").contains("create database sc_no_such_database_here");
    }

    @Tag("external-db")
    @Test
    void nothingIsReportedWhenBothAnswer() {
        assertThat(DatabasesCheck.problem(StoreContract.PG_URL, StoreContract.PG_USER, StoreContract.MARIADB_URL,
                StoreContract.MARIADB_USER)).isNull();
    }
}
