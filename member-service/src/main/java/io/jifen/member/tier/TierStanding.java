package io.jifen.member.tier;

import java.util.UUID;

/**
 * Where a member stands, as a purchase needs it: enough to decide whether an upgrade is possible without loading the
 * member entity (most purchases change no tier, so the entity is loaded only for a change).
 */
public record TierStanding(UUID memberId, String tierCode) {
}
