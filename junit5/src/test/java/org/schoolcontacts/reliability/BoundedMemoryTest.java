package org.schoolcontacts.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * Bounded memory under load: four kept-alive connections send a mix of reads, refused writes,
 * accepted writes that add nothing, unknown paths and gettoken calls (a tenth of them for made-up corp
 * ids, with rate limiting on, so the counters see hostile keys). The journal is full before the
 * baseline is taken; afterwards the heap after GC may have grown by less than 64 MiB, and the journal holds
 * at most its capacity (the rate-limit counters' cap is RateLimitsTest's). verify: 10,000 requests;
 * {@code -Plong}: 1,000,000.
 */
@SchoolContactsServer
class BoundedMemoryTest {
    private static final int REQUESTS = Volume.of("memory.requests", 10_000, 1_000_000);
    private static final int CONNECTIONS = 4;
    private static final long HEAP_BOUND = 64L << 20;

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

    private byte[] request(String token, int i) {
        String q = "access_token=" + token;
        String head;
        String body = null;
        switch (i % 10) {
            case 0 -> head = "GET /cgi-bin/gettoken?corpid=" + handle.corpId() + "&corpsecret=" + handle.editSecret();
            case 1 -> head = "GET /cgi-bin/school/user/get?userid=s0001&" + q;
            case 2 -> head = "GET /cgi-bin/school/department/list?" + q;
            case 3 -> head = "GET /cgi-bin/school/user/list?department_id=11&" + q;
            case 4 -> {
                head = "POST /cgi-bin/school/user/create_student?" + q;
                body = "{\"student_userid\":\"m" + i + "\",\"name\":\"M\",\"department\":[999]}";
            }
            case 5 -> {
                head = "POST /cgi-bin/school/user/batch_update_student?" + q;
                body = "{\"students\":[{\"student_userid\":\"s0001\",\"name\":\"Li Lei\"}]}";
            }
            case 6 -> head = "GET /cgi-bin/school/user/no_such_api_" + i + "?" + q;
            case 7 -> head = "GET /cgi-bin/school/user/get?userid=nobody" + i + "&" + q;
            case 8 -> head = "GET /cgi-bin/gettoken?corpid=wwmadeup" + i + "&corpsecret=x";
            default -> head = "GET /cgi-bin/school/user/list_parent?department_id=11&" + q;
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
