package io.jifen.points.settings;

import io.jifen.points.ledger.Overdraft;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A tenant's ledger policy as the ledger applies it.
 *
 * @param maxPointsPerMemberPerDay velocity cap on earn-kind points per member and tenant day; {@code null}: none
 * @param holdEarnsAbove           an earn of more points than this is held for review; {@code null}: none
 * @param zone                     the tenant's time zone (from tenant-service), UTC when unknown
 * @param transferLimits           what one member may give away, when transfers are enabled
 */
public record PointsSettings(Overdraft refundDebt, boolean transfersEnabled, ExpiryPolicy expiryPolicy,
        int expiryDays, int expiringNoticeDays, int pendingDays, Long maxPointsPerMemberPerDay, Long holdEarnsAbove,
        ZoneId zone, TransferLimits transferLimits) {

    /**
     * @param maxPointsPerTransfer     the most points one transfer may move; {@code null}: no limit
     * @param maxPointsPerMemberPerDay the most points one member may give away in a tenant day; {@code null}: no limit
     */
    public record TransferLimits(Long maxPointsPerTransfer, Long maxPointsPerMemberPerDay) {

        public static final TransferLimits NONE = new TransferLimits(null, null);
    }

    /** What a tenant without a row gets: the behaviour from before expiry, pending and the guard existed. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    public static final PointsSettings DEFAULTS = new PointsSettings(Overdraft.CLAMP, false, ExpiryPolicy.NEVER, 0,
            30, 0, null, null, UTC, TransferLimits.NONE);

    /** The expiry stamped on points earned at {@code earnedAt}; {@code null}: they never expire. */
    public Instant expiresAt(Instant earnedAt) {
        return expiryPolicy.expiresAt(earnedAt, expiryDays, zone);
    }

    /** 00:00 of the tenant's calendar day {@code at} falls in (limits "per day" count from here). */
    public Instant startOfDay(Instant at) {
        return LocalDate.ofInstant(at, zone).atStartOfDay(zone).toInstant();
    }
}
