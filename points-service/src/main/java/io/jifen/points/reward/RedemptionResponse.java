package io.jifen.points.reward;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A redemption as the API shows it.
 *
 * @param couponCode  the code handed out, for a coupon redemption of one unit; {@code couponCodes} has them all
 * @param balance     the member's balance right after the redemption (after the cancellation, once cancelled)
 */
record RedemptionResponse(UUID id, UUID memberId, UUID rewardId, String rewardType, int quantity, long pointsSpent,
        String status, String couponCode, List<String> couponCodes, String fulfilment, String trackingNumber,
        long balance, UUID spendEntryId, UUID refundEntryId, Instant createdAt, Instant updatedAt,
        Instant cancelledAt) {

    static RedemptionResponse of(Redemption redemption, List<String> codes) {
        return new RedemptionResponse(redemption.id(), redemption.memberId(), redemption.rewardId(),
                redemption.rewardType().value(), redemption.quantity(), redemption.pointsSpent(), redemption.status(),
                codes.size() == 1 ? codes.getFirst() : null,
                redemption.rewardType() == RewardType.COUPON ? codes : null,
                redemption.fulfilment() == null ? null : redemption.fulfilment().value(), redemption.trackingNumber(),
                redemption.balanceAfter(), redemption.spendEntryId(), redemption.refundEntryId(),
                redemption.createdAt(), redemption.updatedAt(), redemption.cancelledAt());
    }
}
