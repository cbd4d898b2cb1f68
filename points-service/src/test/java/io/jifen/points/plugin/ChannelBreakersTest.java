package io.jifen.points.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChannelBreakersTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final ChannelBreakers breakers = new ChannelBreakers(3, Duration.ofMinutes(1), clock);
    private final ChannelBreakers.Key tenantA = new ChannelBreakers.Key(UUID.randomUUID(), "share");
    private final ChannelBreakers.Key tenantB = new ChannelBreakers.Key(UUID.randomUUID(), "share");

    @Test
    void shouldOpenAfterConsecutiveFailuresForThatTenantOnly() {
        breakers.failed(tenantA);
        breakers.failed(tenantA);
        assertThat(breakers.allows(tenantA)).isTrue();

        breakers.failed(tenantA);

        assertThat(breakers.allows(tenantA)).isFalse();
        assertThat(breakers.allows(tenantB)).isTrue();
    }

    @Test
    void shouldLetACallThroughAfterTheOpenPeriodAndReopenAtOnceIfItFails() {
        for (int i = 0; i < 3; i++) {
            breakers.failed(tenantA);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(breakers.allows(tenantA)).isTrue();

        breakers.failed(tenantA);

        assertThat(breakers.allows(tenantA)).isFalse();
    }

    @Test
    void shouldForgetFailuresAfterASuccess() {
        breakers.failed(tenantA);
        breakers.failed(tenantA);
        breakers.succeeded(tenantA);
        breakers.failed(tenantA);
        breakers.failed(tenantA);

        assertThat(breakers.allows(tenantA)).isTrue();
    }
}
