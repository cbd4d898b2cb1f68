package io.jifen.points.ledger;

import java.util.UUID;

/** The entry an adjustment wrote and the balance after it. */
record AdjustmentResponse(UUID entryId, UUID memberId, long points, long balance) {
}
