package io.jifen.plugins.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.testkit.ChannelHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckinChannelTest {

    private final ChannelHarness harness = ChannelHarness.of(new CheckinChannel()).zone("Asia/Shanghai")
            .at("2026-03-01T09:00")
            .config(Map.of("pointsPerDay", 10, "streakBonusDays", 7, "streakBonusPoints", 50));

    @Test
    void shouldAwardOncePerDayAndRejectASecondCheckInTheSameDay() {
        ChannelResult first = harness.send("m1", Map.of());
        harness.advance(Duration.ofHours(14)); // 23:00 in Shanghai, still the same day there
        ChannelResult second = harness.send("m1", Map.of());

        assertThat(ChannelHarness.points(first)).isEqualTo(10);
        assertThat(second).isEqualTo(ChannelResult.reject("already checked in today"));
    }

    @Test
    void shouldCountDaysInTheTenantsTimeZone() {
        harness.at("2026-03-01T23:30");
        harness.send("m1", Map.of());
        harness.advance(Duration.ofMinutes(45)); // 00:15 the next day in Shanghai, 16:15 UTC the same day

        assertThat(ChannelHarness.points(harness.send("m1", Map.of()))).isEqualTo(10);
        assertThat(harness.store()).containsEntry("streak:m1", "2026-03-02|2");
    }

    @Test
    void shouldAddTheBonusOnTheSeventhConsecutiveDayAndEveryMilestoneAfter() {
        long[] points = new long[14];
        for (int day = 0; day < 14; day++) {
            points[day] = ChannelHarness.points(harness.send("m1", Map.of()));
            harness.advance(Duration.ofDays(1));
        }

        assertThat(points[5]).isEqualTo(10);
        assertThat(points[6]).isEqualTo(60);
        assertThat(points[7]).isEqualTo(10);
        assertThat(points[13]).isEqualTo(60);
    }

    @Test
    void shouldStartTheStreakAgainAfterAMissedDay() {
        for (int day = 0; day < 6; day++) {
            harness.send("m1", Map.of());
            harness.advance(Duration.ofDays(1));
        }
        harness.advance(Duration.ofDays(1)); // day 7 missed

        ChannelResult afterGap = harness.send("m1", Map.of());

        assertThat(ChannelHarness.points(afterGap)).isEqualTo(10);
        assertThat(harness.store()).containsEntry("streak:m1", "2026-03-08|1");
    }

    @Test
    void shouldKeepEachMembersStreakApart() {
        harness.send("m1", Map.of());

        assertThat(ChannelHarness.points(harness.send("m2", Map.of()))).isEqualTo(10);
    }
}
