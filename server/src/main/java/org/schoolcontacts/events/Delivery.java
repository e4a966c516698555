package org.schoolcontacts.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.schoolcontacts.clock.ServerClock;
import org.schoolcontacts.storage.Database;
import org.schoolcontacts.wecom.crypto.WxBizMsgCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send path (spec events §1.7), on threads of its own. Each worker repeatedly takes a stream whose
 * head is due, by a lease the database grants one process at a time, and sends that stream's
 * deliveries one by one in sequence order until it is empty, paused or waiting for a retry; then it
 * releases the lease. Leases, timeouts and retry delays are real time, not the admin clock.
 *
 * <pre>
 *   loop: stream = claim()                    -- UPDATE event_streams ... WHERE owner IS NULL OR lease_until < now
 *         while head = oldest open delivery:  -- strictly in stream_seq order, read RUN at a time
 *             one tx: record the previous attempt, renew lease (lost or paused -> stop), seal on first attempt
 *             POST
 *             2xx / any answer -> terminal;  refused / timeout -> retry after 1, 2, 4 s, then failed
 *         release(stream)
 * </pre>
 */
final class Delivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final DeliveryStore store;
    private final Receivers receivers;
    private final ServerClock clock;
    private final Signal committed;
    private final Signal finished = new Signal();
    private final Sender sender = new Sender();
    /** This process; each worker leases as {@code process/worker}, so two workers never share a stream either. */
    private final String process = "p-" + UUID.randomUUID().toString().substring(0, 18);
    private final List<Thread> workers = new ArrayList<>();
    private volatile DeliverySettings settings;
    private volatile boolean stopping;
    /** The finished deliveries the log keeps; every {@link #PRUNE_EVERY} finished ones the older are forgotten. */
    private final int logSize;
    private final java.util.concurrent.atomic.AtomicInteger finishedSincePrune = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Pruning counts and sorts the finished rows, so not after every delivery: the log holds at most
     * {@code logSize} plus this many per process between prunes.
     */
    static final int PRUNE_EVERY = 256;
    /** A stream's next deliveries read at once ({@link DeliveryStore#heads}). */
    static final int RUN = 64;

    Delivery(Database db, ServerClock clock, Signal committed, DeliverySettings settings, int logSize) {
        this.store = new DeliveryStore(db);
        this.receivers = new Receivers(db);
        this.clock = clock;
        this.committed = committed;
        this.settings = settings;
        this.logSize = logSize;
    }

    void tune(DeliverySettings s) { this.settings = s; }

    Receivers receivers() { return receivers; }

    DeliverySettings settings() { return settings; }

    /** Fired after every finished attempt: drain waits on it. */
    Signal finished() { return finished; }

    Signal committed() { return committed; }

    void start(boolean embedded) {
        if (embedded) store.releaseAll();
        // a log left over the bound by an earlier run (or a smaller --delivery-log-size) shrinks now
        store.prune(logSize);
        for (int i = 0; i < settings.workers(); i++) {
            String owner = process + "/" + i;
            Thread t = new Thread(() -> work(owner), "events-delivery-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void work(String owner) {
        while (!stopping) {
            long seen = committed.generation();
            try {
                String stream = claim(owner);
                if (stream == null) {
                    committed.await(seen, settings.pollMillis());
                } else {
                    try {
                        deliver(stream, owner);
                    } finally {
                        store.release(stream, owner);
                        // the head may now be waiting for a retry: let a worker look again when it is due
                        committed.fire();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) return;
                LOG.warn("change event delivery: {}", e.toString());
                try {
                    committed.await(committed.generation(), settings.pollMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private String claim(String owner) {
        long now = System.currentTimeMillis();
        for (String stream : store.candidates(now, 8)) {
            if (store.lease(stream, owner, now, now + settings.leaseMillis())) return stream;
        }
        return null;
    }

    /**
     * Sends the stream's deliveries in sequence order until it is empty, paused, lost or waiting. One
     * write transaction per push: it records the previous push's outcome, renews the lease for longer
     * than the attempt can take (failing when the lease was lost or the stream paused meanwhile) and
     * seals and marks the next one ({@link DeliveryStore#startAttempt}); the stream's next heads are read
     * {@link #RUN} at a time. A crash before that commit leaves the previous push open: sent again
     * (at least once), never lost.
     */
    private void deliver(String stream, String owner) throws InterruptedException {
        DeliveryStore.Outcome previous = null;
        try {
            ArrayDeque<DeliveryStore.Head> run = new ArrayDeque<>();
            long after = -1;
            while (!stopping) {
                if (run.isEmpty()) run.addAll(store.heads(stream, after, RUN));
                DeliveryStore.Head h = run.peek();
                long now = System.currentTimeMillis();
                if (h == null || h.nextAttemptAt() > now) return;
                DeliverySettings s = settings;
                Optional<Receivers.Target> target = receivers.target(h);
                if (target.isEmpty()) {
                    store.cancel(previous, h.id(), clock.millis());
                    recorded(previous);
                    previous = null;
                    finished.fire();
                    finishedOne();
                    run.poll();
                    after = h.seq();
                    continue;
                }
                Receivers.Target t = target.get();
                String query = h.query(), body = h.body();
                if (query == null || body == null) {
                    String plaintext = h.plaintext();
                    if (Receiver.SUITE_BATCH.equals(h.kind())) {
                        plaintext = store.mergeBatch(h, clock.millis() / 1000);
                        // the rows folded into the head are gone: read past it afresh
                        run.clear();
                        run.add(h);
                    }
                    // sealed once, at the first attempt: retries resend the identical request (§6 no. 10)
                    WxBizMsgCrypt.Sealed sealed = t.crypt().encrypt(plaintext, Long.toString(clock.millis() / 1000),
                            WxBizMsgCrypt.randomDigits(10), t.agentid());
                    query = "msg_signature=" + Sender.encode(sealed.signature()) + "&timestamp=" + Sender.encode(sealed.timestamp())
                            + "&nonce=" + Sender.encode(sealed.nonce());
                    body = sealed.envelopeXml();
                }
                // the lease outlasts this attempt; lost or paused -> stop
                long leaseUntil = System.currentTimeMillis() + s.leaseMillis() + s.timeoutMillis();
                DeliveryStore.Start started = store.startAttempt(previous, stream, owner, now, leaseUntil, h.id(), query, body);
                recorded(previous);
                previous = null;
                if (started == DeliveryStore.Start.LEASE_LOST) return;
                if (started == DeliveryStore.Start.GONE) {
                    // cancelled or reset meanwhile: read the stream again
                    run.clear();
                    continue;
                }
                long at = clock.millis();
                long timeout = SuiteNotice.isAuthNotice(h.changeType()) ? s.authTimeoutMillis() : s.timeoutMillis();
                Sender.Answer a = sender.post(t.url(), query, body, timeout);
                int n = h.attempts() + 1;
                String status;
                long nextAt = 0;
                if (a.status() != null) {
                    status = t.accepts(a) ? "delivered" : "receiver_error";
                } else if (a.retryable() && n < s.maxAttempts()) {
                    status = "pending";
                    nextAt = System.currentTimeMillis() + s.retryDelaysMillis().get(n - 1);
                } else {
                    status = "failed";
                }
                previous = new DeliveryStore.Outcome(h.id(), n, at, a, status, nextAt, clock.millis());
                run.poll();
                after = h.seq();
                // waiting for a retry: nothing behind it may go first
                if (!previous.terminal()) return;
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            }
        } finally {
            if (previous != null) {
                store.finishAttempt(previous);
                recorded(previous);
            }
        }
    }

    /** After the transaction that recorded {@code outcome} (null: none) committed: wakes drain, counts it for pruning. */
    private void recorded(DeliveryStore.Outcome outcome) {
        if (outcome == null) return;
        finished.fire();
        if (outcome.terminal()) finishedOne();
    }

    /** Counts a delivery that reached its end, and every {@link #PRUNE_EVERY} of them keeps the log to its size. */
    private void finishedOne() {
        if (finishedSincePrune.incrementAndGet() < PRUNE_EVERY) return;
        finishedSincePrune.set(0);
        store.prune(logSize);
    }

    @Override
    public void close() {
        stopping = true;
        for (Thread t : workers) t.interrupt();
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
