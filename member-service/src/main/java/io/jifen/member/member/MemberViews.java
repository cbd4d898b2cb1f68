package io.jifen.member.member;

import io.jifen.member.purchase.PurchaseStats;
import io.jifen.member.purchase.PurchaseStatsRepository;
import io.jifen.member.tier.TierLadder;
import io.jifen.member.tier.TierService;
import io.jifen.tenancy.TenantContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Members as the API shows them: with their tier's name and purchase statistics (one query for a whole page). */
@Component
class MemberViews {

    private final TierService tiers;
    private final PurchaseStatsRepository stats;

    MemberViews(TierService tiers, PurchaseStatsRepository stats) {
        this.tiers = tiers;
        this.stats = stats;
    }

    MemberResponse of(Member member) {
        return of(List.of(member)).getFirst();
    }

    List<MemberResponse> of(List<Member> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        TierLadder ladder = tiers.ladder();
        Map<java.util.UUID, PurchaseStats> byMember = stats.find(TenantContext.require(),
                members.stream().map(Member::getId).collect(java.util.stream.Collectors.toSet()));
        return members.stream().map(member -> MemberResponse.of(member,
                ladder.find(member.getTierCode()).map(TierLadder.Tier::name).orElse(member.getTierCode()),
                byMember.getOrDefault(member.getId(), PurchaseStats.NONE))).toList();
    }

}
