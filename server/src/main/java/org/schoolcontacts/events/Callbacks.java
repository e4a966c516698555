package org.schoolcontacts.events;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.schoolcontacts.storage.Dialect;
import org.schoolcontacts.storage.Tx;

/** App callbacks in SQL, and which receivers of a corp are eligible for change events (spec events §1.1). */
final class Callbacks {
    private Callbacks() {}

    record AppCallback(String url, String token, String aesKey, boolean schoolContactEvents, boolean verified) {}

    static Optional<AppCallback> find(Tx tx, String corpId, String appId) throws SQLException {
        return tx.one("SELECT url, token, aes_key, school_contact_events, verified FROM app_callbacks WHERE corp_id = ? AND app_id = ?",
                rs -> new AppCallback(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, rs.getInt(5) == 1),
                corpId, appId);
    }

    static void put(Tx tx, String corpId, String appId, String agentid, AppCallback cb) throws SQLException {
        tx.update("DELETE FROM app_callbacks WHERE corp_id = ? AND app_id = ?", corpId, appId);
        tx.update("INSERT INTO app_callbacks (corp_id, app_id, url, token, aes_key, school_contact_events, verified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                corpId, appId, cb.url(), cb.token(), cb.aesKey(), cb.schoolContactEvents() ? 1 : 0, cb.verified() ? 1 : 0);
        ensureStream(tx, Receiver.appStream(corpId, agentid), corpId);
    }

    /** Removes the callback; its queued deliveries become {@code cancelled}. False when there was none. */
    static boolean delete(Tx tx, String corpId, String appId, String agentid, long now) throws SQLException {
        int n = tx.update("DELETE FROM app_callbacks WHERE corp_id = ? AND app_id = ?", corpId, appId);
        tx.update("UPDATE event_deliveries SET status = 'cancelled', finished_at = ? WHERE stream_key = ? AND status IN ('pending', 'delivering')",
                now, Receiver.appStream(corpId, agentid));
        return n == 1;
    }

    /**
     * Self-built apps: enabled, callback set, the 「外部联系人变更回调」 switch on, and a school permission
     * that lets them see the directory. Agency apps: enabled (a cancelled authorisation disables the
     * app), a callback of their own or their template's {@code app_callback}, any school permission (their
     * doc has no switch) and, when installed from a template, an active authorisation. Third-party
     * suites: an active authorisation with {@code read} or {@code edit} and an instruction URL. Third-party apps themselves and system apps never receive app events.
     */
    static List<Receiver> eligible(Tx tx, String corpId) throws SQLException {
        // One statement, as every write that records a change asks it first: the apps in agentid order, then the suites in suite_id order.
        return tx.query("SELECT 0 AS receiver_kind, a.agentid AS agentid, NULL AS suite_id, 0 AS batch_events FROM apps a "
                        + "LEFT JOIN app_callbacks cb ON cb.corp_id = a.corp_id AND cb.app_id = a.app_id "
                        + "LEFT JOIN suites s ON s.suite_id = a.suite_id "
                        + "WHERE a.corp_id = ? AND a.enabled = 1 AND a.agentid IS NOT NULL AND ("
                        + "(a.kind = 'self_built' AND cb.app_id IS NOT NULL AND cb.school_contact_events = 1 "
                        + "AND a.permission IN ('edit', 'read', 'parent_app')) "
                        + "OR (a.kind = 'agency' AND a.permission <> 'none' AND (cb.app_id IS NOT NULL OR s.app_callback_url IS NOT NULL) "
                        // an installed agency app receives only while its authorisation is active, even when an admin
                        // re-enables the app of a cancelled one; a seeded agency app has no authorisation
                        + "AND (a.suite_id IS NULL OR EXISTS (SELECT 1 FROM authorisations au WHERE au.corp_id = a.corp_id "
                        + "AND au.suite_id = a.suite_id AND au.status = 'active')))) "
                        + "UNION ALL "
                        + "SELECT 1, NULL, s.suite_id, s.batch_events FROM authorisations au JOIN suites s ON s.suite_id = au.suite_id "
                        + "WHERE au.corp_id = ? AND au.status = 'active' AND s.kind = 'third_party' AND s.callback_url IS NOT NULL "
                        + "AND au.permission IN ('read', 'edit') "
                        + "ORDER BY receiver_kind, agentid, suite_id",
                rs -> rs.getInt(1) == 0 ? Receiver.app(corpId, Long.toString(rs.getLong(2)))
                        : Receiver.suite(rs.getString(3), corpId, rs.getInt(4) == 1), corpId, corpId);
    }

    /** Where an app's delivery goes: its own callback, else (agency apps) its template's app_callback. */
    static Optional<AppCallback> forDelivery(Tx tx, String corpId, String appId) throws SQLException {
        Optional<AppCallback> own = find(tx, corpId, appId);
        if (own.isPresent()) return own;
        return tx.one("SELECT s.app_callback_url, s.app_callback_token, s.app_callback_aes_key FROM apps a JOIN suites s ON s.suite_id = a.suite_id "
                        + "WHERE a.corp_id = ? AND a.app_id = ? AND a.kind = 'agency' AND s.app_callback_url IS NOT NULL",
                rs -> new AppCallback(rs.getString(1), rs.getString(2), rs.getString(3), true, false), corpId, appId);
    }

    /** A third-party suite's instruction URL with its token and key (pushes use the suite_id as receiveid). */
    static Optional<AppCallback> suite(Tx tx, String suiteId) throws SQLException {
        return tx.one("SELECT callback_url, token, encoding_aes_key FROM suites WHERE suite_id = ? AND callback_url IS NOT NULL",
                rs -> new AppCallback(rs.getString(1), rs.getString(2), rs.getString(3), true, false), suiteId);
    }

    /** The stream row that carries a receiver's pause flag and lease; created with its receiver. */
    static void ensureStream(Tx tx, String streamKey, String corpId) throws SQLException {
        String sql = tx.dialect() == Dialect.MARIADB
                ? "INSERT IGNORE INTO event_streams (stream_key, corp_id, paused, lease_until) VALUES (?, ?, 0, 0)"
                : "INSERT INTO event_streams (stream_key, corp_id, paused, lease_until) VALUES (?, ?, 0, 0) ON CONFLICT (stream_key) DO NOTHING";
        // a stream created now starts paused when a stored pause prefix covers it (V9, StreamPauses);
        // looked up only when the row is new, so recording an event on a known stream costs nothing more
        if (tx.update(sql, streamKey, corpId) == 1 && StreamPauses.covers(tx, streamKey)) {
            tx.update("UPDATE event_streams SET paused = 1 WHERE stream_key = ?", streamKey);
        }
    }
}
