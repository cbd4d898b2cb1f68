package io.jifen.points.purchase;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The integer maths of purchases and refunds. Rounding is always down, so a member is never awarded, and a
 * refund never reverses, a fraction of a point that was not whole.
 */
final class PointsMaths {

    private PointsMaths() {
    }

    /** The default program: one point per whole currency unit (99.99 → 99). */
    static long defaultProgramPoints(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.DOWN).longValueExact();
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
