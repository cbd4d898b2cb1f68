package io.jifen.member.tier;

import io.jifen.member.member.Member;
import io.jifen.member.member.MemberRepository;
import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Automatic upgrades, decided on every recorded purchase. That makes it a hot path, so it works from a
 * {@link TierStanding} and returns early when nothing can change; the member entity is loaded only to change its tier.
 * Upgrades only: lowering a tier is the scheduled re-evaluation's.
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
}
