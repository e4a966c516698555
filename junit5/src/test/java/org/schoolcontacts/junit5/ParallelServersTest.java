package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The one class run with JUnit's parallel execution (junit-platform.properties enables it, default
 * same_thread): four tests, each with its own server, all running at once. Each moves its own clock
 * and must see only its own move, and no two share a port or a folder.
 */
@SchoolContactsServer(lifecycle = SchoolContactsServer.Lifecycle.PER_METHOD)
@Execution(ExecutionMode.CONCURRENT)
class ParallelServersTest {
    private static final int TESTS = 4;
    // Every test waits here until all four are running: proof that they really overlap. The timeout
    // only turns a missing parallel set-up into a failure instead of a hang.
    private static final CyclicBarrier ALL_RUNNING = new CyclicBarrier(TESTS);
    private static final Map<Integer, Path> FOLDERS_BY_PORT = new ConcurrentHashMap<>();
    private static final Map<String, Integer> TOKENS = new ConcurrentHashMap<>();

    @Test
    void first(SchoolContactsHandle h) throws Exception { runAlongsideTheOthers(h, 1); }

    @Test
    void second(SchoolContactsHandle h) throws Exception { runAlongsideTheOthers(h, 2); }

    @Test
    void third(SchoolContactsHandle h) throws Exception { runAlongsideTheOthers(h, 3); }

    @Test
    void fourth(SchoolContactsHandle h) throws Exception { runAlongsideTheOthers(h, 4); }

    private static void runAlongsideTheOthers(SchoolContactsHandle h, int n) throws Exception {
        ALL_RUNNING.await(60, TimeUnit.SECONDS);
        h.advanceClock(n * 1000L);
        assertThat(TOKENS.put(h.token(h.editSecret()), n)).as("token shared with another server").isNull();
        ALL_RUNNING.await(60, TimeUnit.SECONDS);
        // every clock has been moved by now; each server must show its own move only
        assertThat(h.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isEqualTo(n * 1000L);
        assertThat(FOLDERS_BY_PORT.put(h.port(), h.folder())).as("port used by two servers").isNull();
    }

    @AfterAll
    static void serversWereApartAndLeftNothingBehind() {
        assertThat(FOLDERS_BY_PORT).hasSize(TESTS);
        List<Path> folders = List.copyOf(FOLDERS_BY_PORT.values());
        assertThat(folders).doesNotHaveDuplicates();
        assertThat(folders).noneMatch(Files::exists);
    }
}
