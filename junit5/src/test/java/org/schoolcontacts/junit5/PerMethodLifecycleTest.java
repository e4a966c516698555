package org.schoolcontacts.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/** PER_METHOD: every test starts from a fresh server, and lifecycle methods see the test's own one. */
@SchoolContactsServer(lifecycle = SchoolContactsServer.Lifecycle.PER_METHOD)
class PerMethodLifecycleTest {
    static final Set<SchoolContactsHandle> servers = ConcurrentHashMap.newKeySet();

    SchoolContactsHandle field;
    SchoolContactsHandle inBeforeEach;

    @BeforeEach
    void before(SchoolContactsHandle h) {
        inBeforeEach = h;
    }

    @RepeatedTest(3)
    void eachTestGetsAFreshServerWhoseClockWasNotMovedByAnEarlierTest(SchoolContactsHandle h) {
        assertThat(servers.add(h)).as("a server no earlier test had").isTrue();
        assertThat(h).isSameAs(field).isSameAs(inBeforeEach);
        assertThat(h.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isZero();
        h.advanceClock(3600);
        assertThat(h.admin("GET", "/__admin/clock", null).path("offset_seconds").asLong()).isEqualTo(3600);
    }

    @AfterEach
    void after(SchoolContactsHandle h) {
        assertThat(h).isSameAs(inBeforeEach);
        // still running in @AfterEach, so tests may inspect it there
        assertThat(h.admin("GET", "/__admin/health", null).path("status").asText()).isEqualTo("ok");
    }
}
