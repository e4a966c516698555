package org.schoolcontacts.events;

import java.sql.SQLException;
import org.schoolcontacts.storage.Tx;

/**
 * The providers feature's door into the outbox: records a {@link SuiteNotice} inside the transaction
 * that issued the ticket or changed the authorisation (a corp write transaction for auth notices, so
 * they take the corp's sequence; any write transaction for tickets). Nothing is sent before commit; a
 * suite without an instruction URL at that moment gets nothing, as a receiver configured later gets
 * no old events (spec events §1.1).
 */
public interface SuiteNoticeRecorder {
    void record(Tx tx, SuiteNotice notice) throws SQLException;

    /** Records nothing: tickets and codes then exist in the store and the admin API only. */
    SuiteNoticeRecorder NONE = (tx, notice) -> {};
}
