package io.jifen.points.payment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Points ↔ money under a tenant's terms. Every part rounds in the merchant's favour: down. */
final class PaymentMaths {

    private PaymentMaths() {
    }

    /** The most points an order of {@code orderAmount} may take: {@code floor(amount × maxShare × pointsPerUnit)}. */
    static long maxPoints(BigDecimal orderAmount, PaymentSettings settings) {
        return orderAmount.multiply(settings.maxShare()).multiply(BigDecimal.valueOf(settings.pointsPerUnit()))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** What {@code points} pay, down to the cent: {@code floor(points / pointsPerUnit, 2 decimals)}. */
    static BigDecimal discount(long points, PaymentSettings settings) {
        return BigDecimal.valueOf(points).divide(BigDecimal.valueOf(settings.pointsPerUnit()), 2,
                RoundingMode.FLOOR);
    }

    /**
     * How many of a payment's points all the order's refunds so far give back together:
     * {@code floor(pointsPaid × refundedTotal / orderAmount)}. Each refund gives back this total minus what was
     * given back before, so the parts never exceed the points paid and the refund that completes the order's amount
     * gives back exactly the rest, however the refunds are split.
     */
    static long returnedTotal(long pointsPaid, BigDecimal refundedTotal, BigDecimal orderAmount) {
        if (refundedTotal.signum() < 0 || refundedTotal.compareTo(orderAmount) > 0) {
            throw new IllegalArgumentException("Refunded " + refundedTotal + " of an order of " + orderAmount);
        }
        // Cents as integers: exact, no intermediate rounding.
        BigInteger refunded = refundedTotal.movePointRight(2).toBigIntegerExact();
        BigInteger amount = orderAmount.movePointRight(2).toBigIntegerExact();
        return BigInteger.valueOf(pointsPaid).multiply(refunded).divide(amount).longValueExact();
    }

    /**
     * What {@code returned} of a payment's {@code points} are worth of its {@code discount}, down to the cent:
     * {@code floor(discount × returned / points, 2 decimals)}; all of it once all points are back.
     */
    static BigDecimal discountReturned(BigDecimal discount, long points, long returned) {
        return discount.multiply(BigDecimal.valueOf(returned)).divide(BigDecimal.valueOf(points), 2,
                RoundingMode.FLOOR);
    }
}
