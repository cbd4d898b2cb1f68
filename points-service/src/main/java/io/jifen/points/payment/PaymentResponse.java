package io.jifen.points.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A points payment.
 *
 * @param status  {@code applied} or {@code reversed}
 * @param balance the member's balance after the payment (after the reversal, once reversed)
 */
record PaymentResponse(String orderId, UUID memberId, long points, BigDecimal discount, String status, long balance,
        UUID spendEntryId, UUID refundEntryId, Instant createdAt, Instant reversedAt) {
}
