package org.schoolcontacts.storage;

/** The three SQL dialects the store speaks; SQL differs between them only where this enum says. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql"),
    MARIADB("mariadb");

    private final String folder;

    Dialect(String folder) { this.folder = folder; }

    /** Classpath folder of this dialect's migrations. */
    public String migrationFolder() { return "db/" + folder; }

    public static Dialect ofUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) return MARIADB;
        if (url.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("jdbc:sqlite: is not a --db-url: leave --db-url out for the embedded SQLite store, "
                    + "kept in --data-dir");
        }
        throw new IllegalArgumentException("not a supported URL (use jdbc:postgresql://, jdbc:mariadb:// or jdbc:mysql://)");
    }

    /** The statement that locks the corp row for the rest of a write transaction and reads its sequence counter. */
    String lockCorpSql() {
        // SQLite takes the database write lock at BEGIN IMMEDIATE, so a plain read suffices. The change
        // mark is advanced when the transaction ends ({@link Tx#flushSeq}), not here: on PostgreSQL an
        // UPDATE ... RETURNING as the lock measured worse for the school day (1,022 against 1,187
        // requests/s at 8 connections, p99 254 against 129 ms, one run side by side; issue 15).
        return this == SQLITE
                ? "SELECT next_seq FROM corps WHERE corp_id = ?"
                : "SELECT next_seq FROM corps WHERE corp_id = ? FOR UPDATE";
    }

    /**
     * Whether writes advance the change marks ({@link ChangeMarks}): the networked stores. The embedded
     * store tells changes by SQLite's own {@code data_version} ({@link EmbeddedChanges}).
     */
    boolean keepsChangeMarks() { return this != SQLITE; }

    /** Whether an SQL failure is a transient conflict worth retrying the whole transaction. */
    public boolean isRetryable(java.sql.SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof java.sql.SQLException s)) continue;
            String state = s.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state)) return true;
            if (this == MARIADB && (s.getErrorCode() == 1213 || s.getErrorCode() == 1205)) return true;
            if (this == SQLITE && s.getMessage() != null
                    && (s.getMessage().contains("SQLITE_BUSY") || s.getMessage().contains("database is locked"))) return true;
        }
        return false;
    }
}
