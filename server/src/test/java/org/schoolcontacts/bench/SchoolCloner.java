package org.schoolcontacts.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Grows a PostgreSQL store of one school into many, for the "3 million students in 1,000 schools"
 * workload: every row of the template school in the directory's tables is copied once per new school,
 * in one {@code INSERT ... SELECT} per table with the corp id replaced ({@code generate_series}), in
 * foreign-key order. Tokens, the events outbox, notices and provider state are not copied: a new
 * school starts with none, as a seeded one does. Bench code: it knows the schema's table names, and
 * fails loudly when the schema no longer has them.
 */
final class SchoolCloner {
    /** The tables keyed by corp that make up a school's directory, parents before children. */
    static final List<String> TABLES = List.of("corps", "apps", "departments", "department_admins", "users", "student_classes",
            "parent_children", "corp_settings", "app_notice_settings", "app_scope_departments", "app_scope_students");

    private SchoolCloner() {}

    /** The corp id of clone {@code n} (2, 3, …): 16 characters, like WeCom's. */
    static String corpId(int n) {
        return String.format("wwscale%09d", n);
    }

    /** Copies {@code template} into schools 2..{@code schools}; returns the rows written. */
    static long clone(String url, String user, String template, int schools) throws SQLException {
        long rows = 0;
        try (Connection c = DriverManager.getConnection(url, user, null); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : TABLES) {
                List<String> columns = columns(c, table);
                if (!columns.contains("corp_id")) throw new IllegalStateException(table + " has no corp_id column");
                List<String> select = new ArrayList<>();
                for (String col : columns) select.add(col.equals("corp_id") ? "'wwscale' || lpad(g::text, 9, '0')" : "t." + col);
                rows += st.executeUpdate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", select)
                        + " FROM " + table + " t CROSS JOIN generate_series(2, " + schools + ") g WHERE t.corp_id = '" + template + "'");
            }
            c.commit();
            c.setAutoCommit(true);
            for (String table : TABLES) st.execute("ANALYZE " + table);
        }
        return rows;
    }

    /** Empties the database: the next server start migrates and seeds it from scratch. */
    static void wipe(String url, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }

    static long count(String url, String user, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, "public", table, null)) {
            while (rs.next()) out.add(rs.getString("COLUMN_NAME"));
        }
        if (out.isEmpty()) throw new IllegalStateException("no table " + table + " in the schema");
        return out;
    }
}
