package io.jifen.points.reward;

import io.jifen.web.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What redemptions take from a reward and give back: stock units and coupon codes. */
@Component
class RewardInventory {

    private final RewardStore rewards;
    private final CouponPool coupons;

    RewardInventory(RewardStore rewards, CouponPool coupons) {
        this.rewards = rewards;
        this.coupons = coupons;
    }

    Reward require(UUID rewardId) {
        return rewards.find(rewardId).orElseThrow(() -> RewardService.notFound(rewardId));
    }

    /**
     * Takes {@code quantity} units (conditional UPDATE on a limited stock) and, for a coupon, as many codes.
     *
     * @return the coupon codes handed out (empty for goods and services)
     * @throws ApiException 409 {@code out_of_stock}; the caller's transaction rolls back what was taken
     */
    List<String> take(Reward reward, UUID redemptionId, int quantity) {
        if (reward.stock() != null && !rewards.takeStock(reward.id(), quantity)
                && !rewards.isUnlimited(reward.id())) {
            throw outOfStock(reward);
        }
        if (reward.type() != RewardType.COUPON) {
            return List.of();
        }
        List<String> codes = coupons.claim(reward.id(), redemptionId, quantity);
        if (codes.isEmpty()) {
            throw outOfStock(reward);
        }
        return codes;
    }

    /** A cancelled redemption's units go back to a limited stock; its coupon codes are voided (see CouponPool). */
    void giveBack(Redemption redemption) {
        rewards.returnStock(redemption.rewardId(), redemption.quantity());
        coupons.voidIssuedTo(redemption.id());
    }

    List<String> codesOf(Redemption redemption) {
        return redemption.rewardType() == RewardType.COUPON ? coupons.issuedTo(redemption.id()) : List.of();
    }

    private static ApiException outOfStock(Reward reward) {
        return ApiException.conflict("out_of_stock", "Reward " + reward.id() + " is out of stock");
    }
}
