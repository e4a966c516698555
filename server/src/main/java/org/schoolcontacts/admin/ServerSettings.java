package org.schoolcontacts.admin;

import org.schoolcontacts.storage.Database;

/** Server-wide settings kept in the store (the admin clock offset), so a restart keeps them. */
public final class ServerSettings {
    private static final String CLOCK_OFFSET = "clock_offset_ms";

    /**
     * A scalar subquery giving the stored clock offset (or null): token checks select it with the
     * token, so every process sharing the store follows {@code /__admin/clock} on its next request.
     */
    public static final String CLOCK_OFFSET_SUBQUERY = "(SELECT value FROM server_settings WHERE name = '" + CLOCK_OFFSET + "')";

    private ServerSettings() {}

    public static long loadClockOffset(Database db) {
        return db.read(tx -> tx.one("SELECT value FROM server_settings WHERE name = ?", rs -> Long.parseLong(rs.getString(1)),
                CLOCK_OFFSET).orElse(0L));
    }

    /** Stores the offset every process sharing the store follows from its next token check. */
    public static void saveClockOffset(Database db, long offset) {
        db.writeServer(tx -> {
            if (tx.update("UPDATE server_settings SET value = ? WHERE name = ?", String.valueOf(offset), CLOCK_OFFSET) == 0) {
                tx.update("INSERT INTO server_settings (name, value) VALUES (?, ?)", CLOCK_OFFSET, String.valueOf(offset));
            }
            return null;
        });
    }

    /** Forgets a stored offset (back to real time everywhere). */
    public static void clearClockOffset(Database db) {
        db.writeServer(tx -> tx.update("DELETE FROM server_settings WHERE name = ?", CLOCK_OFFSET));
    }
}
