package io.jifen.member.card;

import java.time.Instant;

record CardResponse(String number, CardStatus status, Instant issuedAt, Instant endedAt) {

    static CardResponse of(Card card) {
        return new CardResponse(card.getNumber(), card.getStatus(), card.getIssuedAt(), card.getEndedAt());
    }
}
