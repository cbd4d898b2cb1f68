package io.jifen.points.reward;

import java.util.UUID;

/** Payload of {@code reward.redeemed}; the points themselves move in {@code points.redeemed} (same entry id). */
record RewardRedeemed(UUID redemptionId, UUID memberId, UUID rewardId, String rewardType, int quantity,
        long pointsSpent, UUID entryId) {
}
