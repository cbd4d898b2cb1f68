package io.jifen.points.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.points.rules.EarningRule.Params;
import io.jifen.points.rules.EarningRule.Rounding;
import io.jifen.points.rules.EarningRule.Stacking;
import io.jifen.points.rules.EarningRule.Type;
import io.jifen.points.rules.RuleEvaluator.Proposed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void shouldGiveTheDefaultProgramOnePointPerWholeUnitRoundedDown() {
        EarningRule rule = RuleStore.defaultRule(UUID.randomUUID());

        assertThat(awards(purchase("123.99"), rule)).containsExactly("default=123");
        assertThat(awards(purchase("0.99"), rule)).isEmpty();
    }

    @Test
    void shouldRoundSpendPointsAsTheRuleSays() {
        // 5 points per 10.00 on 25.00 = 12.5 points; on 24.99 = 12.495.
        assertThat(RuleEvaluator.spendPoints(spend("r", 5, "10.00", Rounding.FLOOR), purchase("25.00"))).isEqualTo(12);
        assertThat(RuleEvaluator.spendPoints(spend("r", 5, "10.00", Rounding.NEAREST), purchase("25.00")))
                .isEqualTo(13);
        assertThat(RuleEvaluator.spendPoints(spend("r", 5, "10.00", Rounding.NEAREST), purchase("24.99")))
                .isEqualTo(12);
        assertThat(RuleEvaluator.spendPoints(spend("r", 5, "10.00", Rounding.CEIL), purchase("24.99"))).isEqualTo(13);
        assertThat(RuleEvaluator.spendPoints(spend("r", 5, "10.00", Rounding.CEIL), purchase("20.00"))).isEqualTo(10);
    }

    @Test
    void shouldHandleTheLargestAmountWithoutOverflow() {
        EarningRule rich = spend("r", 1_000_000, "0.01", Rounding.FLOOR);

        assertThat(RuleEvaluator.spendPoints(rich, purchase("99999999.99"))).isEqualTo(9_999_999_999_000_000L);
    }

    @Test
    void shouldAwardNothingBelowTheMinimumOrder() {
        EarningRule rule = with(spend("r", 1, "1.00", Rounding.FLOOR), new Params(1L, new BigDecimal("1.00"),
                Rounding.FLOOR, new BigDecimal("50.00"), null, null, null, null, null, null));

        assertThat(RuleEvaluator.spendPoints(rule, purchase("49.99"))).isZero();
        assertThat(RuleEvaluator.spendPoints(rule, purchase("50.00"))).isEqualTo(50);
    }

    @Test
    void shouldLeaveExcludedSkusAndCategoriesOutOfTheEligibleAmount() {
        EarningRule rule = with(spend("r", 1, "1.00", Rounding.FLOOR), new Params(1L, new BigDecimal("1.00"),
                Rounding.FLOOR, null, List.of("GIFT-CARD"), List.of("tobacco"), null, null, null, null));
        PurchaseFacts facts = purchase("100.00", line("GIFT-CARD", null, 1, "20.00"),
                line("CIG", "tobacco", 2, "7.50"), line("BREAD", "food", 1, "65.00"));

        assertThat(RuleEvaluator.spendPoints(rule, facts)).isEqualTo(65);
    }

    @Test
    void shouldNeverGoBelowZeroWhenExcludedItemsExceedTheAmount() {
        EarningRule rule = with(spend("r", 1, "1.00", Rounding.FLOOR), new Params(1L, new BigDecimal("1.00"),
                Rounding.FLOOR, null, List.of("X"), null, null, null, null, null));

        assertThat(RuleEvaluator.spendPoints(rule, purchase("10.00", line("X", null, 3, "5.00")))).isZero();
    }

    @Test
    void shouldMultiplyTheSpendPointsOfMatchingCategoriesAndSkus() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule doubleFood = multiplier("food-x2", "2.00", List.of(), List.of("food"), List.of());
        EarningRule tripleWine = multiplier("wine-x3", "3.00", List.of("WINE-1"), List.of(), List.of());
        PurchaseFacts facts = purchase("100.00", line("BREAD", "food", 2, "10.50"), line("WINE-1", "drinks", 1,
                "30.00"), line("SOAP", "home", 1, "49.00"));

        // base 100; food 21.00 → 21 points, ×2 → +21; wine 30.00 → 30 points, ×3 → +60
        assertThat(awards(facts, base, doubleFood, tripleWine))
                .containsExactly("default=100", "food-x2=21", "wine-x3=60");
    }

    @Test
    void shouldRoundMultipliersDown() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule oneAndAHalf = multiplier("x1.5", "1.50", List.of(), List.of(), List.of());

        assertThat(awards(purchase("7.00"), base, oneAndAHalf)).containsExactly("default=7", "x1.5=3");
    }

    @Test
    void shouldApplyTierMultipliersOnlyToMembersOfThoseTiers() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule gold = multiplier("gold", "1.25", List.of(), List.of(), List.of("gold", "platinum"));

        assertThat(awards(withTier(purchase("40.00"), "gold"), base, gold)).containsExactly("default=40", "gold=10");
        assertThat(awards(withTier(purchase("40.00"), "silver"), base, gold)).containsExactly("default=40");
        assertThat(awards(withTier(purchase("40.00"), null), base, gold)).containsExactly("default=40");
    }

    @Test
    void shouldMultiplyEachSpendRuleOnItsOwnEligibleItems() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule bonus = with(spend("bonus", 1, "2.00", Rounding.FLOOR), new Params(1L, new BigDecimal("2.00"),
                Rounding.FLOOR, null, null, List.of("food"), null, null, null, null));
        EarningRule food = multiplier("food", "2.00", List.of(), List.of("food"), List.of());
        PurchaseFacts facts = purchase("30.00", line("BREAD", "food", 1, "10.00"), line("SOAP", "home", 1, "20.00"));

        // default 30, bonus on 20.00 (food excluded) 10; food base: default on 10.00 = 10, bonus excludes food = 0
        assertThat(awards(facts, base, bonus, food)).containsExactly("bonus=10", "default=30", "food=10");
    }

    @Test
    void shouldNotCountMatchingItemsBeyondTheOrderAmount() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule food = multiplier("food", "2.00", List.of(), List.of("food"), List.of());
        // A 50% discount on the order: items add up to 40.00, the order is 20.00.
        PurchaseFacts facts = purchase("20.00", line("BREAD", "food", 4, "10.00"));

        assertThat(awards(facts, base, food)).containsExactly("default=20", "food=20");
    }

    @Test
    void shouldStopLowerPriorityRulesOfTheSameKindAfterAnExclusiveOneApplies() {
        EarningRule promo = ordered(spend("promo", 3, "1.00", Rounding.FLOOR), 10, Stacking.EXCLUSIVE);
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule higher = ordered(spend("vip", 1, "1.00", Rounding.FLOOR), 20, Stacking.STACK);
        EarningRule x2 = ordered(multiplier("x2", "2.00", List.of(), List.of(), List.of()), 0, Stacking.STACK);

        // vip (20) stacks, promo (10) is exclusive and stops default (0); multipliers are another kind
        assertThat(awards(purchase("10.00"), base, promo, higher, x2))
                .containsExactly("vip=10", "promo=30", "x2=40");
    }

    @Test
    void shouldLetLowerRulesRunWhenTheExclusiveOneAwardsNothing() {
        EarningRule bigOrders = ordered(with(spend("big", 5, "1.00", Rounding.FLOOR), new Params(5L,
                new BigDecimal("1.00"), Rounding.FLOOR, new BigDecimal("100.00"), null, null, null, null, null,
                null)), 10, Stacking.EXCLUSIVE);
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());

        assertThat(awards(purchase("99.00"), bigOrders, base)).containsExactly("default=99");
        assertThat(awards(purchase("100.00"), bigOrders, base)).containsExactly("big=500");
    }

    @Test
    void shouldStopLowerMultipliersAfterAnExclusiveMultiplier() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule x3 = ordered(multiplier("x3", "3.00", List.of(), List.of(), List.of()), 5, Stacking.EXCLUSIVE);
        EarningRule x2 = multiplier("x2", "2.00", List.of(), List.of(), List.of());

        assertThat(awards(purchase("10.00"), base, x2, x3)).containsExactly("default=10", "x3=20");
    }

    @Test
    void shouldBreakPriorityTiesByCode() {
        EarningRule b = ordered(spend("b", 1, "1.00", Rounding.FLOOR), 1, Stacking.EXCLUSIVE);
        EarningRule a = ordered(spend("a", 2, "1.00", Rounding.FLOOR), 1, Stacking.EXCLUSIVE);

        assertThat(awards(purchase("10.00"), b, a)).containsExactly("a=20");
    }

    @Test
    void shouldOnlyApplyActiveRulesInsideTheirWindow() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule november = window(spend("nov", 2, "1.00", Rounding.FLOOR), "2026-11-01T00:00:00Z",
                "2026-12-01T00:00:00Z");
        EarningRule inactive = inactive(spend("off", 9, "1.00", Rounding.FLOOR));

        assertThat(awards(at(purchase("10.00"), "2026-11-01T00:00:00Z"), base, november, inactive))
                .containsExactly("default=10", "nov=20");
        assertThat(awards(at(purchase("10.00"), "2026-12-01T00:00:00Z"), base, november, inactive))
                .containsExactly("default=10");
        assertThat(awards(at(purchase("10.00"), "2026-10-31T23:59:59Z"), base, november, inactive))
                .containsExactly("default=10");
    }

    @Test
    void shouldAddFirstPurchaseRulesOnlyToTheFirstPurchase() {
        EarningRule base = RuleStore.defaultRule(UUID.randomUUID());
        EarningRule welcome = event("welcome", "first-purchase", 100);
        EarningRule birthday = event("bday", "birthday", 50);
        PurchaseFacts first = new PurchaseFacts(new BigDecimal("10.00"), List.of(), null, NOW, true);

        assertThat(awards(first, base, welcome, birthday)).containsExactly("default=10", "welcome=100");
        assertThat(awards(purchase("10.00"), base, welcome, birthday)).containsExactly("default=10");
    }

    @Test
    void shouldPayTheEventRulesOfATriggerByPriorityAndStacking() {
        EarningRule small = event("small", "custom:review", 10);
        EarningRule big = ordered(event("big", "custom:review", 50), 5, Stacking.EXCLUSIVE);
        EarningRule other = event("other", "custom:share", 7);

        assertThat(RuleEvaluator.event("custom:review", NOW, List.of(small, other)).stream()
                .map(p -> p.rule().code() + "=" + p.points())).containsExactly("small=10");
        assertThat(RuleEvaluator.event("custom:review", NOW, List.of(small, big, other)).stream()
                .map(p -> p.rule().code() + "=" + p.points())).containsExactly("big=50");
        assertThat(RuleEvaluator.event("custom:unknown", NOW, List.of(small, big, other))).isEmpty();
    }

    // --- fixtures

    private static List<String> awards(PurchaseFacts facts, EarningRule... rules) {
        return RuleEvaluator.purchase(facts, List.of(rules)).stream()
                .map((Proposed p) -> p.rule().code() + "=" + p.points()).toList();
    }

    private static PurchaseFacts purchase(String amount, PurchaseLine... items) {
        return new PurchaseFacts(new BigDecimal(amount), List.of(items), null, NOW, false);
    }

    private static PurchaseFacts withTier(PurchaseFacts facts, String tier) {
        return new PurchaseFacts(facts.amount(), facts.items(), tier, facts.at(), facts.firstPurchase());
    }

    private static PurchaseFacts at(PurchaseFacts facts, String at) {
        return new PurchaseFacts(facts.amount(), facts.items(), facts.tierCode(), Instant.parse(at),
                facts.firstPurchase());
    }

    private static PurchaseLine line(String sku, String category, int quantity, String unitPrice) {
        return new PurchaseLine(sku, category, quantity, new BigDecimal(unitPrice));
    }

    static EarningRule spend(String code, long points, String per, Rounding rounding) {
        return new EarningRule(UUID.randomUUID(), code, code, Type.SPEND, null, new Params(points,
                new BigDecimal(per), rounding, null, null, null, null, null, null, null), 0, Stacking.STACK, true,
                null, null, Limits.NONE, null, 0);
    }

    static EarningRule multiplier(String code, String factor, List<String> skus, List<String> categories,
            List<String> tiers) {
        return new EarningRule(UUID.randomUUID(), code, code, Type.MULTIPLIER, null, new Params(null, null, null,
                null, null, null, new BigDecimal(factor), skus, categories, tiers), 0, Stacking.STACK, true, null,
                null, Limits.NONE, null, 0);
    }

    static EarningRule event(String code, String trigger, long points) {
        return new EarningRule(UUID.randomUUID(), code, code, Type.EVENT, trigger, new Params(points, null, null,
                null, null, null, null, null, null, null), 0, Stacking.STACK, true, null, null, Limits.NONE, null, 0);
    }

    private static EarningRule with(EarningRule r, Params params) {
        return new EarningRule(r.id(), r.code(), r.name(), r.type(), r.trigger(), params, r.priority(), r.stacking(),
                r.active(), r.activeFrom(), r.activeUntil(), r.limits(), r.budget(), r.budgetUsed());
    }

    private static EarningRule ordered(EarningRule r, int priority, Stacking stacking) {
        return new EarningRule(r.id(), r.code(), r.name(), r.type(), r.trigger(), r.params(), priority, stacking,
                r.active(), r.activeFrom(), r.activeUntil(), r.limits(), r.budget(), r.budgetUsed());
    }

    private static EarningRule window(EarningRule r, String from, String until) {
        return new EarningRule(r.id(), r.code(), r.name(), r.type(), r.trigger(), r.params(), r.priority(),
                r.stacking(), r.active(), Instant.parse(from), Instant.parse(until), r.limits(), r.budget(),
                r.budgetUsed());
    }

    private static EarningRule inactive(EarningRule r) {
        return new EarningRule(r.id(), r.code(), r.name(), r.type(), r.trigger(), r.params(), r.priority(),
                r.stacking(), false, r.activeFrom(), r.activeUntil(), r.limits(), r.budget(), r.budgetUsed());
    }
}
