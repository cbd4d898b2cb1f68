package io.jifen.points.reward;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reward as the API shows it; {@code couponCodesAvailable} only for coupons. */
record RewardResponse(UUID id, String type, String name, String description, String imageUrl, long pointsCost,
        Long stock, Integer dailyLimit, Integer lifetimeLimit, List<String> allowedTiers, Instant availableFrom,
        Instant availableUntil, boolean active, Long couponCodesAvailable, Instant createdAt, Instant updatedAt) {

    static RewardResponse of(Reward reward, Long couponCodesAvailable) {
        return new RewardResponse(reward.id(), reward.type().value(), reward.name(), reward.description(),
                reward.imageUrl(), reward.pointsCost(), reward.stock(), reward.dailyLimit(), reward.lifetimeLimit(),
                reward.allowedTiers(), reward.availableFrom(), reward.availableUntil(), reward.active(),
                couponCodesAvailable, reward.createdAt(), reward.updatedAt());
    }
}
