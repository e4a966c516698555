package org.schoolcontacts.corps;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.storage.Tx;

/** Corps and their apps in SQL. */
public final class CorpStore {
    private CorpStore() {}

    /**
     * SQL condition on a {@code users} row: it may change its userid again. {@code renamed} counts its
     * changes; the school's {@code rename_limit} (default 1, 0 = no limit; spec 12 Q5) caps them. Used in
     * the conditional UPDATE of every rename, so the limit holds against concurrent writers too.
     */
    public static final String RENAME_ALLOWED = "(users.renamed < (SELECT c.rename_limit FROM corps c WHERE c.corp_id = users.corp_id)"
            + " OR (SELECT c.rename_limit FROM corps c WHERE c.corp_id = users.corp_id) = 0)";

    /** A select column: 1 when the row's userid changes are used up, else 0. */
    public static final String RENAMES_USED_UP = "CASE WHEN " + RENAME_ALLOWED + " THEN 0 ELSE 1 END";

    /** Admin: sets a school's rename limit (0 = unlimited); false when there is no such corp. */
    public static boolean setRenameLimit(Tx tx, String corpId, int limit) throws SQLException {
        return tx.update("UPDATE corps SET rename_limit = ? WHERE corp_id = ?", limit, corpId) == 1;
    }

    /** Admin: sets a school's verified flag (its parent cap, spec 5.4); false when there is no such corp. */
    public static boolean setVerified(Tx tx, String corpId, boolean verified) throws SQLException {
        return tx.update("UPDATE corps SET verified = ? WHERE corp_id = ?", verified ? 1 : 0, corpId) == 1;
    }

    /** The corp's verified flag, or empty when there is no such corp. */
    public static Optional<Boolean> verified(Tx tx, String corpId) throws SQLException {
        return tx.one("SELECT verified FROM corps WHERE corp_id = ?", rs -> rs.getInt(1) == 1, corpId);
    }

    /**
     * Admin: enables or disables an app (spec 2: gettoken answers 40001, its tokens 50003 while it is
     * disabled); false when the corp has no app with this agentid.
     */
    public static boolean setAppEnabled(Tx tx, String corpId, long agentid, boolean enabled) throws SQLException {
        return tx.update("UPDATE apps SET enabled = ? WHERE corp_id = ? AND agentid = ?", enabled ? 1 : 0, corpId, agentid) == 1;
    }

