package org.schoolcontacts.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.admin.RequestJournal;
import org.schoolcontacts.events.Events;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Bounded memory under load. Requests: kept-alive connections send a cheap mix dominated by user/get
 * and gettoken, with reads of lists, refused writes, accepted writes that add nothing, unknown paths
 * and gettoken calls for made-up corp ids (rate limiting on, so the counters see hostile keys). The
 * journal is full before the baseline is taken; afterwards the heap after GC may have grown by less
 * than 64 MiB, and the journal holds at most its capacity (the rate-limit counters' cap is
 * RateLimitsTest's). verify: 10,000 requests over 4 connections; {@code -Plong}: 1,000,000 over 16.
 *
 * <p>Events: batch updates of 100 students, each change owed to three apps' callbacks (three streams),
 * delivered to receivers that accept everything and are emptied after every drain. Afterwards the
 * heap has grown by less than the same bound, nothing is left pending, and the delivery log holds at
 * most its size (10,000 finished deliveries) plus one pruning interval. verify: 3,000 deliveries;
 * {@code -Plong}: issue 18's million (about 600 deliveries a second on SQLite with 2 shared cores, so
 * about half an hour; {@code -Dreliability.memory.events=N} for another volume). A line every tenth of
 * the run goes to {@code target/reliability/…-progress.txt}.
 */
@SchoolContactsServer
class BoundedMemoryTest {
    private static final int REQUESTS = Volume.of("memory.requests", 10_000, 1_000_000);
    private static final int CONNECTIONS = Volume.of("memory.connections", 4, 16);
    private static final int EVENTS = Volume.of("memory.events", 3_000, 1_000_000);
    private static final long HEAP_BOUND = 64L << 20;
    /** The demo school's apps that may have a callback for change events: editor, reader, agency editor. */
    private static final List<Long> EVENT_APPS = List.of(1000001L, 1000002L, 1000004L);
    private static final int BATCH = 100;
    /** Batches between two drains: the outbox never holds more than this many batches' deliveries. */
    private static final int BATCHES_PER_DRAIN = 5;
    private static final String KEY = "memoryKey0123456789abcdefghijklmnopqrstuvwx";

    SchoolContactsHandle handle;

