package io.jifen.points.rules;

import io.jifen.points.rules.EarningRule.Rounding;
import io.jifen.points.rules.EarningRule.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The earning maths, a pure function of a purchase (or an event) and the tenant's rules. All amounts are whole
 * cents and all points whole numbers; nothing here reads a clock, a database or a limit (limits and budgets cap
 * the result at write time, {@link Awarding}).
 * <p>
 * Order: live rules (active, inside their window at the purchase's time) of one kind run by priority, highest first,
 * code breaking ties; an exclusive rule that awards points stops the lower-priority rules of its kind. Spend rules
 * first, then multipliers on the spend points just awarded, then first-purchase event rules.
 */
final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /** One rule's proposed points, before limits and budgets. */
    record Proposed(EarningRule rule, long points) {
    }

    static List<Proposed> purchase(PurchaseFacts facts, List<EarningRule> rules) {
        List<EarningRule> live = rules.stream().filter(rule -> rule.isLiveAt(facts.at())).sorted(EarningRule.ORDER)
                .toList();
        List<Proposed> spend = run(live, Type.SPEND, rule -> spendPoints(rule, facts));
        List<Proposed> awards = new ArrayList<>(spend);
        awards.addAll(run(live, Type.MULTIPLIER, rule -> multiplierPoints(rule, facts, spend)));
        if (facts.firstPurchase()) {
            awards.addAll(event(Rules.FIRST_PURCHASE, facts.at(), rules));
        }
        return awards;
    }

    /** The fixed points of the live event rules for {@code trigger}. */
    static List<Proposed> event(String trigger, Instant at, List<EarningRule> rules) {
        List<EarningRule> live = rules.stream()
                .filter(rule -> trigger.equals(rule.trigger()) && rule.isLiveAt(at))
                .sorted(EarningRule.ORDER).toList();
        return run(live, Type.EVENT, rule -> rule.params().points());
    }

    private static List<Proposed> run(List<EarningRule> ordered, Type type, ToLongFunction<EarningRule> points) {
        List<Proposed> awarded = new ArrayList<>();
        for (EarningRule rule : ordered) {
            if (rule.type() != type) {
                continue;
            }
            long earned = points.applyAsLong(rule);
            if (earned > 0) {
                awarded.add(new Proposed(rule, earned));
                if (rule.isExclusive()) {
                    break;
                }
            }
        }
        return awarded;
    }

    /** Points on the order amount less the rule's excluded items, if the order reaches the minimum. */
    static long spendPoints(EarningRule rule, PurchaseFacts facts) {
        EarningRule.Params params = rule.params();
        if (params.minimumOrder() != null && facts.amount().compareTo(params.minimumOrder()) < 0) {
            return 0;
        }
        long excluded = facts.items().stream().filter(line -> isExcluded(params, line))
                .mapToLong(PurchaseLine::cents).sum();
        return pointsFor(params, Math.max(0, facts.amountCents() - excluded));
    }

    /**
     * The extra points of a multiplier: {@code floor(base × (factor − 1))}, where the base is what the awarded spend
     * rules give on the matching items (or on the whole order without sku/category filters).
     */
    static long multiplierPoints(EarningRule rule, PurchaseFacts facts, List<Proposed> spend) {
        EarningRule.Params params = rule.params();
        if (!params.tiers().isEmpty() && (facts.tierCode() == null || !params.tiers().contains(facts.tierCode()))) {
            return 0;
        }
        long base;
        if (params.skus().isEmpty() && params.categories().isEmpty()) {
            base = spend.stream().mapToLong(Proposed::points).sum();
        } else {
            base = spend.stream().mapToLong(awarded -> matchingSpendPoints(awarded.rule(), params, facts)).sum();
        }
        long extraHundredths = params.factor().movePointRight(2).longValueExact() - 100;
        return Math.multiplyExact(base, extraHundredths) / 100;
    }

    /** A spend rule's points on the items a multiplier matches (never on more than the order amount). */
    private static long matchingSpendPoints(EarningRule spendRule, EarningRule.Params multiplier,
            PurchaseFacts facts) {
        long cents = facts.items().stream()
                .filter(line -> multiplier.skus().contains(line.sku())
                        || line.category() != null && multiplier.categories().contains(line.category()))
                .filter(line -> !isExcluded(spendRule.params(), line))
                .mapToLong(PurchaseLine::cents).sum();
        return pointsFor(spendRule.params(), Math.min(cents, facts.amountCents()));
    }

    private static boolean isExcluded(EarningRule.Params params, PurchaseLine line) {
        return params.excludedSkus().contains(line.sku())
                || line.category() != null && params.excludedCategories().contains(line.category());
    }

    /** {@code points × cents / perCents}, rounded as the rule says (nearest: halves up). */
    static long pointsFor(EarningRule.Params params, long cents) {
        BigInteger numerator = BigInteger.valueOf(cents).multiply(BigInteger.valueOf(params.points()));
        BigInteger per = BigInteger.valueOf(params.per().movePointRight(2).longValueExact());
        Rounding rounding = params.rounding() == null ? Rounding.FLOOR : params.rounding();
        BigInteger[] division = numerator.divideAndRemainder(per);
        BigInteger result = division[0];
        boolean roundUp = switch (rounding) {
            case FLOOR -> false;
            case CEIL -> division[1].signum() > 0;
            case NEAREST -> division[1].shiftLeft(1).compareTo(per) >= 0;
        };
        return (roundUp ? result.add(BigInteger.ONE) : result).longValueExact();
    }
}
