package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * What a test run leaves behind: nothing. The scenarios below are small test classes run through the
 * JUnit test kit, so the checks happen after JUnit has finished with them, as it would for a user.
 * It counts the test folders of this JVM (under target/, see the pom), so no other test class may
 * start or stop servers meanwhile.
 */
@org.junit.jupiter.api.parallel.Isolated
class CleanupTest {
    static final List<SchoolContactsHandle> started = new CopyOnWriteArrayList<>();

    @Test
    void afterAPerClassServerTheFolderIsGoneAndThePortClosed() {
        started.clear();
        run(PerClassScenario.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(started).hasSize(2).allMatch(h -> h == started.get(0));
        assertStoppedAndDeleted(started.get(0));
    }

    @Test
    void afterFailingPerMethodTestsEveryServerIsStoppedAndDeleted() {
        started.clear();
        run(FailingPerMethodScenario.class).testEvents().assertStatistics(s -> s.succeeded(0).failed(2));
        assertThat(started).hasSize(2).doesNotHaveDuplicates();
        started.forEach(CleanupTest::assertStoppedAndDeleted);
    }

    @Test
    void aSeedThatCannotBeFoundFailsTheClassClearlyAndLeavesNoFolder() throws IOException {
        Set<Path> before = testFolders();
        Events events = run(MissingSeedScenario.class).containerEvents();
        events.assertThatEvents().haveExactly(1,
                event(finishedWithFailure(message(m -> m.contains("no-such-seed.json") && m.contains("neither a classpath resource nor a file")))));
        assertThat(testFolders()).isEqualTo(before);
    }

    @Test
    void aSeedThatBreaksARuleFailsTheClassAndLeavesNoFolder() throws IOException {
        Set<Path> before = testFolders();
        run(BadSeedScenario.class).containerEvents().assertThatEvents().haveExactly(1,
                event(finishedWithFailure(message(m -> m.contains("agentid")))));
        assertThat(testFolders()).isEqualTo(before);
    }

    @Test
    void aServerStartedOutsideJUnitIsGoneAfterClose() {
        SchoolContactsHandle h = SchoolContactsHandle.start("");
        assertThat(h.folder()).isDirectory();
        assertThat(h.gettoken(h.editSecret()).path("errcode").asInt()).isZero();
        h.close();
        assertStoppedAndDeleted(h);
        h.close(); // a second close does nothing
    }

    private static EngineExecutionResults run(Class<?> scenario) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(scenario)).execute();
    }

    private static void assertStoppedAndDeleted(SchoolContactsHandle h) {
        assertThat(h.folder()).doesNotExist();
        assertThatThrownBy(() -> SchoolContactsHandle.send("GET", h.baseUrl() + "/__admin/health", null))
                .as("server on port %d still answers", h.port()).isInstanceOf(UncheckedIOException.class);
    }

    private static Set<Path> testFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith(ServerStarter.FOLDER_PREFIX)).collect(Collectors.toSet());
        }
    }

    // Scenarios: nested static classes, so surefire does not run them on their own.

    @SchoolContactsServer
    static class PerClassScenario {
        @Test
        void one(SchoolContactsHandle h) { started.add(h); }

        @Test
        void two(SchoolContactsHandle h) { started.add(h); }
    }

    @SchoolContactsServer(lifecycle = SchoolContactsServer.Lifecycle.PER_METHOD)
    static class FailingPerMethodScenario {
        @Test
        void one(SchoolContactsHandle h) {
            started.add(h);
            throw new AssertionError("this test fails on purpose");
        }

        @Test
        void two(SchoolContactsHandle h) {
            started.add(h);
            throw new IllegalStateException("and so does this one");
        }
    }

    @SchoolContactsServer(seed = "no-such-seed.json")
    static class MissingSeedScenario {
        @Test
        void neverRuns(SchoolContactsHandle h) { started.add(h); }
    }

    @SchoolContactsServer(seed = "bad-seed.json")
    static class BadSeedScenario {
        @Test
        void neverRuns(SchoolContactsHandle h) { started.add(h); }
    }
}
