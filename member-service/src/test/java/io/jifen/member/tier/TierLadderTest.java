package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierLadderTest {

    private static final TierLadder.Benefits NONE = new TierLadder.Benefits(BigDecimal.ONE, BigDecimal.ZERO, 0L,
            List.of());
    private static final TierLadder LADDER = new TierLadder(List.of(new TierLadder.Tier("silver", "Silver", 0L, NONE),
            new TierLadder.Tier("gold", "Gold", 1000L, NONE), new TierLadder.Tier("platinum", "Platinum", 5000L, NONE)),
            TierLadder.DEFAULT.qualification());

    @Test
    void shouldQualifyForTheHighestTierWhoseThresholdIsReached() {
        assertThat(LADDER.qualifiedFor(0).code()).isEqualTo("silver");
        assertThat(LADDER.qualifiedFor(999).code()).isEqualTo("silver");
        assertThat(LADDER.qualifiedFor(1000).code()).isEqualTo("gold");
        assertThat(LADDER.qualifiedFor(1_000_000).code()).isEqualTo("platinum");
    }

    @Test
    void shouldRankTiersAndNameTheNextOne() {
        assertThat(LADDER.rank("gold")).isGreaterThan(LADDER.rank("silver"));
        assertThat(LADDER.rank("gone")).isEqualTo(-1);
        assertThat(LADDER.above("gold")).hasValueSatisfying(t -> assertThat(t.code()).isEqualTo("platinum"));
        assertThat(LADDER.above("platinum")).isEmpty();
    }

    @Test
    void shouldRefuseALadderNotStartingAtZero() {
        TierLadder bad = new TierLadder(List.of(new TierLadder.Tier("gold", "Gold", 10L, NONE)),
                TierLadder.DEFAULT.qualification());

        assertThatThrownBy(bad::requireConsistent).isInstanceOf(ApiException.class)
                .hasMessageContaining("threshold must be 0");
    }
}
