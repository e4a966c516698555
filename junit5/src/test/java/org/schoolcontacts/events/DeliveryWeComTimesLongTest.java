package org.schoolcontacts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.junit5.EventControls;
import org.schoolcontacts.junit5.EventReceiver;
import org.schoolcontacts.junit5.SchoolContactsHandle;
import org.schoolcontacts.junit5.SchoolContactsServer;

/**
 * WeCom's own delivery times, untuned (spec events §1.7): a timeout after 5 s, retries after 1, 2 and
 * 4 s. About 40 s, so not part of {@code ./mvnw verify}; run it by name:
 * {@code ./mvnw -pl junit5 -am verify -Dtest=DeliveryWeComTimesLongTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Only lower bounds are asserted: a loaded machine can make the server later, never earlier.
 */
@SchoolContactsServer
class DeliveryWeComTimesLongTest {
    static final String CORP = "wwschool00000001";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    SchoolContactsHandle handle;
    EventReceiver receiver;

    @BeforeEach
    void configure() {
        handle.reset();
        handle.events().untune();
        receiver = EventReceiver.start("Token01", KEY, CORP);
        handle.events().configureCallback(CORP, 1000001, receiver);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private EventControls.Delivery failedAfterAllAttempts() {
        handle.editor().post("/cgi-bin/school/user/create_student", "{\"student_userid\":\"s0002\",\"name\":\"N\",\"department\":[11]}");
        handle.events().drain(null, Duration.ofSeconds(90));
        EventControls.Delivery d = handle.events().deliveries().get(0);
        assertThat(d.status()).isEqualTo("failed");
        assertThat(d.attempts()).hasSize(4);
        return d;
    }

    @Test
    void retriesComeAfterOneTwoAndFourSeconds() {
        receiver.close();
        List<EventControls.Attempt> a = failedAfterAllAttempts().attempts();
        long[] delays = {1000, 2000, 4000};
        for (int i = 1; i < 4; i++) {
            long gap = Duration.between(Instant.parse(a.get(i - 1).at()), Instant.parse(a.get(i).at())).toMillis() - a.get(i - 1).ms();
            assertThat(gap).as("pause before attempt " + (i + 1)).isGreaterThanOrEqualTo(delays[i - 1] - 50);
        }
    }

    @Test
    void anAttemptTimesOutAfterFiveSeconds() {
        receiver.holdAnswers();
        assertThat(failedAfterAllAttempts().attempts()).allSatisfy(at -> {
            assertThat(at.error()).startsWith("timeout");
            assertThat(at.ms()).isGreaterThanOrEqualTo(4950);
        });
    }
}
