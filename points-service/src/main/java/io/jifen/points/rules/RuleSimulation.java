package io.jifen.points.rules;

import io.jifen.points.member.Member;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates a purchase as it would be recorded now (the same channel and check, limits and budgets previewed),
 * writing nothing (not even the default program's seed).
 */
@Service
class RuleSimulation {

    private final EarningRules rules;
    private final PurchaseEarning purchases;
    private final RuleChannels channels;
    private final Members members;

    RuleSimulation(EarningRules rules, PurchaseEarning purchases, RuleChannels channels, Members members) {
        this.rules = rules;
        this.purchases = purchases;
        this.channels = channels;
        this.members = members;
    }

    @Transactional
    SimulationResponse simulate(SimulateRequest request) {
        Member member = request.memberId() == null ? null : members.require(MemberRef.byId(request.memberId()));
        String tier = request.tierCode() != null ? request.tierCode() : member == null ? null : member.tierCode();
        Instant at = request.occurredAt() == null ? Instant.now().truncatedTo(ChronoUnit.MICROS) : request.occurredAt();
        boolean first = member != null && !purchases.hasPurchases(member.memberId());
        PurchaseFacts facts = new PurchaseFacts(request.amount(), request.items(), tier, at, first);
        List<Award> awards = channels.preview(member == null ? null : member.memberId(), facts,
                rules.withoutSeeding());
        return new SimulationResponse(Award.total(awards), awards);
    }
}
