package io.jifen.member.member;

import io.jifen.member.card.CardService;
import io.jifen.web.ApiException;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status changes (active ⇄ frozen → closed; closed is final) and privacy erasure. Frozen members cannot earn or
 * redeem: points-service learns it from {@code member.status-changed}.
 */
@Service
class MemberLifecycle {

    private final MemberRepository members;
    private final CardService cards;
    private final MemberOutbox events;
    private final MemberViews views;

    MemberLifecycle(MemberRepository members, CardService cards, MemberOutbox events, MemberViews views) {
        this.members = members;
        this.cards = cards;
        this.events = events;
        this.views = views;
    }

    @Transactional
    MemberResponse freeze(UUID id) {
        return move(id, Set.of(MemberStatus.ACTIVE), MemberStatus.FROZEN);
    }

    @Transactional
    MemberResponse unfreeze(UUID id) {
        return move(id, Set.of(MemberStatus.FROZEN), MemberStatus.ACTIVE);
    }

    @Transactional
    MemberResponse close(UUID id) {
        return move(id, Set.of(MemberStatus.ACTIVE, MemberStatus.FROZEN), MemberStatus.CLOSED);
    }

    /** Idempotent: erasing an erased member changes nothing and emits nothing. */
    @Transactional
    void erase(UUID id) {
        Member member = members.require(id);
        if (member.erase()) {
            cards.retireLiveCard(member);
            events.erased(member);
        }
    }

    private MemberResponse move(UUID id, Set<MemberStatus> from, MemberStatus to) {
        Member member = members.require(id);
        if (!from.contains(member.getStatus())) {
            throw ApiException.conflict("invalid_status_transition",
                    "A " + member.getStatus().code() + " member cannot become " + to.code());
        }
        member.changeStatus(to);
        if (to == MemberStatus.CLOSED) {
            cards.retireLiveCard(member);
        }
        events.statusChanged(member);
        return views.of(member);
    }
}
