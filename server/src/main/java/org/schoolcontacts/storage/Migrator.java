package org.schoolcontacts.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Applies the dialect's migration files in order and records each in {@code schema_version}, with a
 * checksum so an edited, already-applied file is noticed. Several processes starting at once are
 * kept apart by a database-level lock. (A dozen lines of SQL bookkeeping instead of Flyway, whose
 * newer releases split SQLite and MariaDB support into separate modules with their own versions.)
 */
final class Migrator {
    private final Database db;

    Migrator(Database db) { this.db = db; }

    void migrate() throws SQLException, IOException {
        Dialect dialect = db.dialect();
        List<String> files = listFiles(dialect);
        try (Connection c = db.writeDataSource().getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            lock(c, dialect);
            try {
                for (String file : files) {
                    int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
                    String sql = read(dialect.migrationFolder() + "/" + file);
                    String checksum = sha256(sql);
                    String applied = null;
                    try (var ps = c.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
                        ps.setInt(1, version);
                        try (var rs = ps.executeQuery()) {
                            if (rs.next()) applied = rs.getString(1);
                        }
                    }
                    if (applied != null) {
                        if (!applied.equals(checksum)) {
                            throw new SQLException("migration " + file + " changed after it was applied");
                        }
                        continue;
                    }
                    apply(c, dialect, sql);
                    try (var ps = c.prepareStatement(
                            "INSERT INTO schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                        ps.setInt(1, version);
                        ps.setString(2, file);
                        ps.setString(3, checksum);
                        ps.setLong(4, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                }
            } finally {
                unlock(c, dialect);
            }
        }
    }

    private static void apply(Connection c, Dialect dialect, String sql) throws SQLException {
        // PostgreSQL and SQLite apply DDL transactionally; MariaDB commits each DDL statement itself.
        boolean transactional = dialect != Dialect.MARIADB;
        if (transactional) c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String statement : statements(sql)) st.execute(statement);
            if (transactional) c.commit();
        } catch (SQLException e) {
            if (transactional) c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) continue;
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        return out;
    }

    private static void lock(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement()) {
            switch (dialect) {
                case POSTGRESQL -> st.execute("SELECT pg_advisory_lock(727274)");
                case MARIADB -> st.execute("SELECT GET_LOCK('school_contacts_migrate', 60)");
                case SQLITE -> { /* the single write connection and file lock serialise migrations */ }
            }
        }
    }

    private static void unlock(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement()) {
            switch (dialect) {
                case POSTGRESQL -> st.execute("SELECT pg_advisory_unlock(727274)");
                case MARIADB -> st.execute("SELECT RELEASE_LOCK('school_contacts_migrate')");
                case SQLITE -> { }
            }
        }
    }

    private static List<String> listFiles(Dialect dialect) throws IOException {
        List<String> files = new ArrayList<>();
        for (String line : read(dialect.migrationFolder() + "/migrations.txt").split("\n")) {
            if (!line.isBlank()) files.add(line.strip());
        }
        return files;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
