package io.jifen.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a channel proposes for one event: awards, or a rejection with a reason the member can be shown. */
public sealed interface ChannelResult {

    static ChannelResult award(Award... awards) {
        return new Awarded(List.of(awards));
    }

    static ChannelResult reject(String reason) {
        return new Rejected(reason);
    }

    record Awarded(List<Award> awards) implements ChannelResult {
        public Awarded {
            awards = List.copyOf(awards);
            if (awards.isEmpty()) {
                throw new IllegalArgumentException("at least one award; use reject() for none");
            }
        }
    }

    record Rejected(String reason) implements ChannelResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Points proposed for the member; {@code expiresAt} null means the tenant's expiry policy applies. */
    record Award(long points, String reason, Instant expiresAt) {
        public Award {
            if (points <= 0) {
                throw new IllegalArgumentException("points must be positive: " + points);
            }
            Objects.requireNonNull(reason, "reason");
        }

        public Award(long points, String reason) {
            this(points, reason, null);
        }
    }
}
