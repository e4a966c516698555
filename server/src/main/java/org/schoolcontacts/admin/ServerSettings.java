package org.schoolcontacts.admin;

import org.schoolcontacts.storage.Database;

/** Server-wide settings kept in the store (the admin clock offset), so a restart keeps them. */
public final class ServerSettings {
    private static final String CLOCK_OFFSET = "clock_offset_ms";

    private ServerSettings() {}

    public static long loadClockOffset(Database db) {
        return db.read(tx -> tx.one("SELECT value FROM server_settings WHERE name = ?", rs -> Long.parseLong(rs.getString(1)),
                CLOCK_OFFSET).orElse(0L));
    }

    static void saveClockOffset(Database db, long offset) {
        db.writeServer(tx -> {
            if (tx.update("UPDATE server_settings SET value = ? WHERE name = ?", String.valueOf(offset), CLOCK_OFFSET) == 0) {
                tx.update("INSERT INTO server_settings (name, value) VALUES (?, ?)", CLOCK_OFFSET, String.valueOf(offset));
            }
            return null;
        });
    }
}
