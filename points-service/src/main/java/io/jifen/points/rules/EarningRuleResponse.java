package io.jifen.points.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rule as the API shows it; parameters another type does not take are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EarningRuleResponse(UUID id, String code, String name, String type, String trigger, Long points,
        BigDecimal per, String rounding, BigDecimal minimumOrder, List<String> excludedSkus,
        List<String> excludedCategories, BigDecimal factor, List<String> skus, List<String> categories,
        List<String> tiers, int priority, String stacking, boolean active, Instant activeFrom, Instant activeUntil,
        Limits limits, Long budget, long budgetUsed) {

    static EarningRuleResponse of(EarningRule rule) {
        EarningRule.Params p = rule.params();
        boolean spend = rule.type() == EarningRule.Type.SPEND;
        boolean multiplier = rule.type() == EarningRule.Type.MULTIPLIER;
        return new EarningRuleResponse(rule.id(), rule.code(), rule.name(), rule.type().value(), rule.trigger(),
                p.points(), p.per(), p.rounding() == null ? null : p.rounding().name().toLowerCase(),
                p.minimumOrder(), spend ? p.excludedSkus() : null, spend ? p.excludedCategories() : null, p.factor(),
                multiplier ? p.skus() : null, multiplier ? p.categories() : null, multiplier ? p.tiers() : null,
                rule.priority(), rule.stacking().value(), rule.active(), rule.activeFrom(), rule.activeUntil(),
                Limits.NONE.equals(rule.limits()) ? null : rule.limits(), rule.budget(), rule.budgetUsed());
    }

    record Page(List<EarningRuleResponse> items) {
    }
}
