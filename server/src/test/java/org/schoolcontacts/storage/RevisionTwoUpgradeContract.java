package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a store written before revision 2 (schema version 2) on each database: migration V3
 * gives every corp its parent counter (the 65018 cap's) and the verified flag, and keeps a repeated
 * student mobile on its earliest student only, so the new unique key (60149) can be created. Each
 * test works in a fresh, empty schema of its own (a temporary SQLite folder, a PostgreSQL schema, a
 * MariaDB database), dropped afterwards.
 */
abstract class RevisionTwoUpgradeContract {
    protected abstract Dialect dialect();

    private String name;
    private Path dir;

    /** A JDBC URL of the fresh, empty schema. */
    private String url() {
        return switch (dialect()) {
            case SQLITE -> "jdbc:sqlite:" + dir.resolve("school-contacts.db").toAbsolutePath();
            case POSTGRESQL -> StoreContract.PG_URL + (StoreContract.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
            case MARIADB -> StoreContract.MARIADB_URL.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
        };
    }

    private StoreConfig config() {
        return switch (dialect()) {
            case SQLITE -> StoreConfig.embedded(dir);
            case POSTGRESQL -> StoreConfig.external(url(), StoreContract.PG_USER, null);
            case MARIADB -> StoreConfig.external(url(), StoreContract.MARIADB_USER, null);
        };
    }

    private Connection admin() throws SQLException {
        return switch (dialect()) {
            case SQLITE -> DriverManager.getConnection(url());
            case POSTGRESQL -> DriverManager.getConnection(StoreContract.PG_URL, StoreContract.PG_USER, null);
            case MARIADB -> DriverManager.getConnection(StoreContract.MARIADB_URL, StoreContract.MARIADB_USER, null);
        };
    }

    @BeforeEach
    void emptySchema() throws Exception {
        name = "rev2_upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        dir = Files.createTempDirectory("rev2-upgrade-");
        try (Connection c = admin(); Statement st = c.createStatement()) {
            switch (dialect()) {
                case POSTGRESQL -> st.execute("CREATE SCHEMA " + name);
                case MARIADB -> st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                case SQLITE -> { }
            }
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            switch (dialect()) {
                case POSTGRESQL -> st.execute("DROP SCHEMA " + name + " CASCADE");
                case MARIADB -> st.execute("DROP DATABASE " + name);
                case SQLITE -> { }
            }
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = RevisionTwoUpgradeContract.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The schema as version 2 left it, recorded as the migrator records it. */
    private void schemaVersionTwo(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
            int version = 1;
            for (String file : List.of("V1__school_contacts.sql", "V2__rename_limit.sql")) {
                String sql = resource(dialect().migrationFolder() + "/" + file);
                for (String statement : Migrator.statements(sql)) st.execute(statement);
                String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
                st.execute("INSERT INTO schema_version (version, script, checksum, applied_at) VALUES (" + version++ + ", '" + file
                        + "', '" + sum + "', 0)");
            }
        }
    }

    private static void user(Statement st, String corp, String id, int type, String mobile, String parentMobile, long seq) throws SQLException {
        st.execute("INSERT INTO users (corp_id, user_key, userid, user_type, name, mobile, parent_mobile, created_seq) VALUES ('"
                + corp + "', '" + id + "', '" + id + "', " + type + ", 'n', " + (mobile == null ? "NULL" : "'" + mobile + "'") + ", "
                + (parentMobile == null ? "NULL" : "'" + parentMobile + "'") + ", " + seq + ")");
    }

    @Test
    void upgradingKeepsARepeatedStudentMobileOnItsEarliestStudentAndCountsEachSchoolsParents() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), dialect() == Dialect.POSTGRESQL ? StoreContract.PG_USER
                : dialect() == Dialect.MARIADB ? StoreContract.MARIADB_USER : null, null); Statement st = c.createStatement()) {
            schemaVersionTwo(c);
            for (String corp : List.of("wwa", "wwb")) {
                st.execute("INSERT INTO corps (corp_id, name, next_seq, created_at) VALUES ('" + corp + "', 'S', 100, 0)");
            }
            user(st, "wwa", "s3", 1, "555", null, 3);
            user(st, "wwa", "s1", 1, "555", null, 1);
            user(st, "wwa", "s2", 1, "555", null, 2);
            user(st, "wwa", "s4", 1, "556", null, 4);
            user(st, "wwa", "p1", 2, null, "555", 5);
            user(st, "wwa", "p2", 2, null, "557", 6);
            user(st, "wwb", "s1", 1, "555", null, 1);
        }
        try (Database db = Database.open(config())) {
            List<String> holders = db.read(tx -> tx.query("SELECT corp_id, user_key FROM users WHERE mobile = '555' ORDER BY corp_id",
                    rs -> rs.getString(1) + ":" + rs.getString(2)));
            assertThat(holders).as("the earliest student of each school keeps it").containsExactly("wwa:s1", "wwb:s1");
            List<String> kept = db.read(tx -> tx.query("SELECT user_key FROM users WHERE corp_id = 'wwa' AND mobile IS NOT NULL ORDER BY user_key",
                    rs -> rs.getString(1)));
            assertThat(kept).containsExactly("s1", "s4");
            List<String> counters = db.read(tx -> tx.query("SELECT corp_id, parent_count, verified FROM corps ORDER BY corp_id",
                    rs -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3)));
            assertThat(counters).containsExactly("wwa 2 1", "wwb 0 1");
            // the students' mobile key is there now
            List<String> refused = new ArrayList<>();
            try {
                db.writeServer(tx -> tx.update("UPDATE users SET mobile = '555' WHERE corp_id = 'wwa' AND user_key = 's2'"));
            } catch (Database.StoreFailure e) {
                refused.add(e.getMessage());
            }
            assertThat(refused).hasSize(1);
        }
    }
}
