package io.jifen.points.payment;

import java.math.BigDecimal;

/**
 * A tenant's points-as-payment terms.
 *
 * @param pointsPerUnit how many points pay one currency unit
 * @param maxShare      the largest share of an order points may pay, in (0, 1]
 */
record PaymentSettings(long pointsPerUnit, BigDecimal maxShare) {

    static final PaymentSettings DEFAULTS = new PaymentSettings(100, new BigDecimal("0.5"));
}
