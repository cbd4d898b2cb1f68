package io.jifen.points.settings;

import io.jifen.points.ledger.Overdraft;

/** The tenant's ledger policy, in the shape {@code PUT} takes, plus the time zone it is applied in (read-only). */
record SettingsResponse(String refundDebt, boolean transfersEnabled, Expiry expiry, int expiringNoticeDays,
        int pendingDays, Velocity velocity, String timezone, PointsSettings.TransferLimits transferLimits) {

    record Expiry(String policy, int days) {
    }

    record Velocity(Long maxPointsPerMemberPerDay, Long holdEarnsAbove) {
    }

    static SettingsResponse of(PointsSettings settings) {
        return new SettingsResponse(settings.refundDebt() == Overdraft.ALLOW ? "allow" : "clamp",
                settings.transfersEnabled(), new Expiry(settings.expiryPolicy().value(), settings.expiryDays()),
                settings.expiringNoticeDays(), settings.pendingDays(),
                new Velocity(settings.maxPointsPerMemberPerDay(), settings.holdEarnsAbove()),
                settings.zone().getId(), settings.transferLimits());
    }
}
