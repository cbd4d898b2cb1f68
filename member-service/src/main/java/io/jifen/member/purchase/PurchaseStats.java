package io.jifen.member.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A member's purchase statistics, refunds subtracted.
 *
 * @param totalSpend        purchases minus refunds
 * @param refunded          what was refunded
 * @param averageOrderValue totalSpend / purchaseCount; null before the first purchase
 */
public record PurchaseStats(BigDecimal totalSpend, BigDecimal refunded, long purchaseCount,
        BigDecimal averageOrderValue, Instant firstPurchaseAt, Instant lastPurchaseAt) {

    public static final PurchaseStats NONE = of(BigDecimal.ZERO, BigDecimal.ZERO, 0, null, null);

    static PurchaseStats of(BigDecimal total, BigDecimal refunded, long count, Instant first, Instant last) {
        BigDecimal average = count == 0 ? null : total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        return new PurchaseStats(plain(total), plain(refunded), count, average, first, last);
    }

    // 100.0000 as 100, not 1E+2
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
