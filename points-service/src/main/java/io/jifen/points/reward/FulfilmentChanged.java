package io.jifen.points.reward;

import java.util.UUID;

/** Payload of {@code redemption.fulfilment-changed}. */
record FulfilmentChanged(UUID redemptionId, UUID memberId, UUID rewardId, String status, String trackingNumber) {
}
