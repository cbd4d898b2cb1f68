package io.jifen.points.ledger;

import java.time.Instant;
import java.util.UUID;

/** One line of a member's points history; {@code reason} and {@code sourceId} say why. */
record EntryView(UUID id, String kind, long points, long balanceAfter, String reason, String sourceId, String note,
        Instant createdAt) {
}
