package org.schoolcontacts.students;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.events.DirectoryChanges;
import org.schoolcontacts.events.Outbox;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.SqlWork;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.WeComException;

/**
 * The student writes of one server (spec 6.1-6.6), callable without HTTP. Requests arrive already
 * through the request-level checks ({@link StudentRequests}); each call is one write transaction
 * holding the school's lock, so a batch of 100 is one transaction and no other write to the school
 * interleaves with it. Inside a batch the items run strictly in order, each atomically, and later
 * items see what earlier ones did (spec 12 Q21).
 *
 * <p>A batch is decided in memory and written set-based ({@link StudentBatch}): a few statements read
 * what it touches, the items are judged in order by the same rules, and the applied ones are written
 * in a handful of batched statements. Should the database refuse that write, the batch is undone and
 * re-run on the per-item path, where each item runs under a savepoint through {@link StudentRules};
 * that path also serves the single-student calls.
 */
public final class Students {
    private final Database db;
    private final ServerClock clock;
    private final DirectoryChanges changes;
    private BatchMode mode = BatchMode.SET_BASED;
    private SqlWork<Void> afterFlush;
    /** Batches the set-based path handed to the per-item path (the database refused its flush). */
    private final java.util.concurrent.atomic.AtomicLong fallbacks = new java.util.concurrent.atomic.AtomicLong();

    public Students(Database db, ServerClock clock) {
        this(db, clock, new DirectoryChanges(new Outbox(clock)));
    }

    /** @param changes where each applied write reports its change events (spec events §1.2) */
    public Students(Database db, ServerClock clock, DirectoryChanges changes) {
        this.db = db;
        this.clock = clock;
        this.changes = changes;
    }

    /** Applies one seed item with exactly create_student's rules. */
    public void seed(Tx tx, JsonNode item) throws SQLException {
        new StudentRules().create(tx, StudentRequests.newStudent(item));
    }

    public void create(String corpId, NewStudent student) {
        db.writeDirectory(corpId, tx -> changes.createStudent(tx, student.userid(), t -> {
            new StudentRules().create(t, student);
            return null;
        }));
    }

    public void update(String corpId, StudentChange change) {
        db.writeDirectory(corpId, tx -> changes.updateStudent(tx, change.userid(), change.newUserid(), t -> {
            new StudentRules().update(t, change);
            return null;
        }));
    }

    public void delete(String corpId, String userid) {
        db.writeDirectory(corpId, tx -> changes.deleteStudent(tx, userid, t -> {
            new StudentRules().delete(t, userid);
            return null;
        }));
    }

    /** batch_create_student: the failed items, in request order (empty when all succeeded). */
    public List<FailedItem> batchCreate(String corpId, List<NewStudent> students) {
        return batch(corpId, students, tx -> StudentBatch.create(tx, changes.recorder(), students), NewStudent::userid,
                (r, tx, s) -> changes.createStudent(tx, s.userid(), t -> { r.create(t, s); return null; }));
    }

    /** batch_update_student: the failed items, in request order (empty when all succeeded). */
    public List<FailedItem> batchUpdate(String corpId, List<StudentChange> changes) {
        return batch(corpId, changes, tx -> StudentBatch.update(tx, this.changes.recorder(), changes), StudentChange::userid,
                (r, tx, c) -> this.changes.updateStudent(tx, c.userid(), c.newUserid(), t -> { r.update(t, c); return null; }));
    }

    /** batch_delete_student: the failed items, in request order (empty when all succeeded). */
    public List<FailedItem> batchDelete(String corpId, List<String> userids) {
        return batch(corpId, userids, tx -> StudentBatch.delete(tx, changes.recorder(), userids), id -> id,
                (r, tx, id) -> changes.deleteStudent(tx, id, t -> { r.deleteInBatch(t, id); return null; }));
    }

    /** How a batch is applied: set-based with the per-item path as fallback (the default), or per item only. */
    enum BatchMode { SET_BASED, PER_ITEM }

    /** The same service applying batches per item only: the reference the set-based path is tested against. */
    Students perItem() {
        Students s = new Students(db, clock, changes);
        s.mode = BatchMode.PER_ITEM;
        return s;
    }

    /**
     * Test hook: runs after the set-based flush, inside its savepoint, so a test can make the database
     * refuse something there and watch the batch fall back to the per-item path.
     */
    void afterFlush(SqlWork<Void> hook) {
        this.afterFlush = hook;
    }

    @FunctionalInterface
    private interface ItemRule<T> {
        Object apply(StudentRules rules, Tx tx, T item) throws SQLException;
    }

    private <T> List<FailedItem> batch(String corpId, List<T> items, SqlWork<List<FailedItem>> setBased,
                                       java.util.function.Function<T, String> idOf, ItemRule<T> rule) {
        if (items.isEmpty()) return List.of();
        return db.writeDirectory(corpId, (SqlWork<List<FailedItem>>) tx -> {
            if (mode == BatchMode.SET_BASED) {
                try {
                    // Under a savepoint: if the database refuses the flush, the plan missed something,
                    // so undo all of it (its events and sequence numbers too) and go item by item.
                    // Nothing but the commit follows a flush that succeeded: its savepoint is left to it.
                    return tx.lastItem(t -> {
                        List<FailedItem> failures = setBased.run(t);
                        if (afterFlush != null) afterFlush.run(t);
                        return failures;
                    });
                } catch (BatchFlush.Disagreement | IllegalStateException e) {
                    fallbacks.incrementAndGet();
                } catch (SQLException e) {
                    // a deadlock or lost connection is the whole transaction's to retry, not the fallback's
                    if (db.dialect().isRetryable(e)) throw e;
                    fallbacks.incrementAndGet();
                }
            }
            return perItem(tx, items, idOf, rule);
        });
    }

    /** How many batches fell back to the per-item path since start (tests and diagnostics). */
    long fallbacks() { return fallbacks.get(); }

    /** Today's path: each item under its own savepoint, checked and written by {@link StudentRules}. */
    private <T> List<FailedItem> perItem(Tx tx, List<T> items, java.util.function.Function<T, String> idOf, ItemRule<T> rule)
            throws SQLException {
        // Built afresh on every attempt: the store re-runs the whole transaction after a deadlock.
        StudentRules rules = new StudentRules();
        List<FailedItem> failures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String sent = idOf.apply(item);
            try {
                tx.item(t -> {
                    String key = StudentRules.keyOf(sent);
                    // Spec 6.5.3 step 2: a later occurrence of an id fails, the first one is unaffected.
                    if (!seen.add(key)) throw StudentRules.duplicateInRequest(sent);
                    rule.apply(rules, t, item);
                    return null;
                });
            } catch (WeComException e) {
                failures.add(FailedItem.of(sent, e));
            }
        }
        return failures;
    }
}
