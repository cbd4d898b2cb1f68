package io.jifen.points.member;

import java.util.UUID;

/** How a caller names a member: exactly one of id, card number or the merchant's own external id. */
public record MemberRef(UUID memberId, String cardNumber, String externalId) {

    public static MemberRef byId(UUID memberId) {
        return new MemberRef(memberId, null, null);
    }

    @Override
    public String toString() {
        return memberId != null ? memberId.toString() : cardNumber != null ? "card " + cardNumber
                : "external id " + externalId;
    }
}
