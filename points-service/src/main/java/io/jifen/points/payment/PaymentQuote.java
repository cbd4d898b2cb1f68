package io.jifen.points.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What points may pay of an order now.
 *
 * @param maxPoints   {@code min(balance, floor(orderAmount × maxShare × pointsPerUnit))}, never negative
 * @param maxDiscount what {@code maxPoints} pay, down to the cent
 */
record PaymentQuote(UUID memberId, BigDecimal orderAmount, String currency, long pointsPerUnit, BigDecimal maxShare,
        long balance, long maxPoints, BigDecimal maxDiscount) {
}
