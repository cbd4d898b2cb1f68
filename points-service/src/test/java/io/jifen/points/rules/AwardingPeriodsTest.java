package io.jifen.points.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AwardingPeriodsTest {

    @Test
    void shouldKeyLimitedPeriodsByUtcCalendarDayIsoWeekMonthAndLifetime() {
        Limits all = new Limits(new Limits.PerMember(1L, 2L, 3L, 4L));

        // 2027-01-01 is a Friday of ISO week 53 of 2026.
        assertThat(Awarding.periods(all, Instant.parse("2027-01-01T23:30:00Z")))
                .containsExactly(entry("day:2027-01-01", 1L), entry("week:2026-W53", 2L),
                        entry("month:2027-01", 3L), entry("lifetime", 4L));
    }

    @Test
    void shouldOnlyKeyThePeriodsThatHaveALimit() {
        Limits daily = new Limits(new Limits.PerMember(10L, null, null, null));

        assertThat(Awarding.periods(daily, Instant.parse("2026-11-25T00:00:00Z")))
                .containsExactly(entry("day:2026-11-25", 10L));
        assertThat(Awarding.periods(Limits.NONE, Instant.parse("2026-11-25T00:00:00Z"))).isEmpty();
    }

    private static java.util.Map.Entry<String, Long> entry(String key, Long value) {
        return java.util.Map.entry(key, value);
    }
}
