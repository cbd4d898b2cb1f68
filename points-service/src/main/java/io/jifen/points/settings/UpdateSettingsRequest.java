package io.jifen.points.settings;

import io.jifen.points.ledger.Overdraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.ZoneId;

/** {@code PUT /api/v1/points/settings}: the whole policy (a field left out is a 400, not a silent default). */
record UpdateSettingsRequest(
        @NotNull @Pattern(regexp = "allow|clamp") String refundDebt,
        @NotNull Boolean transfersEnabled,
        @NotNull @Valid Expiry expiry,
        @NotNull @Min(0) @Max(365) Integer expiringNoticeDays,
        @NotNull @Min(0) @Max(365) Integer pendingDays,
        @Valid Velocity velocity,
        @Valid TransferLimits transferLimits) {

    static final long MAX_POINTS = 1_000_000_000L;

    /** {@code days}: after earning; for the period policies, the period end after those days. */
    record Expiry(
            @NotNull @Pattern(regexp = "never|days-after-earn|end-of-month|end-of-quarter|end-of-year") String policy,
            @Min(0) @Max(36500) Integer days) {

        @AssertTrue(message = "days-after-earn needs days of at least 1")
        boolean isDaysGivenForDaysAfterEarn() {
            return !"days-after-earn".equals(policy) || (days != null && days >= 1);
        }
    }

    /** Both optional: {@code null} means no cap / no hold. */
    record Velocity(
            @Min(1) @Max(MAX_POINTS) Long maxPointsPerMemberPerDay,
            @Min(1) @Max(MAX_POINTS) Long holdEarnsAbove) {
    }

    /** Both optional: {@code null} means no limit. */
    record TransferLimits(
            @Min(1) @Max(MAX_POINTS) Long maxPointsPerTransfer,
            @Min(1) @Max(MAX_POINTS) Long maxPointsPerMemberPerDay) {
    }

    PointsSettings toSettings(ZoneId zone) {
        Velocity limits = velocity == null ? new Velocity(null, null) : velocity;
        return new PointsSettings("allow".equals(refundDebt) ? Overdraft.ALLOW : Overdraft.CLAMP, transfersEnabled,
                ExpiryPolicy.of(expiry.policy()), expiry.days() == null ? 0 : expiry.days(), expiringNoticeDays,
                pendingDays, limits.maxPointsPerMemberPerDay(), limits.holdEarnsAbove(), zone,
                transferLimits == null ? PointsSettings.TransferLimits.NONE : new PointsSettings.TransferLimits(
                        transferLimits.maxPointsPerTransfer(), transferLimits.maxPointsPerMemberPerDay()));
    }
}
