package org.schoolcontacts.process;

import org.schoolcontacts.corps.CorpStore;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreConfig;

/**
 * The external databases the process tests start servers on: the test machine's local PostgreSQL and
 * MariaDB, overridable with the same {@code -Dtest.pg.url} / {@code -Dtest.mariadb.url} the store
 * contract suites read, so a contributor can point a whole run at databases of their own.
 */
final class TestDatabases {
    static final String PG_URL = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("test.pg.user", "postgres");
    static final String MARIADB_URL = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
    static final String MARIADB_USER = System.getProperty("test.mariadb.user", "root");

    private TestDatabases() {}

    /** Deletes a corp a test created in one of these databases, so a run leaves nothing behind. */
    static void deleteCorp(String url, String user, String corpId) {
        try (Database db = Database.open(StoreConfig.external(url, user, null))) {
            db.writeServer(tx -> CorpStore.deleteCorp(tx, corpId));
        }
    }
}
