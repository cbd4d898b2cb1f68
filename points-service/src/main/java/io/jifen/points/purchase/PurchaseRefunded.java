package io.jifen.points.purchase;

import java.util.UUID;

/** Payload of {@code purchase.refunded}. Amount as a decimal string. */
record PurchaseRefunded(UUID memberId, String orderId, String refundId, String amount, long pointsReversed) {
}
