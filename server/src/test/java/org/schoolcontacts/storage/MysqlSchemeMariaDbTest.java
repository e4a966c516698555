package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** README offers {@code jdbc:mysql://} for MySQL servers; the MariaDB driver serves it. */
class MysqlSchemeMariaDbTest {

    @Test
    void aJdbcMysqlUrlOpensTheStoreThroughTheMariadbDriver() {
        String url = StoreContract.MARIADB_URL.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
        assertThat(url).startsWith("jdbc:mysql://");
        try (Database db = Database.open(StoreConfig.external(url, StoreContract.MARIADB_USER, null))) {
            assertThat(db.dialect()).isEqualTo(Dialect.MARIADB);
            long settings = db.read(tx -> tx.count("SELECT COUNT(*) FROM server_settings"));
            assertThat(settings).isNotNegative();
        }
    }

    @Test
    void aMysqlUrlThatAlreadyPermitsTheSchemeIsLeftAlone() {
        assertThat(Database.jdbcUrl("jdbc:mysql://h/db?permitMysqlScheme&x=1")).isEqualTo("jdbc:mysql://h/db?permitMysqlScheme&x=1");
        assertThat(Database.jdbcUrl("jdbc:mysql://h/db?useSsl=false")).isEqualTo("jdbc:mysql://h/db?useSsl=false&permitMysqlScheme");
        assertThat(Database.jdbcUrl("jdbc:mariadb://h/db")).isEqualTo("jdbc:mariadb://h/db");
    }
}
