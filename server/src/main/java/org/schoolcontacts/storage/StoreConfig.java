package org.schoolcontacts.storage;

import java.nio.file.Path;

/**
 * Where the store lives: the embedded SQLite file in {@code dataDir}, or the database named by
 * {@code dbUrl} (PostgreSQL, MariaDB/MySQL).
 */
public record StoreConfig(Path dataDir, String dbUrl, String dbUser, String dbPassword) {
    public static StoreConfig embedded(Path dataDir) {
        return new StoreConfig(dataDir, null, null, null);
    }

    public static StoreConfig external(String url, String user, String password) {
        return new StoreConfig(null, url, user, password);
    }

    public boolean isEmbedded() { return dbUrl == null || dbUrl.isBlank(); }

    public Dialect dialect() { return isEmbedded() ? Dialect.SQLITE : Dialect.ofUrl(dbUrl); }

    /** For logs and errors: never includes the password. */
    public String describe() {
        return isEmbedded() ? "embedded SQLite in " + dataDir.toAbsolutePath() : dbUrl.replaceAll("password=[^&;]*", "password=***");
    }
}
