package io.jifen.points.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.ChannelResult.Award;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwardCheckTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void shouldAcceptAwardsWithinTheCapAndRejectionsWithAReason() {
        assertThat(AwardCheck.problem(ChannelResult.award(new Award(60, "a"), new Award(40, "b")), 100, NOW))
                .isNull();
        assertThat(AwardCheck.problem(ChannelResult.reject("not today"), 100, NOW)).isNull();
    }

    @Test
    void shouldRefuseNothingAnAwardOverTheCapAndAnOverflowingSum() {
        assertThat(AwardCheck.problem(null, 100, NOW)).contains("returned nothing");
        assertThat(AwardCheck.problem(ChannelResult.award(new Award(60, "a"), new Award(41, "b")), 100, NOW))
                .contains("cap of 100");
        assertThat(AwardCheck.problem(ChannelResult.award(new Award(Long.MAX_VALUE, "a"),
                new Award(Long.MAX_VALUE, "b")), 100, NOW)).contains("cap of 100");
    }

    @Test
    void shouldRefuseBlankReasonsPastExpiriesAndTooManyAwards() {
        assertThat(AwardCheck.problem(ChannelResult.award(new Award(1, " ")), 100, NOW)).contains("reason");
        assertThat(AwardCheck.problem(ChannelResult.award(new Award(1, "x", NOW.minusSeconds(1))), 100, NOW))
                .contains("expires in the past");
        List<Award> many = Collections.nCopies(AwardCheck.MAX_AWARDS + 1, new Award(1, "x"));
        assertThat(AwardCheck.problem(new ChannelResult.Awarded(many), 100, NOW)).contains("1-20 awards");
    }

    @Test
    void shouldLetABuiltInGoOverTheCapToBeCutButOnlyWithTheRulesItWasGiven() {
        AwardCheck.Bounds builtIn = AwardCheck.Bounds.builtIn(100, Set.of("a", "b"));
        ChannelResult over = ChannelResult.award(new Award(90, "a"), new Award(40, "b"));

        assertThat(AwardCheck.problem(over, builtIn, NOW)).isNull();
        assertThat(AwardCheck.accept(over, builtIn).awards()).extracting(Accepted.Share::points)
                .containsExactly(90L, 10L);
        assertThat(AwardCheck.problem(ChannelResult.award(new Award(1, "c")), builtIn, NOW)).contains("'c'");
        assertThat(AwardCheck.problem(ChannelResult.award(new Award(1, "a"), new Award(1, "b"), new Award(1, "a")),
                builtIn, NOW)).contains("1-2 awards");
    }
}
