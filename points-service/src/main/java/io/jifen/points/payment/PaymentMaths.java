package io.jifen.points.payment;

import java.math.BigDecimal;
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
}
