package io.jifen.points.ledger;

import java.util.UUID;

/**
 * Payload of {@code points.earned}, {@code points.redeemed}, {@code points.expired} and {@code points.reversed}.
 * {@code points} is always positive: the type says the direction (tenant-service sums the liability from it).
 */
record PointsMoved(UUID memberId, long points, UUID entryId, String reason) {
}
