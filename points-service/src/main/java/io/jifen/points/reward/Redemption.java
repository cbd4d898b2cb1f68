package io.jifen.points.reward;

import java.time.Instant;
import java.util.UUID;

/**
 * A redemption as stored.
 *
 * @param status       {@code completed} or {@code cancelled}
 * @param fulfilment   goods only, {@code null} otherwise
 * @param balanceAfter the member's balance after its last ledger movement (the spend, then the restore)
 */
record Redemption(UUID id, UUID memberId, UUID rewardId, RewardType rewardType, int quantity, long pointsSpent,
        String status, Fulfilment fulfilment, String trackingNumber, UUID spendEntryId, UUID refundEntryId,
        long balanceAfter, Instant createdAt, Instant updatedAt, Instant cancelledAt) {

    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";

    boolean isCancelled() {
        return CANCELLED.equals(status);
    }
}
