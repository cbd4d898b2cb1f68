package io.jifen.points.member;

import java.util.UUID;

/**
 * A member as points-service knows it: enough to resolve who earns and whether they may.
 *
 * @param tierCode the member's current tier code ({@code tier.changed}), {@code null} when not known yet
 */
public record Member(UUID memberId, String externalId, String cardNumber, String status, String tierCode) {

    public boolean isFrozen() {
        return "frozen".equalsIgnoreCase(status);
    }

    public boolean isClosed() {
        return "closed".equalsIgnoreCase(status);
    }

    boolean isErased() {
        return "erased".equalsIgnoreCase(status);
    }
}
