package org.schoolcontacts.reliability;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.schoolcontacts.storage.Database;

/**
 * Every row of every table of a store, read in one snapshot and sorted, so two snapshots are equal
 * exactly when the data is. Used to prove that a refused request changed nothing.
 */
record StoreSnapshot(TreeMap<String, List<String>> tables) {
    /** Tables that change on their own and say nothing about a school's data. */
    private static final Set<String> IGNORED = Set.of("schema_migrations", "schema_version", "migrations");

    static StoreSnapshot of(Database db) {
        return db.read(tx -> {
            TreeMap<String, List<String>> tables = new TreeMap<>();
            DatabaseMetaData meta = tx.connection().getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(tx.connection().getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && !schema.equalsIgnoreCase("public")) continue;
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String name : names) {
                if (IGNORED.contains(name.toLowerCase(Locale.ROOT))) continue;
                List<String> rows = new ArrayList<>();
                try (PreparedStatement ps = tx.connection().prepareStatement("SELECT * FROM " + name);
                     ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData m = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= m.getColumnCount(); c++) row.append(c == 1 ? "" : " | ").append(rs.getString(c));
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(name.toLowerCase(Locale.ROOT), rows);
            }
            return new StoreSnapshot(tables);
        });
    }

    /** The tables whose rows differ, with the rows only one side has (for a failure message). */
    String differenceFrom(StoreSnapshot before) {
        StringBuilder d = new StringBuilder();
        for (String t : tables.keySet()) {
            List<String> now = tables.get(t);
            List<String> then = before.tables.getOrDefault(t, List.of());
            if (now.equals(then)) continue;
            List<String> added = new ArrayList<>(now);
            added.removeAll(then);
            List<String> removed = new ArrayList<>(then);
            removed.removeAll(now);
            d.append(t).append(": added ").append(added).append(", removed ").append(removed).append('\n');
        }
        return d.toString();
    }
}
