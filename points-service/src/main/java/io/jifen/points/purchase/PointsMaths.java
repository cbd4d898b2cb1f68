package io.jifen.points.purchase;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The integer maths of refunds (earning's is the rules engine's). Rounding is always down, so a refund never
 * reverses a fraction of a point that was not earned whole.
 */
final class PointsMaths {

    private PointsMaths() {
    }

    /**
     * How many of a purchase's points all its refunds so far reverse together:
     * {@code floor(pointsAwarded × refundedTotal / purchaseAmount)}. Each refund reverses this total minus what
     * the earlier ones reversed, so the parts always add up to the share of the whole (never more than earned,
     * everything once the purchase is refunded in full), however the refunds are split.
     */
    static long reversedTotal(long pointsAwarded, BigDecimal refundedTotal, BigDecimal purchaseAmount) {
        if (refundedTotal.compareTo(purchaseAmount) > 0) {
            throw new IllegalArgumentException("Refunded " + refundedTotal + " of a purchase of " + purchaseAmount);
        }
        // Cents as integers: exact, no intermediate rounding.
        BigInteger refunded = refundedTotal.movePointRight(2).toBigIntegerExact();
        BigInteger amount = purchaseAmount.movePointRight(2).toBigIntegerExact();
        return BigInteger.valueOf(pointsAwarded).multiply(refunded).divide(amount).longValueExact();
    }
}
