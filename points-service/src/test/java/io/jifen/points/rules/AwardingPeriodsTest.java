package io.jifen.points.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AwardingPeriodsTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void shouldKeyLimitedPeriodsByCalendarDayIsoWeekMonthAndLifetime() {
        Limits all = new Limits(new Limits.PerMember(1L, 2L, 3L, 4L));

        // 2027-01-01 is a Friday of ISO week 53 of 2026.
        assertThat(Awarding.periods(all, Instant.parse("2027-01-01T23:30:00Z"), UTC))
                .containsExactly(entry("day:2027-01-01", 1L), entry("week:2026-W53", 2L),
                        entry("month:2027-01", 3L), entry("lifetime", 4L));
    }

    @Test
    void shouldKeyPeriodsByTheTenantsCalendarWhenItsDayDiffersFromUtcs() {
        Limits all = new Limits(new Limits.PerMember(1L, 2L, 3L, 4L));

        // 2027-01-03T16:30Z is Monday 2027-01-04 00:30 in Shanghai: another day, ISO week and year than in UTC.
        assertThat(Awarding.periods(all, Instant.parse("2027-01-03T16:30:00Z"), ZoneId.of("Asia/Shanghai")))
                .containsExactly(entry("day:2027-01-04", 1L), entry("week:2027-W01", 2L),
                        entry("month:2027-01", 3L), entry("lifetime", 4L));
        assertThat(Awarding.periods(all, Instant.parse("2027-01-03T16:30:00Z"), UTC))
                .containsExactly(entry("day:2027-01-03", 1L), entry("week:2026-W53", 2L),
                        entry("month:2027-01", 3L), entry("lifetime", 4L));
        // 2026-12-31T20:00Z is still December in UTC but January in Shanghai.
        assertThat(Awarding.periods(new Limits(new Limits.PerMember(null, null, 3L, null)),
                Instant.parse("2026-12-31T20:00:00Z"), ZoneId.of("Asia/Shanghai")))
                .containsExactly(entry("month:2027-01", 3L));
    }

    @Test
    void shouldOnlyKeyThePeriodsThatHaveALimit() {
        Limits daily = new Limits(new Limits.PerMember(10L, null, null, null));

        assertThat(Awarding.periods(daily, Instant.parse("2026-11-25T00:00:00Z"), UTC))
                .containsExactly(entry("day:2026-11-25", 10L));
        assertThat(Awarding.periods(Limits.NONE, Instant.parse("2026-11-25T00:00:00Z"), UTC)).isEmpty();
    }

    private static java.util.Map.Entry<String, Long> entry(String key, Long value) {
        return java.util.Map.entry(key, value);
    }
}
