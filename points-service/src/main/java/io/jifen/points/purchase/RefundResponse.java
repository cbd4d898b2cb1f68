package io.jifen.points.purchase;

import java.math.BigDecimal;

/**
 * What a refund reversed ({@code pointsReversed} may be below the share when the points were spent) and, inside the
 * return window, cancelled of the purchase's still pending or held points ({@code pointsCancelled}).
 */
record RefundResponse(String orderId, String refundId, BigDecimal amount, long pointsReversed, long balance,
        long pointsCancelled) {
}
