package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The external databases are shared by every run (and README tells users to give the server a database
 * of its own, not the suite's): a store contract run deletes the corps it created, so runs do not pile
 * schools up in them. Runs two contract suites in a nested JUnit engine and counts the test corps before
 * and after.
 */
@Tag("external-db")
class StoreContractCleanupTest {
    private static long testCorps(String url, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM corps WHERE corp_id LIKE 'wwtest%'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void runLeavesNoCorp(String contract, String url, String user) throws SQLException {
        // the first run also creates the schema, so the count is taken after it
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute();
        long before = testCorps(url, user);
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
        assertThat(results.succeeded().count()).as(contract + " ran").isPositive();
        assertThat(results.failed().count()).as(contract + " passed").isZero();
        assertThat(testCorps(url, user)).as("test corps left in " + url + " by " + contract).isEqualTo(before);
    }

    @Test
    void aStoreContractRunLeavesNoCorpInTheSharedDatabases() throws Exception {
        runLeavesNoCorp("org.schoolcontacts.tokens.TokenStoreContractPostgresTest", StoreContract.PG_URL, StoreContract.PG_USER);
        runLeavesNoCorp("org.schoolcontacts.tokens.TokenStoreContractMariaDbTest", StoreContract.MARIADB_URL, StoreContract.MARIADB_USER);
    }
}
