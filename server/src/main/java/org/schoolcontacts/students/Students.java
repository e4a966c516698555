package org.schoolcontacts.students;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.SqlWork;
import org.schoolcontacts.storage.Tx;
import org.schoolcontacts.wecom.WeComException;

/**
 * The student writes of one server (spec 6.1-6.6), callable without HTTP. Requests arrive already
 * through the request-level checks ({@link StudentRequests}); each call is one write transaction
 * holding the school's lock, so a batch of 100 is one transaction and no other write to the school
 * interleaves with it. Inside a batch the items run strictly in order, each atomically under a
 * savepoint, and later items see what earlier ones did (spec 12 Q21).
 */
public final class Students {
    private final Database db;
    private final ServerClock clock;

    public Students(Database db, ServerClock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Applies one seed item with exactly create_student's rules. */
    public void seed(Tx tx, JsonNode item) throws SQLException {
        new StudentRules().create(tx, StudentRequests.newStudent(item));
    }

    public void create(String corpId, NewStudent student) {
        db.write(corpId, tx -> {
            new StudentRules().create(tx, student);
            return null;
        });
    }

    public void update(String corpId, StudentChange change) {
        db.write(corpId, tx -> {
            new StudentRules().update(tx, change);
            return null;
        });
    }

    public void delete(String corpId, String userid) {
        db.write(corpId, tx -> {
            new StudentRules().delete(tx, userid);
            return null;
        });
    }

    /** batch_create_student: the failed items, in request order (empty when all succeeded). */
    public List<FailedItem> batchCreate(String corpId, List<NewStudent> students) {
        return batch(corpId, students, NewStudent::userid, StudentRules::create);
    }

    /** batch_update_student: the failed items, in request order (empty when all succeeded). */
    public List<FailedItem> batchUpdate(String corpId, List<StudentChange> changes) {
        return batch(corpId, changes, StudentChange::userid, StudentRules::update);
    }

    /** batch_delete_student: the failed items, in request order (empty when all succeeded). */
    public List<FailedItem> batchDelete(String corpId, List<String> userids) {
        return batch(corpId, userids, id -> id, StudentRules::deleteInBatch);
    }

    @FunctionalInterface
    private interface ItemRule<T> {
        void apply(StudentRules rules, Tx tx, T item) throws SQLException;
    }

    private <T> List<FailedItem> batch(String corpId, List<T> items, java.util.function.Function<T, String> idOf, ItemRule<T> rule) {
        if (items.isEmpty()) return List.of();
        return db.write(corpId, (SqlWork<List<FailedItem>>) tx -> {
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
        });
    }
}
