package io.jifen.points.purchase;

import java.util.UUID;

/**
 * Payload of {@code purchase.refunded}. Amount as a decimal string; {@code paymentPointsReturned}: what came back of
 * the order's points payment (those move in {@code points.restored}).
 */
record PurchaseRefunded(UUID memberId, String orderId, String refundId, String amount, long pointsReversed,
        long paymentPointsReturned) {
}
