package io.jifen.points.payment;

import java.util.UUID;

/**
 * Payload of {@code points.payment-applied}; the points themselves move in {@code points.redeemed} (same entry id).
 */
record PointsPaid(UUID memberId, String orderId, long points, String discount, UUID entryId) {
}
