package io.jifen.member.tier;

import io.jifen.member.member.Member;
import io.jifen.member.member.MemberRepository;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One batch of the scheduled re-evaluation, in its own transaction: members whose tier was granted or confirmed more
 * than a window plus the grace period ago get the tier their growth in the window (or their floor) qualifies for.
 * A member kept on its tier is confirmed (tierSince = now), so running the job again changes nothing: idempotent.
 */
@Service
class TierReevaluation {

    static final String REASON = "scheduled re-evaluation";

    private final TierLadderRepository ladders;
    private final GrowthLedger growth;
    private final MemberRepository members;
    private final TierService tiers;

    TierReevaluation(TierLadderRepository ladders, GrowthLedger growth, MemberRepository members, TierService tiers) {
        this.ladders = ladders;
        this.growth = growth;
        this.members = members;
        this.tiers = tiers;
    }

    /** @return the last member id of the batch (where the next starts), or null when there was nothing left */
    @Transactional
    UUID batch(UUID after, Instant now, int size) {
        TenantId tenant = TenantContext.require();
        TierLadder ladder = ladders.find(tenant);
        TierLadder.Qualification q = ladder.qualification();
        Instant dueBefore = now.atOffset(ZoneOffset.UTC).minusMonths(q.windowMonths()).minusDays(q.graceDays())
                .toInstant();
        List<Member> due = members.findByTierSinceLessThanEqualAndTierCodeNotAndIdGreaterThanOrderByIdAsc(
                dueBefore, ladder.lowest().code(), after, Limit.of(size));
        if (due.isEmpty()) {
            return null;
        }
        Map<UUID, Long> values = growth.since(tenant, due.stream().map(Member::getId).toList(),
                GrowthLedger.windowStart(q, now));
        for (Member member : due) {
            String target = ladder.qualifiedFor(values.getOrDefault(member.getId(), 0L)).code();
            if (member.getTierFloorCode() != null && ladder.rank(member.getTierFloorCode()) > ladder.rank(target)) {
                target = member.getTierFloorCode();
            }
            if (target.equals(member.getTierCode())) {
                member.confirmTier();
            } else {
                tiers.change(member, target, REASON);
            }
        }
        return due.getLast().getId();
    }
}
