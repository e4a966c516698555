package org.schoolcontacts.storage;

import java.sql.SQLException;

/**
 * Which database constraint an SQL failure broke. The schema is the last line of defence for the rules
 * that must hold under concurrency (a second server process writing the same school), so its refusals
 * must become WeCom errors, never -1. Each driver says it differently.
 */
public enum ConstraintViolation {
    UNIQUE, FOREIGN_KEY, OTHER;

    public static ConstraintViolation of(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof SQLException s)) continue;
            String state = s.getSQLState() == null ? "" : s.getSQLState();
            String message = s.getMessage() == null ? "" : s.getMessage();
            // PostgreSQL: SQLSTATE 23505 / 23503. MariaDB: SQLSTATE 23000 with error 1062 (duplicate
            // key), 1761/1762 (a cascade would duplicate a child's key: InnoDB reports that before the
            // parent's own duplicate, e.g. renaming onto a student who has classes) or 1451/1452
            // (foreign key). SQLite: result code 19 (SQLITE_CONSTRAINT) and a message.
            // Vendor codes only with SQLSTATE class 23, so an SQLite result code can never be mistaken for one.
            int code = state.startsWith("23") ? s.getErrorCode() : 0;
            if (state.equals("23505") || code == 1062 || code == 1761 || code == 1762
                    || message.contains("UNIQUE constraint failed")
                    || message.contains("PRIMARY KEY constraint failed")) {
                return UNIQUE;
            }
            if (state.equals("23503") || code == 1451 || code == 1452
                    || message.contains("FOREIGN KEY constraint failed")) {
                return FOREIGN_KEY;
            }
        }
        return OTHER;
    }
}
