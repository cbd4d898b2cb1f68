package io.jifen.points.ledger;

import java.time.Instant;
import java.util.List;

/** A member's points: what they can spend now, what is on the way, totals, and what expires soon. */
record PointsSummary(long balance, long pending, long lifetimeEarned, long lifetimeSpent, List<Expiring> expiring) {

    /** Points that expire at one moment within the next 90 days. */
    record Expiring(long points, Instant expiresAt) {
    }
}
