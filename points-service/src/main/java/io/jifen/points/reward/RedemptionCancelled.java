package io.jifen.points.reward;

import java.util.UUID;

/** Payload of {@code redemption.cancelled}; the points come back in {@code points.restored} (same entry id). */
record RedemptionCancelled(UUID redemptionId, UUID memberId, UUID rewardId, int quantity, long pointsRestored,
        UUID entryId) {
}
