package io.jifen.member.tier;

import io.jifen.member.member.Member;
import io.jifen.member.member.MemberRepository;
import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Automatic upgrades, decided on every recorded purchase. That makes it a hot path, so it works from a
 * {@link TierStanding} and returns early when nothing can change; the member entity is loaded only to change its tier.
 * Upgrades only: lowering a tier is the scheduled re-evaluation's. A run of purchases is decided by
 * {@link #upgradeAll}, with one growth sum for all its members.
 */
@Service
public class TierUpgrades {

    static final String REASON = "growth";

    private final TierStandings standings;
    private final TierLadderCache ladders;
    private final GrowthLedger growth;
    private final MemberRepository members;
    private final TierService tiers;

    TierUpgrades(TierStandings standings, TierLadderCache ladders, GrowthLedger growth, MemberRepository members,
            TierService tiers) {
        this.standings = standings;
        this.ladders = ladders;
        this.growth = growth;
        this.members = members;
        this.tiers = tiers;
    }

    /** The member's standing; empty when the tenant has no such member. */
    public Optional<TierStanding> standing(TenantId tenant, UUID memberId) {
        return standings.find(tenant, memberId);
    }

    /** The standings of many members in one statement; members the tenant has not are absent. */
    public Map<UUID, TierStanding> standings(TenantId tenant, Collection<UUID> memberIds) {
        return standings.findAll(tenant, memberIds);
    }

    /** Raises the member to the tier its growth qualifies for; never lowers it. */
    @Transactional
    public void upgradeIfQualified(TenantId tenant, TierStanding standing) {
        TierLadder ladder = ladders.find(tenant, standing.ladderVersion());
        if (ladder.above(standing.tierCode()).isEmpty()) {
            return; // already on the top tier: no growth can raise it
        }
        long value = growth.since(tenant, standing.memberId(),
                GrowthLedger.windowStart(ladder.qualification(), Instant.now()));
        TierLadder.Tier qualified = ladder.qualifiedFor(value);
        if (ladder.rank(qualified.code()) <= ladder.rank(standing.tierCode())) {
            return;
        }
        // The entity's tier decides: another transaction may have changed it since the standing was read.
        Member member = members.require(standing.memberId());
        if (ladder.rank(qualified.code()) > ladder.rank(member.getTierCode())) {
            tiers.change(member, qualified.code(), REASON);
        }
    }

    /**
     * Does what {@link #upgradeIfQualified} after each new purchase of a run would have done, once the run's entries
     * are recorded: one growth sum for all the members that can rise, from which the run's own entries are taken back
     * out and added again one by one, each purchase deciding on the value as it stood after it. So a member raised by
     * a purchase in the middle of the run keeps that tier through a refund later in the run, and one crossing two
     * thresholds passes both, exactly as event by event.
     *
     * @param standings the members as read before the run (one statement reads them all, so with one ladder version)
     * @param recorded  the run's new entries, in their order
     */
    @Transactional
    public void upgradeAll(TenantId tenant, Map<UUID, TierStanding> standings, List<GrowthLedger.Entry> recorded) {
        Map<UUID, List<GrowthLedger.Entry>> byMember = new LinkedHashMap<>();
        for (GrowthLedger.Entry entry : recorded) {
            byMember.computeIfAbsent(entry.memberId(), member -> new ArrayList<>()).add(entry);
        }
        if (byMember.isEmpty()) {
            return;
        }
        TierLadder ladder = ladders.find(tenant, standings.get(recorded.getFirst().memberId()).ladderVersion());
        // Refunds never check; nor does a member on the top tier, which no growth can raise.
        List<UUID> candidates = byMember.entrySet().stream()
                .filter(member -> member.getValue().stream().anyMatch(TierUpgrades::isPurchase))
                .map(Map.Entry::getKey)
                .filter(member -> ladder.above(standings.get(member).tierCode()).isPresent())
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        Instant from = GrowthLedger.windowStart(ladder.qualification(), Instant.now());
        Map<UUID, Long> sums = growth.sums(tenant, candidates, from);
        for (UUID member : candidates) {
            List<GrowthLedger.Entry> entries = byMember.get(member);
            long before = sums.getOrDefault(member, 0L)
                    - entries.stream().filter(entry -> counts(entry, from)).mapToLong(GrowthLedger.Entry::growth).sum();
            replay(ladder, standings.get(member), entries, before, from);
        }
    }

    /** The member's entries of a run added one by one to its growth before the run, each purchase deciding. */
    private void replay(TierLadder ladder, TierStanding standing, List<GrowthLedger.Entry> entries, long before,
            Instant from) {
        long value = before;
        String tier = standing.tierCode();
        Member member = null;
        for (GrowthLedger.Entry entry : entries) {
            if (counts(entry, from)) {
                value += entry.growth();
            }
            if (!isPurchase(entry) || ladder.above(tier).isEmpty()) {
                continue;
            }
            TierLadder.Tier qualified = ladder.qualifiedFor(Math.max(0, value));
            if (ladder.rank(qualified.code()) <= ladder.rank(tier)) {
                continue;
            }
            if (member == null) {
                member = members.require(standing.memberId());
            }
            if (ladder.rank(qualified.code()) > ladder.rank(member.getTierCode())) {
                tiers.change(member, qualified.code(), REASON);
            }
            tier = member.getTierCode();
        }
    }

    /** Whether the entry is in the window since {@code from} (null: ever), as {@link GrowthWindow} cuts it. */
    private static boolean counts(GrowthLedger.Entry entry, Instant from) {
        return from == null || !entry.occurredAt().isBefore(from);
    }

    private static boolean isPurchase(GrowthLedger.Entry entry) {
        return entry.source() == GrowthLedger.Source.PURCHASE;
    }
}
