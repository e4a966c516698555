package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schoolcontacts.wecom.WeComException;

/**
 * School writes that queue behind the embedded store's one writer share one commit, each still all or
 * nothing on its own: a write that fails takes back exactly its own changes and fails only its caller,
 * and the rules of a later write see the earlier writes of its group.
 */
class GroupedSchoolWritesTest {
    @TempDir Path dir;
    Database db;
    ExecutorService pool;

    @BeforeEach
    void open() {
        db = Database.open(StoreConfig.embedded(dir));
        db.writeServer(tx -> tx.update("INSERT INTO corps (corp_id, name, created_at) VALUES ('wwa', 'A', 0), ('wwb', 'B', 0)"));
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        db.close();
    }

    private long count(String sql) {
        return db.<Long>read(tx -> tx.count(sql));
    }

    /** Holds the writer inside a first write (once {@code entered} is counted down) until {@code release}. */
    private Future<String> holdTheWriter(CountDownLatch entered, CountDownLatch release) {
        return pool.submit(() -> db.write("wwa", tx -> {
            tx.update("UPDATE corps SET name = 'A held' WHERE corp_id = 'wwa'");
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "held";
        }));
    }

    private void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.waitingWrites() < n && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(db.waitingWrites()).isEqualTo(n);
    }

    @Test
    void writesWaitingTogetherShareOneCommitAndAFailureTakesBackOnlyItsOwnChanges() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdTheWriter(entered, release);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        long[] before = db.groupCommitCounts();
        AtomicInteger afterCommit = new AtomicInteger();
        List<Future<String>> rest = new ArrayList<>();
        for (String corp : new String[] {"wwa", "wwb", "wwa"}) {
            rest.add(pool.submit(() -> db.write(corp, tx -> {
                tx.update("INSERT INTO server_settings (name, value) VALUES (?, ?)", "k" + tx.nextSeq() + corp, corp);
                tx.afterCommit(afterCommit::incrementAndGet);
                return corp;
            })));
            awaitWaiting(rest.size());
        }
        Future<String> refused = pool.submit(() -> db.write("wwb", tx -> {
            tx.update("UPDATE corps SET name = 'B refused' WHERE corp_id = 'wwb'");
            tx.afterCommit(afterCommit::incrementAndGet);
            throw new IllegalStateException("refused");
        }));
        awaitWaiting(4);
        Future<String> noSuchSchool = pool.submit(() -> db.write("wwnone", tx -> "never"));
        awaitWaiting(5);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("held");
        List<String> results = new ArrayList<>();
        for (Future<String> f : rest) results.add(f.get(30, TimeUnit.SECONDS));
        assertThat(results).containsExactly("wwa", "wwb", "wwa");
        assertThat(failureOf(refused)).isInstanceOf(IllegalStateException.class);
        assertThat(failureOf(noSuchSchool)).isInstanceOf(WeComException.class);

        // the five waiting writes went in one commit
        long[] after = db.groupCommitCounts();
        assertThat(after[0] - before[0]).isEqualTo(1);
        assertThat(after[1] - before[1]).isEqualTo(5);
        // the three good writes are there, each with its school's next sequence number in arrival order
        assertThat(count("SELECT COUNT(*) FROM server_settings WHERE name LIKE 'k%'")).isEqualTo(3);
        assertThat(db.<List<String>>read(tx -> tx.query("SELECT name FROM server_settings WHERE name LIKE 'k%' ORDER BY name",
                rs -> rs.getString(1)))).containsExactly("k1wwa", "k1wwb", "k2wwa");
        assertThat(count("SELECT next_seq FROM corps WHERE corp_id = 'wwa'")).isEqualTo(3);
        // the refused write's change is gone, the held write's is there; only good writes ran their after-commit step
        assertThat(db.<String>read(tx -> tx.one("SELECT name FROM corps WHERE corp_id = 'wwb'", rs -> rs.getString(1)).orElseThrow()))
                .isEqualTo("B");
        assertThat(db.<String>read(tx -> tx.one("SELECT name FROM corps WHERE corp_id = 'wwa'", rs -> rs.getString(1)).orElseThrow()))
                .isEqualTo("A held");
        assertThat(afterCommit).hasValue(3);
    }

    @Test
    void aWriteAloneThatFailsRollsBackWhole() {
        try {
            db.write("wwa", tx -> {
                tx.update("UPDATE corps SET name = 'changed' WHERE corp_id = 'wwa'");
                throw new IllegalStateException("no");
            });
        } catch (IllegalStateException expected) {
            // the caller's own failure
        }
        assertThat(db.<String>read(tx -> tx.one("SELECT name FROM corps WHERE corp_id = 'wwa'", rs -> rs.getString(1)).orElseThrow()))
                .isEqualTo("A");
        assertThat(db.<Integer>write("wwa", tx -> tx.update("UPDATE corps SET name = 'again' WHERE corp_id = 'wwa'"))).isEqualTo(1);
    }

    private static Throwable failureOf(Future<?> f) throws InterruptedException {
        try {
            f.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }
}
