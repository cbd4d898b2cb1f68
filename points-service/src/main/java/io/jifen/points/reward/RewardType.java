package io.jifen.points.reward;

import java.util.Arrays;

/** What a reward is; goods are shipped (fulfilment), coupons hand out a code from the reward's pool. */
enum RewardType {
    GOODS, COUPON, SERVICE;

    String value() {
        return name().toLowerCase();
    }

    static RewardType of(String value) {
        return Arrays.stream(values()).filter(type -> type.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown reward type " + value));
    }
}
