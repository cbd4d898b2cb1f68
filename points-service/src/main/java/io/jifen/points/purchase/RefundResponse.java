package io.jifen.points.purchase;

import java.math.BigDecimal;

/** What a refund reversed ({@code pointsReversed} may be below the share when the points were spent). */
record RefundResponse(String orderId, String refundId, BigDecimal amount, long pointsReversed, long balance) {
}
