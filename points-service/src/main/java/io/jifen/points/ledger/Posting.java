package io.jifen.points.ledger;

import java.util.Objects;
import java.util.UUID;

/**
 * One movement to write: whose points, what kind, and why.
 *
 * @param sourceId    the business id that caused it (an orderId, a refundId), for the member's history
 * @param note        free text (the reason an admin gave)
 * @param actor       who did it, for an admin adjustment (token subject); {@code null} otherwise
 * @param actorClient the OAuth2 client the actor used ({@code azp})
 */
public record Posting(UUID memberId, EntryKind kind, Reason reason, String sourceId, String note, String actor,
        String actorClient) {

    public Posting {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Posting of(UUID memberId, EntryKind kind, Reason reason, String sourceId) {
        return new Posting(memberId, kind, reason, sourceId, null, null, null);
    }
}
