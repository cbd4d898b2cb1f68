package io.jifen.points.purchase;

import java.time.Instant;
import java.util.UUID;

/** Payload of {@code purchase.recorded} (member-service keeps tiers and stats from it). Amount as a decimal string. */
record PurchaseRecorded(UUID memberId, String orderId, String amount, String currency, Instant occurredAt,
        long pointsAwarded) {
}
