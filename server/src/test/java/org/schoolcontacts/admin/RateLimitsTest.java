package org.schoolcontacts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schoolcontacts.clock.ServerClock;

/** WeCom's frequency limits (D-90454) as counters on the server clock. */
class RateLimitsTest {
    private static final String PATH = "/cgi-bin/school/user/get";

    private ServerClock clock;
    private RateLimits limits;

    @BeforeEach
    void setUp() {
        clock = new ServerClock(Clock.systemUTC());
        limits = new RateLimits(clock);
    }

    private int allowedOf(int calls, String corp, String ip, boolean provider) {
        int allowed = 0;
        for (int i = 0; i < calls; i++) if (limits.allow(PATH, corp, ip, provider)) allowed++;
        return allowed;
    }

    @Test
    void switchedOffByDefaultEverythingPasses() {
        assertThat(allowedOf(RateLimits.CORP_PER_MINUTE + 5, "ww1", "10.0.0.1", false)).isEqualTo(RateLimits.CORP_PER_MINUTE + 5);
    }

    @Test
    void aCorpIsCutOffPastItsPerMinuteLimitForSixtySeconds() {
        limits.setEnabled(true);
        limits.setLimits(3, null, null, null);
        assertThat(allowedOf(5, "ww1", "10.0.0.1", false)).isEqualTo(3);
        // another corp on the same path is counted apart
        assertThat(allowedOf(1, "ww2", "10.0.0.2", false)).isEqualTo(1);
        clock.setOffsetMillis(59_000);
        assertThat(limits.allow(PATH, "ww1", "10.0.0.1", false)).isFalse();
        clock.setOffsetMillis(61_000);
        assertThat(limits.allow(PATH, "ww1", "10.0.0.1", false)).isTrue();
    }

    @Test
    void anHourLevelBlockLastsAnHour() {
        limits.setEnabled(true);
        limits.setLimits(1000, 4, null, null);
        assertThat(allowedOf(6, "ww1", "10.0.0.1", false)).isEqualTo(4);
        clock.setOffsetMillis(30 * 60_000);
        assertThat(limits.allow(PATH, "ww1", "10.0.0.1", false)).isFalse();
        clock.setOffsetMillis(61 * 60_000);
        assertThat(limits.allow(PATH, "ww1", "10.0.0.1", false)).isTrue();
    }

    @Test
    void aThirdPartyProvidersServerGetsTwiceThePerIpAllowance() {
        limits.setEnabled(true);
        limits.setLimits(1_000, 1_000, 3, 1_000);
        assertThat(allowedOf(10, null, "10.0.0.9", false)).isEqualTo(3);
        assertThat(allowedOf(10, null, "10.0.0.8", true)).isEqualTo(3 * RateLimits.PROVIDER_IP_FACTOR);
    }

    @Test
    void madeUpCorpIdsOnGettokenGrewTheCountersWithoutBoundAndNowStopAtTheCap() {
        // found while bounding memory: every gettoken counted a new counter for whatever corpid it sent
        limits.setEnabled(true);
        for (int i = 0; i < RateLimits.MAX_COUNTERS + 20_000; i++) limits.allow("/cgi-bin/gettoken", "wwfake" + i, "10.0.0.9", false);
        assertThat(limits.counters()).isLessThanOrEqualTo(RateLimits.MAX_COUNTERS);
        // a corp in use keeps its counter, so its limit still holds
        limits.setLimits(3, null, null, null);
        for (int i = 0; i < 3; i++) limits.allow(PATH, "ww1", "10.0.0.1", false);
        for (int i = 0; i < RateLimits.MAX_COUNTERS; i++) {
            limits.allow("/cgi-bin/gettoken", "wwfake" + i, "10.0.0.9", false);
            if (i % 1000 == 0) assertThat(limits.allow(PATH, "ww1", "10.0.0.1", false)).isFalse();
        }
    }
}
