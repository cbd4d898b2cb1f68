package io.jifen.points.reward;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reward of the tenant's catalog as stored.
 *
 * @param stock        {@code null}: unlimited
 * @param allowedTiers empty: every tier may redeem it
 */
record Reward(UUID id, RewardType type, String name, String description, String imageUrl, long pointsCost,
        Long stock, Integer dailyLimit, Integer lifetimeLimit, List<String> allowedTiers, Instant availableFrom,
        Instant availableUntil, boolean active, Instant createdAt, Instant updatedAt) {

    /** Whether it may be redeemed at {@code now}: active and inside its validity window (from inclusive). */
    boolean isAvailableAt(Instant now) {
        return active && (availableFrom == null || !now.isBefore(availableFrom))
                && (availableUntil == null || now.isBefore(availableUntil));
    }

    /** Whether a member of tier {@code tierCode} ({@code null}: not known) may redeem it. */
    boolean allowsTier(String tierCode) {
        return allowedTiers.isEmpty() || tierCode != null && allowedTiers.contains(tierCode);
    }
}
