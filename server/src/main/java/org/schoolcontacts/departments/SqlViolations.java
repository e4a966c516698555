package org.schoolcontacts.departments;

import java.sql.SQLException;

/**
 * Recognises the two constraint violations the department rules lean on, in all three dialects: a
 * duplicate key (two creates of one id racing: the loser answers 60008) and a restricting foreign key
 * (a class that still has students: 60005). Anything else stays an unexpected failure (-1).
 */
final class SqlViolations {
    private SqlViolations() {}

    static boolean duplicateKey(SQLException e) {
        return matches(e, "23505", 1062, "UNIQUE constraint failed", "PRIMARY KEY constraint failed");
    }

    static boolean foreignKey(SQLException e) {
        return matches(e, "23503", 1451, "FOREIGN KEY constraint failed", null);
    }

    /** PostgreSQL by SQLSTATE, MariaDB by vendor code, SQLite by its message (it reports no SQLSTATE). */
    private static boolean matches(SQLException e, String pgState, int mariaDbCode, String sqlite, String sqliteAlso) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (SQLException s = t instanceof SQLException se ? se : null; s != null; s = s.getNextException()) {
                if (pgState.equals(s.getSQLState())) return true;
                if (s.getErrorCode() == mariaDbCode && "23000".equals(s.getSQLState())) return true;
                String m = s.getMessage();
                if (m != null && (m.contains(sqlite) || (sqliteAlso != null && m.contains(sqliteAlso)))) return true;
            }
        }
        return false;
    }
}
