package org.schoolcontacts.events;

import java.sql.SQLException;
import java.util.List;
import org.schoolcontacts.storage.Tx;

/**
 * Pauses by receiver prefix (spec events §5.2), kept in the store as the prefix itself. Each stream
 * row carries its own {@code paused} flag, which is what the send path reads; a stored prefix decides
 * the flag of a stream created later ({@link Callbacks#ensureStream}), so pausing {@code app:<corpid>:}
 * also holds back an app whose callback is configured afterwards, or {@code suite:<suite_id>:} a corp
 * that installs the suite afterwards.
 *
 * <p>Resuming a prefix clears the flag of every stream it matches and forgets every stored prefix it
 * covers (the same prefix or a longer one). A broader stored prefix stays: resuming
 * {@code app:c:1000001} inside a pause of {@code app:c:} resumes that stream, and streams created later
 * under {@code app:c:} still start paused until {@code app:c:} itself is resumed. Pausing everything
 * (no receiver) is the server-wide flag {@link EventAdmin#PAUSED_ALL}, read by the send path directly.
 */
final class StreamPauses {
    private StreamPauses() {}

    /** Pauses the streams whose key starts with {@code prefix} now and later; a paused stream holds no lease. */
    static void pause(Tx tx, String prefix) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM event_pause_prefixes WHERE prefix = ?", prefix) == 0) {
            tx.update("INSERT INTO event_pause_prefixes (prefix) VALUES (?)", prefix);
        }
        tx.update("UPDATE event_streams SET paused = 1, owner = NULL, lease_until = 0 WHERE " + EventLog.streamMatches(),
                EventLog.streamParams(prefix).toArray());
    }

    /** Resumes the streams whose key starts with {@code prefix} and forgets the stored prefixes it covers. */
    static void resume(Tx tx, String prefix) throws SQLException {
        tx.update("DELETE FROM event_pause_prefixes WHERE " + EventLog.streamMatches().replace("stream_key", "prefix"),
                EventLog.streamParams(prefix).toArray());
        tx.update("UPDATE event_streams SET paused = 0 WHERE " + EventLog.streamMatches(), EventLog.streamParams(prefix).toArray());
    }

    /** Forgets every stored prefix (resume of everything, reset). */
    static void forgetAll(Tx tx) throws SQLException {
        tx.update("DELETE FROM event_pause_prefixes");
    }

    /** The stored prefixes, sorted. */
    static List<String> prefixes(Tx tx) throws SQLException {
        return tx.query("SELECT prefix FROM event_pause_prefixes ORDER BY prefix", rs -> rs.getString(1));
    }

    /** True when a stored prefix covers {@code streamKey}: a stream created now starts paused. */
    static boolean covers(Tx tx, String streamKey) throws SQLException {
        // the prefixes are few (one per pause a tester made); matched here rather than in SQL, whose
        // string length functions count bytes on one database and characters on the others
        for (String prefix : prefixes(tx)) {
            if (streamKey.startsWith(prefix)) return true;
        }
        return false;
    }
}