    /**
     * How many other enabled apps of the corp edit its home-school contacts as {@code kind} does: one editing
     * self-built app and one editing third-party app per school (spec 3.1, D-91638, D-91885). A disabled
     * (or cancelled) app edits nothing, so it does not count.
     */
    public static long otherEnabledEditors(Tx tx, String corpId, String kind, long agentid) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM apps WHERE corp_id = ? AND kind = ? AND permission = 'edit' AND enabled = 1 "
                + "AND (agentid IS NULL OR agentid <> ?)", corpId, kind, agentid);
    }

    /** An app as the admin API shows it (its secret masked). */
    public record AppView(long agentid, String name, String kind, String schoolContacts, boolean mobileAuthorized, boolean enabled) {}

    public static Optional<AppView> app(Tx tx, String corpId, long agentid) throws SQLException {
        return tx.one("SELECT agentid, name, kind, permission, mobile_authorized, enabled FROM apps WHERE corp_id = ? AND agentid = ?",
                rs -> new AppView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1,
                        rs.getInt(6) == 1), corpId, agentid);
    }

    /** Creates the corp, its root department and apps; false if the corp already exists (left as it is). */
    public static boolean createIfAbsent(Tx tx, CorpSpec corp, long now) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = ?", corp.corpId()) > 0) return false;
        tx.update("INSERT INTO corps (corp_id, name, system_secret_accepted, verified, next_seq, created_at) VALUES (?, ?, ?, ?, 2, ?)",
                corp.corpId(), corp.name(), corp.systemSecretAccepted() ? 1 : 0, corp.verified() ? 1 : 0, now);
        // The school itself is the root department: id 1, parent 0, type 5 (spec 1.4, 5.1).
        tx.update("INSERT INTO departments (corp_id, dept_id, parent_id, name, type, created_seq) VALUES (?, 1, 0, ?, 5, 1)",
                corp.corpId(), corp.name());
        for (CorpSpec.AppSpec app : corp.apps()) {
            tx.update("INSERT INTO apps (corp_id, app_id, agentid, name, kind, permission, mobile_authorized, enabled, secret) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    corp.corpId(), app.appId(), app.agentid(), app.name(), app.kind().wireName(),
                    app.permission().wireName(), app.mobileAuthorized() ? 1 : 0, app.enabled() ? 1 : 0, app.secret());
        }
        return true;
    }

    public static boolean exists(Tx tx, String corpId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM corps WHERE corp_id = ?", corpId) > 0;
    }

    /** The app of {@code corpId} with this secret. */
    public static Optional<AppRow> appBySecret(Tx tx, String corpId, String secret) throws SQLException {
        return tx.one("SELECT app_id, enabled, agentid FROM apps WHERE corp_id = ? AND secret = ?",
                rs -> {
                    long agentid = rs.getLong(3);
                    return new AppRow(rs.getString(1), rs.getInt(2) == 1, rs.wasNull() ? null : agentid);
                }, corpId, secret);
    }

    /** Whether some other corp has an app with this secret (40091 rather than 40001). */
    public static boolean secretBelongsToAnotherCorp(Tx tx, String corpId, String secret) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM apps WHERE secret = ? AND corp_id <> ?", secret, corpId) > 0;
    }

    public static List<String> corpIds(Tx tx) throws SQLException {
        return tx.query("SELECT corp_id FROM corps ORDER BY corp_id", rs -> rs.getString(1));
    }

    /** Every school of the store, by corp id: its id and the name it was set up with. */
    public static List<School> schools(Tx tx) throws SQLException {
        return tx.query("SELECT corp_id, name FROM corps ORDER BY corp_id", rs -> new School(rs.getString(1), rs.getString(2)));
    }

    public record School(String corpId, String name) {}

    /** A corp as its seed would describe it (apps with their secrets), for a seed export; empty when unknown. */
    public static Optional<CorpSpec> spec(Tx tx, String corpId) throws SQLException {
        Optional<Object[]> corp = tx.one("SELECT name, system_secret_accepted, verified FROM corps WHERE corp_id = ?",
                rs -> new Object[] {rs.getString(1), rs.getInt(2) == 1, rs.getInt(3) == 1}, corpId);
        if (corp.isEmpty()) return Optional.empty();
        List<CorpSpec.AppSpec> apps = tx.query("SELECT agentid, name, kind, permission, mobile_authorized, enabled, secret FROM apps "
                        + "WHERE corp_id = ? ORDER BY CASE WHEN agentid IS NULL THEN 1 ELSE 0 END, agentid",
                rs -> {
                    long agent = rs.getLong(1);
                    Long agentid = rs.wasNull() ? null : agent;
                    return new CorpSpec.AppSpec(agentid, rs.getString(2), AppKind.parse(rs.getString(3)),
                            SchoolPermission.parse(rs.getString(4)), rs.getInt(5) == 1, rs.getInt(6) == 1, rs.getString(7));
                }, corpId);
        return Optional.of(new CorpSpec(corpId, (String) corp.get()[0], (Boolean) corp.get()[1], (Boolean) corp.get()[2], apps));
    }

    /** An app found by its secret; {@code agentid} is null for the system app. */
    public record AppRow(String appId, boolean enabled, Long agentid) {}

    /**
     * The tables holding a school's rows, children before parents: what deleting a corp (or every
     * corp, on reset) deletes, in this order. A feature adding a table keyed by corp adds it here, or
     * registers it with {@code admin.Reset}.
     */
    public static final List<String> CORP_TABLES = List.of("notice_recipients", "notices", "app_scope_students", "app_scope_departments",
            "app_notice_settings", "oauth_codes", "auth_codes", "authorisations", "corp_settings",
            "event_attempts", "event_deliveries", "event_streams", "app_callbacks", "parent_children", "student_classes",
            "users", "department_admins", "departments", "tokens", "apps", "corps");

    /** Deletes one school and everything it holds; false when there was no such corp. */
    public static boolean deleteCorp(Tx tx, String corpId) throws SQLException {
        int n = 0;
        for (String table : CORP_TABLES) n = tx.update("DELETE FROM " + table + " WHERE corp_id = ?", corpId);
        return n > 0;
    }
}
