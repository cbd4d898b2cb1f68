package io.jifen.points.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RewardTest {

    private static final Instant FROM = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2030-02-01T00:00:00Z");

    @Test
    void shouldBeAvailableFromItsStartInclusiveUntilItsEndExclusive() {
        Reward reward = reward(true, FROM, UNTIL, List.of());

        assertThat(reward.isAvailableAt(FROM.minusNanos(1000))).isFalse();
        assertThat(reward.isAvailableAt(FROM)).isTrue();
        assertThat(reward.isAvailableAt(UNTIL.minusNanos(1000))).isTrue();
        assertThat(reward.isAvailableAt(UNTIL)).isFalse();
    }

    @Test
    void shouldNotBeAvailableWhenInactiveEvenInsideItsWindow() {
        assertThat(reward(false, null, null, List.of()).isAvailableAt(FROM)).isFalse();
        assertThat(reward(true, null, null, List.of()).isAvailableAt(FROM)).isTrue();
    }

    @Test
    void shouldAllowEveryTierWithoutARestrictionAndOnlyTheListedOnesWithOne() {
        assertThat(reward(true, null, null, List.of()).allowsTier(null)).isTrue();
        Reward goldOnly = reward(true, null, null, List.of("gold"));

        assertThat(goldOnly.allowsTier("gold")).isTrue();
        assertThat(goldOnly.allowsTier("GOLD")).isFalse();
        assertThat(goldOnly.allowsTier("silver")).isFalse();
        assertThat(goldOnly.allowsTier(null)).isFalse();
    }

    @Test
    void shouldOrderFulfilmentStepsForwardOnly() {
        assertThat(Fulfilment.PLACED.isBefore(Fulfilment.SHIPPED)).isTrue();
        assertThat(Fulfilment.SHIPPED.isBefore(Fulfilment.DELIVERED)).isTrue();
        assertThat(Fulfilment.DELIVERED.isBefore(Fulfilment.PLACED)).isFalse();
        assertThat(Fulfilment.SHIPPED.isBefore(Fulfilment.SHIPPED)).isFalse();
        assertThat(Fulfilment.of("lost")).isEmpty();
    }

    private static Reward reward(boolean active, Instant from, Instant until, List<String> tiers) {
        return new Reward(UUID.randomUUID(), RewardType.SERVICE, "r", null, null, 1, null, null, null, tiers, from,
                until, active, FROM, FROM);
    }
}
