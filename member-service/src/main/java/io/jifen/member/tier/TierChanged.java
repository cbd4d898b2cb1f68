package io.jifen.member.tier;

import java.util.UUID;

/** {@code tier.changed}: {@code from} is null for the first tier. */
record TierChanged(UUID memberId, String from, String to, String reason) {
}
