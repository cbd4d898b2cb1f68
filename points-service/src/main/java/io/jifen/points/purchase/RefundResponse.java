package io.jifen.points.purchase;

import java.math.BigDecimal;

/**
 * What a refund reversed ({@code pointsReversed} may be below the share when the points were spent), cancelled
 * inside the return window of the purchase's still pending or held points ({@code pointsCancelled}), and gave back
 * of the points that paid part of the order ({@code paymentPointsReturned}, 0 when points paid none of it).
 */
record RefundResponse(String orderId, String refundId, BigDecimal amount, long pointsReversed, long balance,
        long pointsCancelled, long paymentPointsReturned) {
}
