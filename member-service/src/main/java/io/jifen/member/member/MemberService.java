package io.jifen.member.member;

import io.jifen.member.card.CardService;
import io.jifen.member.tier.TierService;
import io.jifen.web.ApiException;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration, lookups, profile changes and the list. */
@Service
class MemberService {

    private final MemberRepository members;
    private final CardService cards;
    private final TierService tiers;
    private final MemberOutbox events;
    private final MemberViews views;
    private final MemberQuota quota;

    MemberService(MemberRepository members, CardService cards, TierService tiers, MemberOutbox events,
            MemberViews views, MemberQuota quota) {
        this.members = members;
        this.quota = quota;
        this.cards = cards;
        this.tiers = tiers;
        this.events = events;
        this.views = views;
    }

    @Transactional
    MemberResponse register(RegisterMemberRequest request) {
        quota.requireRoomForOneMore();
        UUID referrerId = referrerOf(request);
        Member member = new Member(request.profile(), ReferralCodes.next(), referrerId, tiers.ladder().lowest().code());
        members.saveAndFlush(member); // a taken externalId, phone or e-mail fails here, as a 409
        cards.issueFirst(member, request.cardNumber());
        events.registered(member);
        events.profileCompletedIfSo(member);
        return views.of(member);
    }

    /** The id of the member with this externalId, if any (the import's idempotency key). */
    @Transactional(readOnly = true)
    java.util.Optional<UUID> idByExternalId(String externalId) {
        return members.findByExternalId(externalId).map(Member::getId);
    }

    @Transactional(readOnly = true)
    MemberResponse get(UUID id) {
        return views.of(members.require(id));
    }

    @Transactional(readOnly = true)
    MemberResponse byExternalId(String externalId) {
        return views.of(members.findByExternalId(externalId)
                .orElseThrow(() -> ApiException.notFound("Member with externalId", externalId)));
    }

    @Transactional(readOnly = true)
    MemberResponse byPhone(String phone) {
        return views.of(members.findByPhone(phone)
                .orElseThrow(() -> ApiException.notFound("Member with phone", phone)));
    }

    @Transactional(readOnly = true)
    MemberResponse byCard(String number) {
        return views.of(members.require(cards.memberOf(number)));
    }

    @Transactional
    MemberResponse update(UUID id, MemberPatch patch) {
        Member member = members.require(id);
        if (member.getStatus() == MemberStatus.CLOSED) {
            throw ApiException.conflict("member_closed", "Member " + id + " is closed");
        }
        member.apply(patch.applyTo(member.profile()));
        members.flush(); // surface a taken phone or e-mail as a 409 here
        events.profileCompletedIfSo(member);
        return views.of(member);
    }

    @Transactional(readOnly = true)
    MemberPage list(MemberSearch search, int page, int size) {
        Page<Member> found = members.findAll(search.toSpecification(),
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("joinedAt"), Sort.Order.asc("id"))));
        return new MemberPage(views.of(found.getContent()), page, size, found.getTotalElements(),
                found.getTotalPages());
    }

    /** The member whose code was given; unknown, closed or the registrant's own (same identity) → 400. */
    private UUID referrerOf(RegisterMemberRequest request) {
        if (request.referralCode() == null) {
            return null;
        }
        Member referrer = members.findByReferralCode(request.referralCode().strip().toUpperCase(Locale.ROOT))
                .filter(m -> m.getStatus() != MemberStatus.CLOSED)
                .orElseThrow(() -> ApiException.badRequest("invalid_referral_code",
                        "No active member has referral code " + request.referralCode()));
        if (same(referrer.getExternalId(), request.externalId()) || same(referrer.getPhone(), request.phone())
                || same(referrer.getEmail(), request.email())) {
            throw ApiException.badRequest("invalid_referral_code", "A member cannot refer themselves");
        }
        return referrer.getId();
    }

    private static boolean same(String a, String b) {
        return a != null && Objects.equals(a, b);
    }
}
