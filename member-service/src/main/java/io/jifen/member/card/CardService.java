package io.jifen.member.card;

import io.jifen.events.Outbox;
import io.jifen.member.member.Member;
import io.jifen.member.member.MemberRepository;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A member has at most one live card; loss freezes it, a reissue replaces it. Balances and tier never move here. */
@Service
public class CardService {

    private final CardRepository cards;
    private final CardNumbers numbers;
    private final MemberRepository members;
    private final Outbox outbox;

    CardService(CardRepository cards, CardNumbers numbers, MemberRepository members, Outbox outbox) {
        this.cards = cards;
        this.numbers = numbers;
        this.members = members;
        this.outbox = outbox;
    }

    /** The first card of a new member: the supplied number (from the merchant's card stock) or a generated one. */
    @Transactional
    public void issueFirst(Member member, String supplied) {
        if (supplied != null && cards.existsById(supplied)) {
            throw ApiException.conflict("card_number_taken", "Card number " + supplied + " is already in use");
        }
        String number = supplied != null ? supplied : freshNumber();
        cards.save(new Card(number, member.getId()));
        member.setCardNumber(number);
    }

    /** The member a card belongs to, if the card is live; a lost or dead card is 410 naming its state. */
    @Transactional(readOnly = true)
    public UUID memberOf(String number) {
        Card card = cards.findById(number).orElseThrow(() -> ApiException.notFound("Card", number));
        if (card.getStatus() != CardStatus.ACTIVE) {
            throw new ApiException(HttpStatus.GONE, "card_inactive", "Card " + number + " is " + card.getStatus().code()
                    + (card.getStatus() == CardStatus.DEAD ? ": it was replaced or closed" : ": it was reported lost"),
                    Map.of("cardStatus", card.getStatus().code()));
        }
        return card.getMemberId();
    }

    @Transactional(readOnly = true)
    List<CardResponse> history(UUID memberId) {
        members.require(memberId);
        return cards.findByMemberIdOrderByIssuedAtAsc(memberId).stream().map(CardResponse::of).toList();
    }

    @Transactional
    CardResponse reportLoss(UUID memberId, String number) {
        Card card = cardOf(memberId, number);
        if (card.getStatus() != CardStatus.ACTIVE) {
            throw ApiException.conflict("card_not_active", "Card " + number + " is " + card.getStatus().code());
        }
        card.reportLost();
        return CardResponse.of(card);
    }

    @Transactional
    CardResponse reissue(UUID memberId, String number) {
        Member member = members.require(memberId);
        Card old = cardOf(memberId, number);
        if (old.getStatus() == CardStatus.DEAD) {
            throw ApiException.conflict("card_not_active", "Card " + number + " is already dead");
        }
        old.kill();
        cards.flush(); // the partial unique index allows one live card per member: retire the old one first
        Card fresh = cards.save(new Card(freshNumber(), memberId));
        member.setCardNumber(fresh.getNumber());
        outbox.append("card.reissued", TenantContext.require(),
                new CardReissued(memberId, old.getNumber(), fresh.getNumber()));
        return CardResponse.of(fresh);
    }

    /** Closing (erasing) a member retires its live card. */
    @Transactional
    public void retireLiveCard(Member member) {
        cards.findByMemberIdAndStatusNot(member.getId(), CardStatus.DEAD).ifPresent(Card::kill);
        member.setCardNumber(null);
    }

    private Card cardOf(UUID memberId, String number) {
        members.require(memberId);
        return cards.findById(number).filter(card -> card.getMemberId().equals(memberId))
                .orElseThrow(() -> ApiException.notFound("Card", number));
    }

    // A supplied number may already sit where the sequence arrives; skip it rather than fail the registration.
    private String freshNumber() {
        String number = numbers.next(TenantContext.require());
        while (cards.existsById(number)) {
            number = numbers.next(TenantContext.require());
        }
        return number;
    }
}
