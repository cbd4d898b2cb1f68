package io.jifen.points.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rules make {@link Awarding#grant} lock the member's account first, and which programs a batch may plan. */
class AwardingLockTest {

    private static final EarningRule DEFAULT = RuleEvaluatorTest.spend("default", 1, "1.00",
            EarningRule.Rounding.FLOOR);
    private static final EarningRule TEA = RuleEvaluatorTest.multiplier("tea-x2", "2", null, List.of("tea"), null);

    @Test
    void shouldGrantSpendAndMultiplierAwardsWithoutLimitsOrBudgetWithoutTheMembersState() {
        assertThat(Awarding.readsMemberState(DEFAULT)).isFalse();
        assertThat(Awarding.readsMemberState(TEA)).isFalse();
        assertThat(Awarding.purchaseReadsMemberState(List.of(DEFAULT, TEA))).isFalse();
    }

    @Test
    void shouldReadTheMembersStateForALimitInAnyPeriodABudgetOrAnEventRule() {
        assertThat(Awarding.readsMemberState(limited(new Limits.PerMember(null, null, null, 500L)))).isTrue();
        assertThat(Awarding.readsMemberState(limited(new Limits.PerMember(null, 70L, null, null)))).isTrue();
        assertThat(Awarding.readsMemberState(limited(new Limits.PerMember(null, null, null, null)))).isFalse();
        assertThat(Awarding.readsMemberState(budgeted(10_000L))).isTrue();
        assertThat(Awarding.readsMemberState(RuleEvaluatorTest.event("welcome", "first-purchase", 50))).isTrue();
    }

    @Test
    void shouldLetAPurchaseSkipTheMembersStateOnlyWhenNoRuleItEvaluatesReadsIt() {
        assertThat(Awarding.purchaseReadsMemberState(List.of(DEFAULT, budgeted(10_000L)))).isTrue();
        assertThat(Awarding.purchaseReadsMemberState(List.of(TEA,
                limited(new Limits.PerMember(60L, null, null, null))))).isTrue();
        assertThat(Awarding.purchaseReadsMemberState(List.of(DEFAULT,
                RuleEvaluatorTest.event("welcome", "first-purchase", 50)))).isTrue();
        // A registration or birthday rule is never a purchase's.
        assertThat(Awarding.purchaseReadsMemberState(List.of(DEFAULT,
                RuleEvaluatorTest.event("hello", "registration", 100),
                RuleEvaluatorTest.event("cake", "birthday", 200)))).isFalse();
    }

    private static EarningRule limited(Limits.PerMember perMember) {
        return new EarningRule(DEFAULT.id(), "limited", "limited", DEFAULT.type(), null, DEFAULT.params(), 0,
                EarningRule.Stacking.STACK, true, null, null, new Limits(perMember), null, 0);
    }

    private static EarningRule budgeted(long budget) {
        return new EarningRule(DEFAULT.id(), "budgeted", "budgeted", DEFAULT.type(), null, DEFAULT.params(), 0,
                EarningRule.Stacking.STACK, true, null, null, Limits.NONE, budget, 0);
    }
}
