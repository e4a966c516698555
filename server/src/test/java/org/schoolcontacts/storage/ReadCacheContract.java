package org.schoolcontacts.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every store's read cache hands an answer out again only when a look at the store made after the
 * call began shows that nothing the answer was read from has been committed since: by this process,
 * by a second server process on the same store, or (on the embedded store) by any connection at all.
 * On PostgreSQL and MariaDB that look compares change marks, a school's and the server's, and
 * concurrent calls share it; there a write to another school, or the event workers' bookkeeping, leaves
 * an answer kept, while the embedded store's one mark forgets everything at any commit.
 */
abstract class ReadCacheContract extends StoreContract {
    /** Answers whose key names their school (as user/get's and gettoken's do), read from its directory too. */
    ReadCache<String, String> byCorp;
    /** Answers whose school is known only from the answer (as the token check's are): "corp name|corp id"; not from its directory. */
    ReadCache<String, String> byAnswer;
    final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void caches() {
        byCorp = db.cache(3, true, (corp, answer) -> corp);
        byAnswer = db.cache(3, false, (key, answer) -> answer == null ? null : answer.substring(answer.indexOf('|') + 1));
    }

    private String name(ReadCache<String, String> cache, String corp) {
        return cache.get(corp, tx -> {
            loads.incrementAndGet();
            return tx.one("SELECT name FROM corps WHERE corp_id = ?", rs -> rs.getString(1), corp).orElse("-")
                    + (cache == byAnswer ? "|" + corp : "");
        });
    }

    private String name() { return name(byCorp, corpId); }

    private void rename(String name) {
        db.write(corpId, tx -> tx.update("UPDATE corps SET name = ? WHERE corp_id = ?", name, corpId));
    }

    private boolean oneMarkForAll() { return dialect() == Dialect.SQLITE; }