    @Test
    void aLongStreamOfRequestsLeavesHeapJournalAndCountersWithinTheirBounds() throws Exception {
        handle.reset();
        handle.admin("POST", "/__admin/rate-limits", "{\"enabled\":true,\"corp_per_minute\":1000000000,\"corp_per_hour\":1000000000,"
                + "\"ip_per_minute\":1000000000,\"ip_per_hour\":1000000000}");
        String token = handle.token(handle.editSecret());
        run(token, 0, RequestJournal.CAPACITY * 2); // warm up: JIT, pools, a full journal
        long heapBefore = settledHeap();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long t0 = System.nanoTime();
        long sent = run(token, 1_000_000, REQUESTS);
        double minutes = (System.nanoTime() - t0) / 6e10;
        int journal = handle.admin("GET", "/__admin/requests?limit=" + RequestJournal.MAX_CAPACITY, null).path("requests").size();
        long heapAfter = settledHeap();
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        String report = String.format("bounded memory, %s run: %d requests over %d connections in %.1f minutes (%.0f/s), load average %.2f;"
                        + " heap after GC %.1f MiB before, %.1f MiB after (bound: +%d MiB); threads %d before, %d after; journal %d entries"
                        + " (capacity %d)%n", Volume.describe(), sent, CONNECTIONS, minutes, sent / (minutes * 60),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), heapBefore / 1048576.0, heapAfter / 1048576.0,
                HEAP_BOUND >> 20, threadsBefore, threadsAfter, journal, RequestJournal.CAPACITY);
        System.out.print(report);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("bounded-memory-" + Volume.describe() + ".txt"), report);
        assertThat(sent).isEqualTo(REQUESTS);
        assertThat(journal).isLessThanOrEqualTo(RequestJournal.CAPACITY);
        assertThat(heapAfter - heapBefore).as(report).isLessThan(HEAP_BOUND);
        assertThat(threadsAfter).as(report).isLessThanOrEqualTo(threadsBefore + 8);
    }

    @Test
    void aLongStreamOfChangeEventsLeavesHeapOutboxAndDeliveryLogWithinTheirBounds() throws Exception {
        handle.reset();
        List<EventReceiver> receivers = new ArrayList<>();
        try {
            for (long agentid : EVENT_APPS) {
                EventReceiver r = EventReceiver.start("MemTok" + agentid, KEY, handle.corpId());
                handle.events().configureCallback(handle.corpId(), agentid, r);
                receivers.add(r);
            }
            StringBuilder students = new StringBuilder();
            for (int i = 0; i < BATCH; i++) {
                students.append(i == 0 ? "" : ",").append("{\"student_userid\":\"ev").append(i).append("\",\"name\":\"E\",\"department\":[11]}");
            }
            JsonNode created = handle.editor().post("/cgi-bin/school/user/batch_create_student", "{\"students\":[" + students + "]}");
            assertThat(created.path("errcode").asInt()).as("%s", created).isZero();
            long[] received = new long[1];
            int round = 0;
            // warm up: JIT, the sender's connections, a first drain
            round = sendEvents(receivers, received, round, 3 * BATCH * EVENT_APPS.size());
            long heapBefore = settledHeap();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long t0 = System.nanoTime();
            long start = received[0];
            int firstRound = round;
            Path progress = Path.of("target", "reliability", "bounded-memory-events-" + Volume.describe() + "-progress.txt");
            Files.createDirectories(progress.getParent());
            Files.writeString(progress, "");
            // a line every tenth of the run (at most every 100,000 deliveries), so a long run shows its heap on the way
            long every = Math.max(1, Math.min(100_000, EVENTS / 10));
            long[] next = {start + every};
            int lastRound = sendEvents(receivers, received, round, EVENTS, () -> {
                if (received[0] < next[0]) return;
                next[0] = received[0] + every;
                String line = String.format("%d deliveries after %.1f minutes (%.0f/s): heap after GC %.1f MiB (%.1f MiB at the start), delivery log %d rows%n",
                        received[0] - start, (System.nanoTime() - t0) / 6e10, (received[0] - start) / ((System.nanoTime() - t0) / 1e9),
                        settledHeap() / 1048576.0, heapBefore / 1048576.0,
                        handle.server().database().read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries")));
                System.out.print(line);
                try {
                    Files.writeString(progress, line, java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long changes = (long) (lastRound - firstRound) * BATCH;
            long delivered = received[0] - start;
            double minutes = (System.nanoTime() - t0) / 6e10;
            long pending = handle.server().database().read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries WHERE status IN ('pending', 'delivering')"));
            long log = handle.server().database().read(tx -> tx.count("SELECT COUNT(*) FROM event_deliveries"));
            long attempts = handle.server().database().read(tx -> tx.count("SELECT COUNT(*) FROM event_attempts"));
            long heapAfter = settledHeap();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            String report = String.format("bounded memory, events, %s run: %d changes, %d deliveries (%d streams, batches of %d) in %.1f minutes (%.0f/s),"
                            + " load average %.2f; heap after GC %.1f MiB before, %.1f MiB after (bound: +%d MiB); threads %d before, %d after;"
                            + " delivery log %d rows (size %d + %d between prunes) with %d attempts, %d pending%n", Volume.describe(), changes, delivered,
                    EVENT_APPS.size(), BATCH,
                    minutes, delivered / (minutes * 60), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), heapBefore / 1048576.0,
                    heapAfter / 1048576.0, HEAP_BOUND >> 20, threadsBefore, threadsAfter, log, Events.DELIVERY_LOG_SIZE, PRUNE_EVERY, attempts, pending);
            System.out.print(report);
            Path out = Path.of("target", "reliability");
            Files.createDirectories(out);
            Files.writeString(out.resolve("bounded-memory-events-" + Volume.describe() + ".txt"), report);
            assertThat(delivered).as(report).isGreaterThanOrEqualTo(EVENTS);
            assertThat(pending).as(report).isZero();
            assertThat(log).as(report).isLessThanOrEqualTo(Events.DELIVERY_LOG_SIZE + PRUNE_EVERY);
            assertThat(heapAfter - heapBefore).as(report).isLessThan(HEAP_BOUND);
            assertThat(threadsAfter).as(report).isLessThanOrEqualTo(threadsBefore + 8);
        } finally {
            receivers.forEach(EventReceiver::close);
        }
    }

    private static final int PRUNE_EVERY = org.schoolcontacts.events.Events.DELIVERY_LOG_PRUNE_EVERY;

    /**
     * Batch updates renaming the 100 students (each item one update_student per stream), drained every
     * few batches, until {@code atLeast} deliveries have arrived; the receivers are emptied after each
     * drain and only counted, so the test's own memory stays flat. Returns the next round number.
     */
    private int sendEvents(List<EventReceiver> receivers, long[] received, int round, long atLeast) {
        return sendEvents(receivers, received, round, atLeast, () -> {});
    }

    /** As above, calling {@code afterDrain} after each drain. */
    private int sendEvents(List<EventReceiver> receivers, long[] received, int round, long atLeast, Runnable afterDrain) {
        long until = received[0] + atLeast;
        while (received[0] < until) {
            for (int b = 0; b < BATCHES_PER_DRAIN && received[0] + (long) b * BATCH * receivers.size() < until; b++) {
                round++;
                StringBuilder items = new StringBuilder();
                for (int i = 0; i < BATCH; i++) {
                    items.append(i == 0 ? "" : ",").append("{\"student_userid\":\"ev").append(i).append("\",\"name\":\"R").append(round).append("\"}");
                }
                JsonNode r = handle.editor().post("/cgi-bin/school/user/batch_update_student", "{\"students\":[" + items + "]}");
                assertThat(r.path("errcode").asInt()).as("round %d: %s", round, r).isZero();
            }
            drain();
            for (EventReceiver r : receivers) {
                received[0] += r.events().size();
                assertThat(r.refused()).as("pushes the receiver refused").isEmpty();
                r.clear();
            }
            afterDrain.run();
        }
        return round;
    }

    /**
     * Waits until nothing is pending, in 10 s calls: one long call would outlast the client's 60 s
     * request timeout when delivery is slow, and stay far from Jetty's 30 s idle timeout (see
     * ManyWritersInvariantsTest). Gives up after 10 minutes.
     */
    private void drain() {
        long end = System.nanoTime() + 600_000_000_000L;
        while (true) {
            SchoolContactsHandle.Answer a = handle.adminAnswer("POST", "/__admin/events/drain", "{\"timeout_ms\":10000}");
            if (a.status() == 200) return;
            assertThat(a.status()).as("drain: %s", a.raw()).isEqualTo(408);
            assertThat(System.nanoTime()).as("drained within 10 minutes: %s", a.raw()).isLessThan(end);
        }
    }

    /** Sends {@code count} requests over the kept-alive connections; every answer must be an envelope. */
    private long run(String token, int offset, int count) throws Exception {
        AtomicLong sent = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            threads.add(new Thread(() -> {
                try (RawHttp http = new RawHttp("127.0.0.1", handle.port(), 30_000)) {
                    for (int i = connection; i < count && failures.isEmpty(); i += CONNECTIONS) {
                        byte[] request = request(token, offset + i);
                        RawHttp.Response r = http.exchange(request, 0, 0, false, false);
                        if (r == null) {
                            http.dropConnection();
                            r = http.exchange(request, 0, 0, false, false);
                        }
                        String text = r == null ? "" : new String(r.body(), 0, Math.min(r.body().length, 40), StandardCharsets.UTF_8);
                        if (r == null || r.status() >= 500 || !text.startsWith("{\"errcode\":") || text.startsWith("{\"errcode\":-1,")) {
                            failures.add(new String(request, StandardCharsets.UTF_8) + " -> " + (r == null ? "no answer" : r.status() + " " + r.text()));
                        }
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }, "memory-client-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertThat(failures).isEmpty();
        return sent.get();
    }

    /** The mix, out of 20: 9 user/get of a student, 3 gettoken, then one each of the rest (cheap requests, so thousands a second). */
    private byte[] request(String token, int i) {
        String q = "access_token=" + token;
        String head;
        String body = null;
        switch (i % 20) {
            case 0, 1, 2 -> head = "GET /cgi-bin/gettoken?corpid=" + handle.corpId() + "&corpsecret=" + handle.editSecret();
            case 3 -> head = "GET /cgi-bin/school/department/list?" + q;
            case 4 -> head = "GET /cgi-bin/school/user/list?department_id=11&" + q;
            case 5 -> {
                head = "POST /cgi-bin/school/user/create_student?" + q;
                body = "{\"student_userid\":\"m" + i + "\",\"name\":\"M\",\"department\":[999]}";
            }
            case 6 -> {
                head = "POST /cgi-bin/school/user/batch_update_student?" + q;
                body = "{\"students\":[{\"student_userid\":\"s0001\",\"name\":\"Li Lei\"}]}";
            }
            case 7 -> head = "GET /cgi-bin/school/user/no_such_api_" + i + "?" + q;
            case 8 -> head = "GET /cgi-bin/school/user/get?userid=nobody" + i + "&" + q;
            case 9 -> head = "GET /cgi-bin/gettoken?corpid=wwmadeup" + i + "&corpsecret=x";
            case 10 -> head = "GET /cgi-bin/school/user/list_parent?department_id=11&" + q;
            default -> head = "GET /cgi-bin/school/user/get?userid=s0001&" + q;
        }
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String request = (body == null ? head.replaceFirst("^POST", "GET") : head) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n") + "\r\n";
        byte[] h = request.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
