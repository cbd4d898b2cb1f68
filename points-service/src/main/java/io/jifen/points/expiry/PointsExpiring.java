package io.jifen.points.expiry;

import java.time.Instant;
import java.util.UUID;

/** Payload of {@code points.expiring}: one lot's unspent points that expire at {@code expiresAt}. */
record PointsExpiring(UUID memberId, long points, Instant expiresAt) {
}
