package io.jifen.points.payment;

import java.util.UUID;

/**
 * Payload of {@code points.payment-applied} and {@code points.payment-reversed}; the points themselves move in
 * {@code points.redeemed} / {@code points.restored} (same entry id).
 */
record PointsPaid(UUID memberId, String orderId, long points, String discount, UUID entryId) {
}
