package org.schoolcontacts.events;

import java.sql.SQLException;
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
     * that lets them see the directory. Agency apps: enabled, callback set, any school permission (their
     * doc has no switch). Third-party and system apps never receive app events.
     */
    static List<Receiver> eligible(Tx tx, String corpId) throws SQLException {
        return tx.query("SELECT a.agentid FROM apps a JOIN app_callbacks cb ON cb.corp_id = a.corp_id AND cb.app_id = a.app_id "
                        + "WHERE a.corp_id = ? AND a.enabled = 1 AND a.agentid IS NOT NULL AND ("
                        + "(a.kind = 'self_built' AND cb.school_contact_events = 1 AND a.permission IN ('edit', 'read', 'parent_app')) "
                        + "OR (a.kind = 'agency' AND a.permission <> 'none')) ORDER BY a.agentid",
                rs -> Receiver.app(corpId, Long.toString(rs.getLong(1))), corpId);
    }

    /** The stream row that carries a receiver's pause flag and lease; created with its receiver. */
    static void ensureStream(Tx tx, String streamKey, String corpId) throws SQLException {
        String sql = tx.dialect() == Dialect.MARIADB
                ? "INSERT IGNORE INTO event_streams (stream_key, corp_id, paused, lease_until) VALUES (?, ?, 0, 0)"
                : "INSERT INTO event_streams (stream_key, corp_id, paused, lease_until) VALUES (?, ?, 0, 0) ON CONFLICT (stream_key) DO NOTHING";
        tx.update(sql, streamKey, corpId);
    }
}
