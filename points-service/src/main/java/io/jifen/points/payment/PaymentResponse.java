package io.jifen.points.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A points payment.
 *
 * @param status         {@code applied} (none of its points back), {@code partially_reversed} (purchase refunds
 *                       gave back their share) or {@code reversed} (all of them back)
 * @param balance        the member's balance after the payment, or after the latest points given back
 * @param refundEntryId  the latest {@code refund} entry that gave points back ({@code null} while none did)
 * @param reversedAt     when the last of its points came back
 * @param pointsReturned how many of its {@code points} came back so far (refund shares and the explicit reversal)
 */
record PaymentResponse(String orderId, UUID memberId, long points, BigDecimal discount, String status, long balance,
        UUID spendEntryId, UUID refundEntryId, Instant createdAt, Instant reversedAt, long pointsReturned) {

    static final String APPLIED = "applied";
    static final String PARTIALLY_REVERSED = "partially_reversed";
    static final String REVERSED = "reversed";
}
