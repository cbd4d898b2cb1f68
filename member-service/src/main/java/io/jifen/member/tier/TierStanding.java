package io.jifen.member.tier;

import java.util.UUID;

/**
 * Where a member stands, as a purchase needs it: enough to decide whether an upgrade is possible without loading the
 * member entity (most purchases change no tier, so the entity is loaded only for a change).
 *
 * @param ladderVersion the version of the tenant's ladder row, read in the same statement; null while the tenant has
 *                      the default ladder ({@link TierLadderCache})
 */
public record TierStanding(UUID memberId, String tierCode, Long ladderVersion) {
}
