package io.jifen.member.member;

import io.jifen.member.purchase.PurchaseStats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

record MemberResponse(UUID id, String externalId, String cardNumber, TierRef tier, String referralCode,
        UUID referrerId, MemberStatus status, String name, String phone, String email, String gender,
        LocalDate birthday, String address, Map<String, String> attributes, List<String> tags,
        boolean profileCompleted, Instant joinedAt, Instant updatedAt, PurchaseStats stats) {

    record TierRef(String code, String name) {
    }

    static MemberResponse of(Member member, String tierName, PurchaseStats stats) {
        Profile p = member.profile();
        return new MemberResponse(member.getId(), member.getExternalId(), member.getCardNumber(),
                new TierRef(member.getTierCode(), tierName), member.getReferralCode(), member.getReferrerId(),
                member.getStatus(), p.name(), p.phone(), p.email(), p.gender(), p.birthday(), p.address(),
                p.attributes(), p.tags(), member.isProfileCompleted(), member.getJoinedAt(), member.getUpdatedAt(),
                stats);
    }
}
