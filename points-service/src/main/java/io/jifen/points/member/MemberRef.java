package io.jifen.points.member;

import java.util.List;
import java.util.UUID;

/** How a caller names a member: exactly one of id, card number or the merchant's own external id. */
public record MemberRef(UUID memberId, String cardNumber, String externalId) {

    /** The member projection's ({@code member} table) columns a reference can name a member by. */
    public static final List<String> COLUMNS = List.of("member_id", "card_number", "external_id");

    public static MemberRef byId(UUID memberId) {
        return new MemberRef(memberId, null, null);
    }

    /** The column of the member projection ({@code member} table) this reference names a member by. */
    public String column() {
        return memberId != null ? "member_id" : cardNumber != null ? "card_number" : "external_id";
    }

    /** The value {@link #column} holds for the member named. */
    public Object value() {
        return memberId != null ? memberId : cardNumber != null ? cardNumber : externalId;
    }

    @Override
    public String toString() {
        return memberId != null ? memberId.toString() : cardNumber != null ? "card " + cardNumber
                : "external id " + externalId;
    }
}
