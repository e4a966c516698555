package org.schoolcontacts.schoolservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** next_upgrade_time (spec 3.7): 00:00 Shanghai of the month and day, this year if ahead, else next. */
class UpgradeTimeTest {
    private static long shanghai(int y, int m, int d, int h) {
        return LocalDateTime.of(y, m, d, h, 0).atZone(ZoneId.of("Asia/Shanghai")).toEpochSecond();
    }

    @Test
    void theDocsExampleGivesTheSameDayNextYear() {
        // the doc: upgrade_time 1594090969 (2020-07-07 10:22 in Shanghai), answered 1625587200
        assertThat(SchoolService.nextUpgradeTime(1594090969L, 1594090969_000L)).isEqualTo(1625587200L);
    }

    @Test
    void aDayStillAheadThisYearIsThisYears() {
        long now = shanghai(2026, 3, 1, 12) * 1000;
        assertThat(SchoolService.nextUpgradeTime(shanghai(2019, 9, 1, 8), now)).isEqualTo(shanghai(2026, 9, 1, 0));
    }

    @Test
    void midnightOfTodayIsAlreadyPast() {
        long now = shanghai(2026, 9, 1, 0) * 1000;
        assertThat(SchoolService.nextUpgradeTime(shanghai(2019, 9, 1, 8), now)).isEqualTo(shanghai(2027, 9, 1, 0));
    }

    @Test
    void februaryTheTwentyNinthIsTheFirstOfMarchInACommonYear() {
        long now = shanghai(2026, 1, 10, 0) * 1000;
        assertThat(SchoolService.nextUpgradeTime(shanghai(2024, 2, 29, 9), now)).isEqualTo(shanghai(2026, 3, 1, 0));
        assertThat(SchoolService.nextUpgradeTime(shanghai(2024, 2, 29, 9), shanghai(2027, 6, 1, 0) * 1000)).isEqualTo(shanghai(2028, 2, 29, 0));
    }

    @Test
    void noUpgradeTimeIsTheFirstOfJanuary() {
        long now = shanghai(2026, 5, 5, 0) * 1000;
        assertThat(SchoolService.nextUpgradeTime(0, now)).isEqualTo(shanghai(2027, 1, 1, 0));
    }
}
