package io.jifen.member.tier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jifen.web.ApiException;
import jakarta.validation.Valid;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's tiers, lowest first, and how members qualify for them. Read and replaced whole (PUT), stored as one
 * JSON document. Invariants ({@link #requireConsistent}): unique codes, thresholds strictly increasing from 0.
 */
public record TierLadder(
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Tier> tiers,
        @NotNull @Valid Qualification qualification) {

    /** What a tenant that never defined tiers has: everyone is a plain member. */
    public static final TierLadder DEFAULT = new TierLadder(
            List.of(new Tier("member", "Member", 0L, new Benefits(BigDecimal.ONE, BigDecimal.ZERO, 0L, List.of()))),
            new Qualification(Basis.ROLLING, 12, DowngradePolicy.NEVER, 0));

    public record Tier(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}",
                    message = "must be 1-32 lower-case letters, digits or '-'") String code,
            @NotBlank @Size(max = 50) String name,
            @NotNull @Min(0) @Max(1_000_000_000_000L) Long threshold,
            @NotNull @Valid Benefits benefits) {
    }

    public record Benefits(
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal pointsMultiplier,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal discountPercent,
            @NotNull @Min(0) @Max(1_000_000_000L) Long birthdayBonus,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 200) String> perks) {
    }

    /**
     * @param basis           growth value counted over the last {@code windowMonths} (rolling) or ever (lifetime)
     * @param windowMonths    the rolling window; ignored for lifetime
     * @param downgradePolicy never: tiers only go up; scheduled: re-evaluated when the window passes, after grace
     * @param graceDays       extra days a member keeps a tier it no longer qualifies for
     */
    public record Qualification(
            @NotNull Basis basis,
            @NotNull @Min(1) @Max(120) Integer windowMonths,
            @NotNull DowngradePolicy downgradePolicy,
            @NotNull @Min(0) @Max(365) Integer graceDays) {
    }

    public enum Basis {
        @JsonProperty("rolling") ROLLING,
        @JsonProperty("lifetime") LIFETIME
    }

    public enum DowngradePolicy {
        @JsonProperty("never") NEVER,
        @JsonProperty("scheduled") SCHEDULED
    }

    void requireConsistent() {
        if (tiers.getFirst().threshold() != 0) {
            throw invalid("The first tier's threshold must be 0: every member holds a tier");
        }
        var codes = new HashSet<String>();
        for (int i = 0; i < tiers.size(); i++) {
            if (!codes.add(tiers.get(i).code())) {
                throw invalid("Tier code '" + tiers.get(i).code() + "' appears twice");
            }
            if (i > 0 && tiers.get(i).threshold() <= tiers.get(i - 1).threshold()) {
                throw invalid("Thresholds must increase strictly: '" + tiers.get(i).code() + "' is not above '"
                        + tiers.get(i - 1).code() + "'");
            }
        }
    }

    public Tier lowest() {
        return tiers.getFirst();
    }

    public Optional<Tier> find(String code) {
        return tiers.stream().filter(tier -> tier.code().equals(code)).findFirst();
    }

    /** The position of a tier, lowest 0; a code no longer on the ladder ranks below everything. */
    public int rank(String code) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    /** The highest tier whose threshold the growth value reaches. */
    public Tier qualifiedFor(long growth) {
        Tier qualified = lowest();
        for (Tier tier : tiers) {
            if (tier.threshold() <= growth) {
                qualified = tier;
            }
        }
        return qualified;
    }

    public Optional<Tier> above(String code) {
        int rank = rank(code);
        return rank + 1 < tiers.size() ? Optional.of(tiers.get(rank + 1)) : Optional.empty();
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid_tier_ladder", detail);
    }
}
