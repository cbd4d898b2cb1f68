package io.jifen.points.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One of a tenant's earning rules, as the evaluator sees it.
 *
 * @param trigger    event rules only: registration, profile-completed, birthday, first-purchase, referral-referrer,
 *                   referral-referee or {@code custom:<type>}
 * @param budget     the total points the rule may ever award ({@code null}: no budget); {@code budgetUsed} so far
 */
public record EarningRule(UUID id, String code, String name, Type type, String trigger, Params params, int priority,
        Stacking stacking, boolean active, Instant activeFrom, Instant activeUntil, Limits limits, Long budget,
        long budgetUsed) {

    /** Higher priority first; the code breaks ties so evaluation never depends on storage order. */
    static final Comparator<EarningRule> ORDER = Comparator.comparingInt(EarningRule::priority).reversed()
            .thenComparing(EarningRule::code);

    public enum Type {
        SPEND, MULTIPLIER, EVENT;

        String value() {
            return name().toLowerCase();
        }
    }

    public enum Stacking {
        STACK, EXCLUSIVE;

        String value() {
            return name().toLowerCase();
        }
    }

    public enum Rounding {
        FLOOR, NEAREST, CEIL
    }

    /**
     * The type-specific parameters (stored as one JSON document).
     *
     * @param points spend: points per {@code per} of eligible amount; event: the fixed points
     * @param factor multiplier: the total multiplier (2.00 doubles the base, so the award is the extra 1×)
     * @param skus   multiplier filter: matching items' skus (with {@code categories}; both empty: the whole order)
     * @param tiers  multiplier filter: the member's tier must be one of them (empty: any tier)
     */
    public record Params(Long points, BigDecimal per, Rounding rounding, BigDecimal minimumOrder,
            List<String> excludedSkus, List<String> excludedCategories, BigDecimal factor, List<String> skus,
            List<String> categories, List<String> tiers) {

        public Params {
            excludedSkus = excludedSkus == null ? List.of() : List.copyOf(excludedSkus);
            excludedCategories = excludedCategories == null ? List.of() : List.copyOf(excludedCategories);
            skus = skus == null ? List.of() : List.copyOf(skus);
            categories = categories == null ? List.of() : List.copyOf(categories);
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
        }
    }

    /** Whether the rule may award anything at {@code at}: active, and inside {@code [activeFrom, activeUntil)}. */
    boolean isLiveAt(Instant at) {
        return active && (activeFrom == null || !at.isBefore(activeFrom))
                && (activeUntil == null || at.isBefore(activeUntil));
    }

    boolean isExclusive() {
        return stacking == Stacking.EXCLUSIVE;
    }
}
