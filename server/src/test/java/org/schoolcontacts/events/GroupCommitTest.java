package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.storage.StoreConfig;

/** The embedded store's shared commits of the delivery workers' bookkeeping, on a real SQLite file. */
class GroupCommitTest {
    @TempDir
    Path dir;

    Database db;

    @BeforeEach
    void open() {
        db = Database.open(StoreConfig.embedded(dir));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void concurrentWorksAllCommitEachCallerSeesItsOwnResultAndAFailingWorkUndoesOnlyItself() throws Exception {
        GroupCommit commits = new GroupCommit(db);
        int threads = 8, each = 50;
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        String name = "gc-" + thread + "-" + i;
                        boolean fail = i % 10 == 9;
                        try {
                            int inserted = commits.run(tx -> {
                                int n = tx.update("INSERT INTO server_settings (name, value) VALUES (?, ?)", name, Integer.toString(thread));
                                if (fail) throw new IllegalStateException("refused " + name);
                                return n;
                            });
                            if (fail) failures.add(name + " should have failed");
                            if (inserted != 1) failures.add(name + ": " + inserted);
                        } catch (IllegalStateException e) {
                            if (!fail || !e.getMessage().equals("refused " + name)) failures.add(name + ": " + e);
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }));
        }
        workers.forEach(Thread::start);
        go.countDown();
        for (Thread w : workers) w.join();
        assertThat(failures).isEmpty();
        List<String> names = db.read(tx -> tx.query("SELECT name FROM server_settings WHERE name LIKE 'gc-%' ORDER BY name", rs -> rs.getString(1)));
        assertThat(names).hasSize(threads * each * 9 / 10).noneMatch(n -> n.endsWith("9") && n.matches("gc-\\d+-\\d*9"));
    }

    @Test
    void aWorkThatFailsAloneThrowsToItsCallerAndLeavesNothing() {
        GroupCommit commits = new GroupCommit(db);
        assertThatThrownBy(() -> commits.run(tx -> {
            tx.update("INSERT INTO server_settings (name, value) VALUES ('gc-alone', '1')");
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class).hasMessage("no");
        long left = db.read(tx -> tx.count("SELECT COUNT(*) FROM server_settings WHERE name = 'gc-alone'"));
        assertThat(left).isZero();
        int after = commits.run(tx -> tx.update("INSERT INTO server_settings (name, value) VALUES ('gc-after', '1')"));
        assertThat(after).as("the next work commits").isEqualTo(1);
    }
}
