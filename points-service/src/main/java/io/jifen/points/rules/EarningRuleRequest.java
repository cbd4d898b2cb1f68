package io.jifen.points.rules;

import io.jifen.points.rules.EarningRule.Params;
import io.jifen.points.rules.EarningRule.Rounding;
import io.jifen.points.rules.EarningRule.Stacking;
import io.jifen.points.rules.EarningRule.Type;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST/PUT /api/v1/earning-rules}: a whole rule (a PUT replaces every field). Which parameters a rule takes
 * depends on its type; a parameter of another type is refused rather than ignored.
 */
record EarningRuleRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*",
                message = "must be lower-case letters, digits, '-' or '_'") String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "spend|multiplier|event", message = "must be spend, multiplier or event")
        String type,
        @Size(max = 80) @Pattern(regexp = TRIGGERS, message = "must be registration, profile-completed, birthday, "
                + "first-purchase, referral-referrer, referral-referee or custom:<type>") String trigger,
        @Min(1) @Max(1_000_000) Long points,
        @DecimalMin("0.01") @DecimalMax(Rules.MAX_AMOUNT) @Digits(integer = 10, fraction = 2) BigDecimal per,
        @Pattern(regexp = "floor|nearest|ceil", message = "must be floor, nearest or ceil") String rounding,
        @DecimalMin("0.00") @DecimalMax(Rules.MAX_AMOUNT) @Digits(integer = 10, fraction = 2) BigDecimal minimumOrder,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> excludedSkus,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> excludedCategories,
        @DecimalMin(value = "1.00", inclusive = false) @DecimalMax("100.00") @Digits(integer = 3, fraction = 2)
        BigDecimal factor,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> skus,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> categories,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tiers,
        @Min(-1_000_000) @Max(1_000_000) Integer priority,
        @Pattern(regexp = "stack|exclusive", message = "must be stack or exclusive") String stacking,
        Boolean active,
        Instant activeFrom,
        Instant activeUntil,
        @Valid Limits limits,
        @Min(1) @Max(Rules.MAX_POINTS) Long budget) {

    static final String TRIGGERS = "registration|profile-completed|birthday|first-purchase|referral-referrer"
            + "|referral-referee|custom:[a-z0-9][a-z0-9._-]{0,63}";

    @AssertTrue(message = "an event rule needs a trigger; spend and multiplier rules take none")
    boolean isTriggerForEventsOnly() {
        return type == null || "event".equals(type) == (trigger != null);
    }

    @AssertTrue(message = "spend and event rules need points; multipliers take a factor instead")
    boolean isPointsWhereNeeded() {
        return type == null || "multiplier".equals(type) == (points == null);
    }

    @AssertTrue(message = "a multiplier needs a factor; other rules take none")
    boolean isFactorForMultipliersOnly() {
        return type == null || "multiplier".equals(type) == (factor != null);
    }

    @AssertTrue(message = "per, rounding, minimumOrder, excludedSkus and excludedCategories are for spend rules only")
    boolean isSpendOptionsForSpendOnly() {
        return type == null || "spend".equals(type) || per == null && rounding == null && minimumOrder == null
                && isEmpty(excludedSkus) && isEmpty(excludedCategories);
    }

    @AssertTrue(message = "skus, categories and tiers are for multipliers only")
    boolean isFiltersForMultipliersOnly() {
        return type == null || "multiplier".equals(type) || isEmpty(skus) && isEmpty(categories) && isEmpty(tiers);
    }

    @AssertTrue(message = "activeUntil must be after activeFrom")
    boolean isWindowInOrder() {
        return activeFrom == null || activeUntil == null || activeUntil.isAfter(activeFrom);
    }

    EarningRule toRule(UUID id) {
        Type ruleType = Type.valueOf(type.toUpperCase());
        BigDecimal perAmount = ruleType == Type.SPEND && per == null ? new BigDecimal("1.00") : per;
        Rounding roundingMode = ruleType == Type.SPEND
                ? Rounding.valueOf((rounding == null ? "floor" : rounding).toUpperCase()) : null;
        Params params = new Params(points, perAmount, roundingMode, minimumOrder, excludedSkus, excludedCategories,
                factor, skus, categories, tiers);
        return new EarningRule(id, code, name.strip(), ruleType, trigger, params, priority == null ? 0 : priority,
                "exclusive".equals(stacking) ? Stacking.EXCLUSIVE : Stacking.STACK, active == null || active,
                activeFrom, activeUntil, limits == null ? Limits.NONE : limits, budget, 0);
    }

    private static boolean isEmpty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
