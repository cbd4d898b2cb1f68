package io.jifen.points.reward;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** {@code POST /api/v1/redemptions}. */
record RedeemRewardRequest(@NotNull UUID memberId, @NotNull UUID rewardId,
        @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {

    static final int MAX_QUANTITY = 1_000;
}
