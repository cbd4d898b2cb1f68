package io.jifen.points.member;

import java.util.UUID;

/** A member as points-service knows it: enough to resolve who earns and whether they may. */
public record Member(UUID memberId, String externalId, String cardNumber, String status) {

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
