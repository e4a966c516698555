package org.schoolcontacts.events;

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
 *         while head = oldest open delivery:  -- strictly in stream_seq order
 *             renew lease; seal on first attempt; POST; record attempt
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

    private void deliver(String stream, String owner) throws InterruptedException {
        while (!stopping) {
            Optional<DeliveryStore.Head> next = store.head(stream);
            long now = System.currentTimeMillis();
            if (next.isEmpty() || next.get().nextAttemptAt() > now) return;
            DeliveryStore.Head h = next.get();
            DeliverySettings s = settings;
            // renewed before each attempt for longer than the attempt can take; lost or paused -> stop
            if (!store.lease(stream, owner, now, now + s.leaseMillis() + s.timeoutMillis())) return;
            Optional<Receivers.Target> target = receivers.target(h);
            if (target.isEmpty()) {
                store.cancel(h.id(), clock.millis());
                finished.fire();
                finishedOne();
                continue;
            }
            Receivers.Target t = target.get();
            String query = h.query(), body = h.body();
            if (query == null || body == null) {
                String plaintext = Receiver.SUITE_BATCH.equals(h.kind()) ? store.mergeBatch(h, clock.millis() / 1000) : h.plaintext();
                // sealed once, at the first attempt: retries resend the identical request (§6 no. 10)
                WxBizMsgCrypt.Sealed sealed = t.crypt().encrypt(plaintext, Long.toString(clock.millis() / 1000),
                        WxBizMsgCrypt.randomDigits(10), t.agentid());
                query = "msg_signature=" + Sender.encode(sealed.signature()) + "&timestamp=" + Sender.encode(sealed.timestamp())
                        + "&nonce=" + Sender.encode(sealed.nonce());
                body = sealed.envelopeXml();
            }
            if (!store.startAttempt(h.id(), query, body)) continue;
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
            store.finishAttempt(h.id(), n, at, a, status, nextAt, clock.millis());
            finished.fire();
            if (!"pending".equals(status)) finishedOne();
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
        }
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
