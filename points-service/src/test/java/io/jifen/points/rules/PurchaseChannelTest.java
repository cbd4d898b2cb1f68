package io.jifen.points.rules;

import static io.jifen.points.rules.RuleEvaluatorTest.event;
import static io.jifen.points.rules.RuleEvaluatorTest.multiplier;
import static io.jifen.points.rules.RuleEvaluatorTest.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.plugin.api.ChannelResult.Award;
import io.jifen.plugin.testkit.ChannelHarness;
import io.jifen.points.rules.EarningRule.Rounding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The built-in purchase channel, run the way a plugin author runs a plugin: through the test kit's harness. */
class PurchaseChannelTest {

    private static final EarningRule DEFAULT = RuleStore.defaultRule(UUID.randomUUID());
    private static final EarningRule TEA_DOUBLE = multiplier("tea-x2", "2.00", List.of(), List.of("tea"), List.of());
    private static final EarningRule WELCOME = event("welcome", Rules.FIRST_PURCHASE, 100);

    @Test
    void shouldProposeOneAwardPerRuleNamedByTheRulesCode() {
        ChannelHarness harness = harness(DEFAULT, TEA_DOUBLE);

        ChannelResult result = harness.send("member-1", purchase("60.00", false, line("LJ-250", "tea", 2, "30.00")));

        assertThat(result).isEqualTo(ChannelResult.award(new Award(60, "default"), new Award(60, "tea-x2")));
    }

    @Test
    void shouldAddTheFirstPurchaseRulesOnlyToAMembersFirstPurchase() {
        ChannelHarness harness = harness(DEFAULT, WELCOME);

        assertThat(reasons(harness.send("member-1", purchase("10.00", true)))).containsExactly("default", "welcome");
        assertThat(reasons(harness.send("member-1", purchase("10.00", false)))).containsExactly("default");
    }

    @Test
    void shouldRejectAPurchaseThatNoRuleAwardsRatherThanProposeNothing() {
        ChannelHarness harness = harness(DEFAULT);

        ChannelResult result = harness.send("member-1", purchase("0.99", false));

        assertThat(result).isInstanceOf(ChannelResult.Rejected.class);
        assertThat(ChannelHarness.points(result)).isZero();
    }

    @Test
    void shouldEvaluateTheRulesLiveAtThePurchasesInstant() {
        EarningRule promo = new EarningRule(UUID.randomUUID(), "promo", "promo", EarningRule.Type.SPEND, null,
                spend("promo", 5, "1.00", Rounding.FLOOR).params(), 0, EarningRule.Stacking.STACK, true,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"), Limits.NONE, null, 0);
        ChannelHarness harness = harness(DEFAULT, promo);

        harness.at("2026-02-28T23:59");
        long before = ChannelHarness.points(harness.send("member-1", purchase("10.00", false)));
        harness.at("2026-03-01T12:00");
        long during = ChannelHarness.points(harness.send("member-1", purchase("10.00", false)));

        assertThat(before).isEqualTo(10);
        assertThat(during).isEqualTo(10 + 50);
    }

    @Test
    void shouldKeepNoStateOfItsOwn() {
        ChannelHarness harness = harness(DEFAULT);

        harness.send("member-1", purchase("10.00", true));

        assertThat(harness.store()).isEmpty();
    }

    @Test
    void shouldReadBackExactlyTheFactsTheHostPutsIntoTheEvent() {
        PurchaseFacts facts = new PurchaseFacts(new BigDecimal("99.90"), List.of(new PurchaseLine("A", null, 3,
                new BigDecimal("33.30"))), "gold", Instant.parse("2026-05-01T10:00:00Z"), true);

        ChannelEvent event = new ChannelEvent("order-1", "member-1", facts.at(), PurchaseAttributes.of(facts));

        assertThat(PurchaseAttributes.facts(event)).isEqualTo(facts);
    }

    @Test
    void shouldRefuseToEvaluateWithoutTheTenantsRulesInItsConfig() {
        ChannelHarness harness = ChannelHarness.of(PurchaseChannel.INSTANCE).config(Map.of());

        assertThatThrownBy(() -> harness.send("member-1", purchase("10.00", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rules");
    }

    static ChannelHarness harness(EarningRule... rules) {
        return ChannelHarness.of(PurchaseChannel.INSTANCE).zone("Asia/Shanghai").at("2026-03-01T09:00")
                .config(ChannelRules.config(List.of(rules)));
    }

    /** Attributes as a caller might send them: plain numbers and strings, not the host's BigDecimals. */
    private static Map<String, Object> purchase(String amount, boolean first, Map<?, ?>... items) {
        return Map.of("amount", amount, "firstPurchase", first, "items", List.of(items));
    }

    private static Map<String, Object> line(String sku, String category, int quantity, String unitPrice) {
        return Map.of("sku", sku, "category", category, "quantity", quantity, "unitPrice", Double.valueOf(unitPrice));
    }

    static List<String> reasons(ChannelResult result) {
        return ((ChannelResult.Awarded) result).awards().stream().map(Award::reason).toList();
    }
}
