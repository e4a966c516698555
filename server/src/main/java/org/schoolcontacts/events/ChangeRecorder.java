package org.schoolcontacts.events;

import java.sql.SQLException;
import org.schoolcontacts.storage.Tx;

/**
 * The one door from the directory's write paths into change events. A write path calls it inside its
 * corp write transaction, after each applied item (inside the item's savepoint, so a failed item's
 * events roll back with it), once per event, in the order WeCom should report them (spec events §1.2).
 * Nothing is sent before the transaction commits; a rolled-back transaction leaves nothing behind.
 *
 * <p>Plain values only: no HTTP, no receivers, no XML. Who receives what is the outbox's business.
 */
public interface ChangeRecorder {
    void record(Tx tx, Change change) throws SQLException;

    /**
     * Whether recording in this transaction reaches any receiver. Callers may skip the work of finding
     * out what changed when it does not; {@link #record} is a no-op then anyway.
     */
    boolean active(Tx tx) throws SQLException;

    /** Records nothing: for stores used without change events (benchmarks of the bare write path). */
    ChangeRecorder NONE = new ChangeRecorder() {
        @Override public void record(Tx tx, Change change) {}
        @Override public boolean active(Tx tx) { return false; }
    };
}
