package org.schoolcontacts.events;

import java.util.ArrayList;
import java.util.List;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.SqlWork;

/**
 * Runs the delivery workers' small write transactions together (flat combining): a worker queues its
 * work; whoever gets to commit first runs every queued work in one transaction, each under a savepoint
 * of its own (a work that fails rolls back alone and fails only its caller), and commits once for all.
 * Each caller returns only after the commit that carries its work, so nothing is acknowledged that
 * is not on disk. With one writer and a commit being an fsync (the embedded store), this is what lets
 * several streams deliver at once instead of queueing for the disk one commit each.
 */
final class GroupCommit {
    private final Database db;
    private final Object committing = new Object();
    private final List<Job<?>> queued = new ArrayList<>();

    GroupCommit(Database db) { this.db = db; }

    private static final class Job<T> {
        final SqlWork<T> work;
        boolean done;
        T result;
        RuntimeException failure;

        Job(SqlWork<T> work) { this.work = work; }
    }

    <T> T run(SqlWork<T> work) {
        Job<T> job = new Job<>(work);
        synchronized (queued) {
            queued.add(job);
        }
        synchronized (committing) {
            if (!job.done) {
                List<Job<?>> group;
                synchronized (queued) {
                    group = new ArrayList<>(queued);
                    queued.clear();
                }
                try {
                    db.writeBookkeeping(tx -> {
                        // a retried transaction (the store was busy) runs every work again from the start
                        for (Job<?> j : group) runOne(tx, j);
                        return null;
                    });
                } catch (RuntimeException e) {
                    for (Job<?> j : group) j.failure = e;
                }
                for (Job<?> j : group) j.done = true;
            }
        }
        if (job.failure != null) throw job.failure;
        return job.result;
    }

    private static <T> void runOne(org.schoolcontacts.storage.Tx tx, Job<T> j) throws java.sql.SQLException {
        j.failure = null;
        try {
            j.result = tx.item(j.work);
        } catch (RuntimeException e) {
            j.failure = e;
        }
    }
}
