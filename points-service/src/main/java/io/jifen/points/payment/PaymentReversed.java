package io.jifen.points.payment;

import java.util.UUID;

/**
 * Payload of {@code points.payment-reversed}: one give-back of a payment's points, which move in
 * {@code points.restored} (same entry id; tenant-service counts the liability from that one only).
 *
 * @param points         the points this give-back returned
 * @param discount       what they are worth of the payment's discount, so the parts add up to it
 * @param refundId       the purchase refund that gave them back; {@code null} for the explicit reversal
 * @param pointsReturned the payment's points back in all, this give-back included
 * @param status         the payment's status after it: {@code partially_reversed} or {@code reversed}
 */
record PaymentReversed(UUID memberId, String orderId, long points, String discount, UUID entryId, String refundId,
        long pointsReturned, String status) {
}
