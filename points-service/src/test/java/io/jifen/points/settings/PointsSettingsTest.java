package io.jifen.points.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PointsSettingsTest {

    @Test
    void shouldStartTheDayAtTheTenantsMidnightNotUtcs() {
        PointsSettings shanghai = withZone(ZoneId.of("Asia/Shanghai"));

        // 2026-11-25T17:00Z is 01:00 on the 26th in Shanghai: that day began at 16:00Z on the 25th.
        assertThat(shanghai.startOfDay(Instant.parse("2026-11-25T17:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
        assertThat(PointsSettings.DEFAULTS.startOfDay(Instant.parse("2026-11-25T17:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    }

    private static PointsSettings withZone(ZoneId zone) {
        PointsSettings d = PointsSettings.DEFAULTS;
        return new PointsSettings(d.refundDebt(), d.transfersEnabled(), d.expiryPolicy(), d.expiryDays(),
                d.expiringNoticeDays(), d.pendingDays(), d.maxPointsPerMemberPerDay(), d.holdEarnsAbove(), zone,
                d.transferLimits());
    }
}
