package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.storage.StoreContract;
import org.schoolcontacts.students.FailedItem;
import org.schoolcontacts.students.NewStudent;

/**
 * The outbox on every database (spec events §1.7): rows are written in the change's own transaction
 * and vanish with it when it rolls back, a failed batch item leaves none, the sequence follows commit
 * order, and a stream's lease is granted to one owner at a time by the database.
 */
public abstract class OutboxStoreContract extends StoreContract {
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    String stream;

    @BeforeEach
    void callbackAndClass() throws Exception {
        stream = Receiver.appStream(corpId, "1000001");
        var grade = new ObjectMapper().readTree("{\"id\":10,\"parentid\":1,\"name\":\"G\",\"type\":2}");
        var klass = new ObjectMapper().readTree("{\"id\":11,\"parentid\":10,\"name\":\"C\",\"type\":1}");
        db.write(corpId, tx -> {
            Callbacks.put(tx, corpId, "1000001", "1000001",
                    new Callbacks.AppCallback("http://127.0.0.1:9/none", "Token01", KEY, true, true));
            services.departments().seed(tx, grade);
            services.departments().seed(tx, klass);
            return null;
        });
    }

    private List<String> changes() {
        return db.read(tx -> tx.query("SELECT change_type, target_id FROM event_deliveries WHERE stream_key = ? ORDER BY stream_seq",
                rs -> rs.getString(1) + " " + rs.getString(2), stream));
    }

    private List<Long> sequence() {
        return db.read(tx -> tx.query("SELECT stream_seq FROM event_deliveries WHERE stream_key = ? ORDER BY committed_at, stream_seq",
                rs -> rs.getLong(1), stream));
    }

    @Test
    void aCommittedWriteLeavesOnePendingDeliveryPerEvent() {
        services.students().create(corpId, new NewStudent("s1", "One", null, List.of(11L)));
        assertThat(changes()).containsExactly("create_student s1");
        String status = db.read(tx -> tx.one("SELECT status FROM event_deliveries WHERE stream_key = ?", rs -> rs.getString(1), stream)).orElseThrow();
        assertThat(status).isEqualTo("pending");
    }