    @Test
    void anAnswerIsReusedWhileNothingIsCommitted() {
        String first = name();
        assertThat(name()).isEqualTo(first);
        assertThat(name()).isEqualTo(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void anAnswerWhoseSchoolOnlyTheAnswerNamesIsReusedAndForgottenAlike() {
        String first = name(byAnswer, corpId);
        assertThat(name(byAnswer, corpId)).isEqualTo(first);
        assertThat(loads).hasValue(1);
        rename("renamed");
        assertThat(name(byAnswer, corpId)).isEqualTo("renamed|" + corpId);
        assertThat(loads).hasValue(2);
    }

    /**
     * Within one request the reads share one look at the store, but a write the request commits itself
     * is seen by its own later reads.
     */
    @Test
    void aRequestsReadsShareOneLookYetSeeTheRequestsOwnWrite() {
        try (ReadCache.Requests request = ReadCache.Requests.begin()) {
            name();
            assertThat(name()).as("read once").isNotEqualTo("mine");
            assertThat(loads).hasValue(1);
            rename("mine");
            assertThat(name()).isEqualTo("mine");
            assertThat(name(byAnswer, corpId)).isEqualTo("mine|" + corpId);
        }
    }

    @Test
    void aSchoolWriteOfThisProcessIsSeenAtTheNextCall() {
        name();
        rename("after");
        assertThat(name()).isEqualTo("after");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aServerWideWriteIsSeenAtTheNextCall() {
        name();
        db.writeServer(tx -> tx.update("UPDATE corps SET name = 'server-wide' WHERE corp_id = ?", corpId));
        assertThat(name()).isEqualTo("server-wide");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aWriteOfASecondServerOnTheSameStoreIsSeenAtTheNextCall() throws Exception {
        name();
        if (dialect() == Dialect.SQLITE) {
            // any connection to the file: the embedded store's mark is SQLite's own
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + tempDir().resolve("school-contacts.db"));
                 Statement st = other.createStatement()) {
                st.executeUpdate("UPDATE corps SET name = 'elsewhere' WHERE corp_id = '" + corpId + "'");
            }
        } else {
            try (Database second = Database.open(storeFor(dialect(), tempDir()))) {
                second.write(corpId, tx -> tx.update("UPDATE corps SET name = 'elsewhere' WHERE corp_id = ?", corpId));
            }
        }
        assertThat(name()).isEqualTo("elsewhere");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aWriteToAnotherSchoolKeepsTheAnswerWhereMarksArePerSchool() {
        String other = newCorp();
        name();
        db.write(other, tx -> tx.update("UPDATE corps SET name = 'other' WHERE corp_id = ?", other));
        name();
        // the embedded store's mark knows that something was committed, not where: it reads again
        assertThat(loads).hasValue(oneMarkForAll() ? 2 : 1);
    }

    /**
     * A directory-only write (students, parents, departments: a nightly sync) makes answers read from
     * the directory be read again, and leaves those that are not (token checks) kept where marks are
     * per school.
     */
    @Test
    void aDirectoryWriteForgetsDirectoryAnswersAndKeepsTheOthersWhereMarksArePerSchool() {
        name(byCorp, corpId);
        name(byAnswer, corpId);
        db.writeDirectory(corpId, tx -> tx.update("UPDATE departments SET name = 'synced' WHERE corp_id = ?", corpId));
        int before = loads.get();
        name(byCorp, corpId);
        assertThat(loads.get() - before).as("the directory answer is read again").isEqualTo(1);
        name(byAnswer, corpId);
        assertThat(loads.get() - before).as("the other answer").isEqualTo(oneMarkForAll() ? 2 : 1);
    }

    @Test
    void anyOtherSchoolWriteForgetsBoth() {
        name(byCorp, corpId);
        name(byAnswer, corpId);
        db.write(corpId, tx -> tx.update("UPDATE departments SET name = 'general' WHERE corp_id = ?", corpId));
        int before = loads.get();
        name(byCorp, corpId);
        name(byAnswer, corpId);
        assertThat(loads.get() - before).isEqualTo(2);
    }

    @Test
    void deliveryBookkeepingKeepsTheAnswerWhereMarksArePerSchool() {
        name();
        String stream = "cache-test:" + corpId;
        db.writeBookkeeping(tx -> tx.update("INSERT INTO event_streams (stream_key, corp_id) VALUES (?, ?)", stream, corpId));
        try {
            name();
        } finally {
            db.writeBookkeeping(tx -> tx.update("DELETE FROM event_streams WHERE stream_key = ?", stream));
        }
        assertThat(loads).hasValue(oneMarkForAll() ? 2 : 1);
    }

    @Test
    void aCorpThatDoesNotExistYetIsSeenOnceCreated() {
        String later = "wwlater" + Long.toHexString(System.nanoTime());
        assertThat(name(byCorp, later)).isEqualTo("-");
        assertThat(name(byCorp, later)).isEqualTo("-");
        assertThat(loads).hasValue(1);
        db.writeServer(tx -> tx.update("INSERT INTO corps (corp_id, name, created_at) VALUES (?, 'created', 0)", later));
        try {
            assertThat(name(byCorp, later)).isEqualTo("created");
        } finally {
            db.writeServer(tx -> org.schoolcontacts.corps.CorpStore.deleteCorp(tx, later));
        }
    }

    @Test
    void aRehearsalReadsItsOwnUncommittedChangesAndLeavesTheCacheAlone() {
        String before = name();
        String seen = db.rehearse(corpId, tx -> {
            tx.update("UPDATE corps SET name = 'rehearsed' WHERE corp_id = ?", corpId);
            return name();
        });
        assertThat(seen).isEqualTo("rehearsed");
        // rolled back, and nothing the rehearsal read was kept
        assertThat(name()).isEqualTo(before);
        assertThat(loads).hasValue(2);
    }

    @Test
    void theCacheKeepsAtMostItsBoundAndForgetsAllAtOnceBeyondIt() {
        for (int i = 0; i < 3; i++) byCorp.get("k" + i, tx -> "v");
        assertThat(byCorp.size()).isEqualTo(3);
        byCorp.get("k3", tx -> "v");
        assertThat(byCorp.size()).isEqualTo(1);
    }

    /**
     * Linearisable under load: a call that begins after a rename was acknowledged never answers the
     * old name, however many readers share the looks at the store; and they do share them.
     */
    @Test
    void aCallBegunAfterAWriteWasAcknowledgedNeverAnswersWhatWasBefore() throws Exception {
        rename("v0");
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        List<String> stale = java.util.Collections.synchronizedList(new ArrayList<>());
        ChangeMarks marks = db.changeMarks();
        long roundsBefore = marks == null ? 0 : marks.rounds();
        ExecutorService readers = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                running.add(readers.submit(() -> {
                    while (!stop.get()) {
                        long floor = acknowledged.get();
                        long seen = Long.parseLong(name().substring(1));
                        calls.incrementAndGet();
                        if (seen < floor) stale.add("v" + seen + " after v" + floor + " was acknowledged");
                    }
                }));
            }
            for (int v = 1; v <= 40; v++) {
                rename("v" + v);
                acknowledged.set(v);
                Thread.sleep(5);
            }
            stop.set(true);
            for (Future<?> f : running) f.get();
        } finally {
            readers.shutdownNow();
        }
        assertThat(stale).isEmpty();
        assertThat(name()).isEqualTo("v40");
        if (marks != null) {
            // concurrent calls shared looks at the store: fewer rounds than calls
            assertThat(marks.rounds() - roundsBefore).isLessThan(calls.get());
        }
    }
}