    @Test
    void aRolledBackTransactionLeavesNoDelivery() {
        assertThatThrownBy(() -> db.write(corpId, tx -> {
            new DirectoryChanges(new Outbox(clock)).recorder().record(tx, Change.of(ChangeType.CREATE_STUDENT, "ghost"));
            assertThat(tx.count("SELECT COUNT(*) FROM event_deliveries WHERE stream_key = ?", stream)).isEqualTo(1);
            throw new IllegalStateException("the change fails after recording");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(changes()).isEmpty();
    }

    @Test
    void aFailedBatchItemLeavesNoDeliveryAndTheOthersKeepTheirs() {
        List<FailedItem> failed = services.students().batchCreate(corpId, List.of(
                new NewStudent("b1", "B1", null, List.of(11L)),
                new NewStudent("b2", "B2", null, List.of(99L)),
                new NewStudent("b3", "B3", null, List.of(11L))));
        assertThat(failed).hasSize(1);
        assertThat(changes()).containsExactly("create_student b1", "create_student b3");
    }

    @Test
    void sequenceNumbersFollowCommitOrder() {
        for (int i = 0; i < 5; i++) services.students().create(corpId, new NewStudent("q" + i, "Q", null, List.of(11L)));
        List<Long> seq = sequence();
        assertThat(seq).hasSize(5).isSorted().doesNotHaveDuplicates();
        assertThat(changes()).containsExactly("create_student q0", "create_student q1", "create_student q2", "create_student q3",
                "create_student q4");
    }

    @Test
    void withoutAnEligibleReceiverNothingIsWritten() {
        db.write(corpId, tx -> Callbacks.delete(tx, corpId, "1000001", "1000001", clock.millis()));
        services.students().create(corpId, new NewStudent("s1", "One", null, List.of(11L)));
        long rows = db.read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries WHERE corp_id = ?", corpId));
        assertThat(rows).isZero();
    }

    @Test
    void aStreamIsLeasedToOneOwnerAtATime() {
        DeliveryStore store = new DeliveryStore(db);
        long now = System.currentTimeMillis();
        assertThat(store.lease(stream, "a", now, now + 30_000)).isTrue();
        assertThat(store.lease(stream, "b", now, now + 30_000)).isFalse();
        assertThat(store.lease(stream, "a", now, now + 30_000)).as("the owner renews").isTrue();
        // once the lease has run out, another owner may take it
        assertThat(store.lease(stream, "b", now + 30_001, now + 60_000)).isTrue();
        assertThat(store.lease(stream, "a", now + 30_001, now + 60_000)).isFalse();
        store.release(stream, "b");
        assertThat(store.lease(stream, "a", now, now + 30_000)).isTrue();
    }

    @Test
    void aPausedStreamIsNotLeased() {
        db.writeServer(tx -> tx.update("UPDATE event_streams SET paused = 1 WHERE stream_key = ?", stream));
        long now = System.currentTimeMillis();
        assertThat(new DeliveryStore(db).lease(stream, "a", now, now + 30_000)).isFalse();
    }

    private boolean paused(String streamKey) {
        return db.read(tx -> tx.one("SELECT paused FROM event_streams WHERE stream_key = ?", rs -> rs.getInt(1) == 1, streamKey)).orElseThrow();
    }

    private void createStream(String streamKey) {
        db.write(corpId, tx -> {
            Callbacks.ensureStream(tx, streamKey, corpId);
            return null;
        });
    }

    @Test
    void aPausePrefixIsStoredSoAStreamCreatedLaterStartsPaused() {
        String prefix = "app:" + corpId + ":";
        String later = prefix + "1000009";
        String elsewhere = "suite:wwsuite000000001:" + corpId;
        long now = System.currentTimeMillis();
        DeliveryStore store = new DeliveryStore(db);
        try {
            db.writeServer(tx -> {
                StreamPauses.pause(tx, prefix);
                return null;
            });
            assertThat(paused(stream)).as("a stream that existed at the pause").isTrue();
            createStream(later);
            createStream(elsewhere);
            assertThat(paused(later)).as("a stream created after the pause, under its prefix").isTrue();
            assertThat(store.lease(later, "a", now, now + 30_000)).isFalse();
            assertThat(paused(elsewhere)).as("a stream outside the prefix").isFalse();
            db.writeServer(tx -> {
                StreamPauses.resume(tx, prefix);
                return null;
            });
            assertThat(paused(later)).isFalse();
            assertThat(store.lease(later, "a", now, now + 30_000)).isTrue();
            createStream(prefix + "1000010");
            assertThat(paused(prefix + "1000010")).as("the resumed prefix is forgotten").isFalse();
        } finally {
            db.writeServer(tx -> {
                StreamPauses.resume(tx, prefix);
                return null;
            });
        }
    }

    @Test
    void resumingOneStreamKeepsTheBroaderPausePrefixForStreamsCreatedLater() {
        String prefix = "app:" + corpId + ":";
        try {
            db.writeServer(tx -> {
                StreamPauses.pause(tx, prefix);
                StreamPauses.resume(tx, stream);
                return null;
            });
            assertThat(paused(stream)).isFalse();
            assertThat(db.read(StreamPauses::prefixes)).contains(prefix);
            createStream(prefix + "1000009");
            assertThat(paused(prefix + "1000009")).isTrue();
        } finally {
            db.writeServer(tx -> {
                StreamPauses.resume(tx, prefix);
                return null;
            });
        }
        assertThat(db.read(StreamPauses::prefixes)).doesNotContain(prefix);
    }

    @Test
    void theHeadOfAStreamIsItsOldestOpenDelivery() {
        services.students().create(corpId, new NewStudent("h1", "H", null, List.of(11L)));
        services.students().create(corpId, new NewStudent("h2", "H", null, List.of(11L)));
        DeliveryStore store = new DeliveryStore(db);
        DeliveryStore.Head head = store.head(stream).orElseThrow();
        assertThat(head.plaintext()).contains("<Id><![CDATA[h1]]></Id>");
        store.cancel(head.id(), clock.millis());
        assertThat(store.head(stream).orElseThrow().plaintext()).contains("<Id><![CDATA[h2]]></Id>");
        assertThat(store.candidates(System.currentTimeMillis(), 100)).contains(stream);
    }
    // The receivers a directory write looks up are kept between writes while nothing changed them
    // (DirectoryWriteCache): a callback removed or added, by this process or another, counts at once.

    @Test
    void aCallbackRemovedBetweenTwoBatchesGetsNothingFromTheSecond() {
        services.students().batchCreate(corpId, List.of(new NewStudent("r1", "R1", null, List.of(11L))));
        db.write(corpId, tx -> Callbacks.delete(tx, corpId, "1000001", "1000001", clock.millis()));
        services.students().batchCreate(corpId, List.of(new NewStudent("r2", "R2", null, List.of(11L))));
        assertThat(changes()).containsExactly("create_student r1");
    }

    @Test
    void aCallbackAddedBetweenTwoBatchesGetsTheSecondsEvents() {
        services.students().batchCreate(corpId, List.of(new NewStudent("a1", "A1", null, List.of(11L))));
        db.write(corpId, tx -> {
            Callbacks.put(tx, corpId, "1000002", "1000002", new Callbacks.AppCallback("http://127.0.0.1:9/two", "Token02", KEY, true, true));
            return null;
        });
        services.students().batchCreate(corpId, List.of(new NewStudent("a2", "A2", null, List.of(11L))));
        List<String> second = db.read(tx -> tx.query("SELECT target_id FROM event_deliveries WHERE stream_key = ? ORDER BY stream_seq",
                rs -> rs.getString(1), Receiver.appStream(corpId, "1000002")));
        assertThat(second).containsExactly("a2");
        assertThat(changes()).containsExactly("create_student a1", "create_student a2");
    }

    @Test
    void aCallbackAnotherProcessRemovesCountsForTheNextBatchHere() throws Exception {
        services.students().batchCreate(corpId, List.of(new NewStudent("o1", "O1", null, List.of(11L))));
        try (org.schoolcontacts.storage.Database second = org.schoolcontacts.storage.Database.open(storeFor(dialect(), tempDir()))) {
            second.write(corpId, tx -> Callbacks.delete(tx, corpId, "1000001", "1000001", clock.millis()));
        }
        services.students().batchCreate(corpId, List.of(new NewStudent("o2", "O2", null, List.of(11L))));
        assertThat(changes()).containsExactly("create_student o1");
    }
}
