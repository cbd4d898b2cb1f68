package io.jifen.member.tier;

import io.jifen.events.Outbox;
import io.jifen.member.member.Member;
import io.jifen.member.member.MemberRepository;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tier changes: manual assignments (floor or one-off) here, automatic ones through {@link #change} (upgrades by
 * {@link TierUpgrades}, downgrades by {@link TierReevaluation}). Every change is written to the tier history and emitted
 * as {@code tier.changed}, in the same transaction.
 */
@Service
public class TierService {

    private final TierLadderRepository ladders;
    private final GrowthLedger growth;
    private final MemberRepository members;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    TierService(TierLadderRepository ladders, GrowthLedger growth, MemberRepository members, JdbcTemplate jdbc,
            Outbox outbox) {
        this.ladders = ladders;
        this.growth = growth;
        this.members = members;
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    public TierLadder ladder() {
        return ladders.find(TenantContext.require());
    }

    @Transactional
    TierLadder replaceLadder(TierLadder ladder) {
        ladder.requireConsistent();
        TenantId tenant = TenantContext.require();
        for (TierLadder.Tier old : ladders.find(tenant).tiers()) {
            if (ladder.find(old.code()).isEmpty() && members.existsByTierCodeOrTierFloorCode(old.code(), old.code())) {
                throw ApiException.conflict("tier_in_use", "Tier '" + old.code() + "' is held by members: "
                        + "move them first, or keep the code and rename the tier");
            }
        }
        ladders.save(tenant, ladder);
        return ladder;
    }

    @Transactional
    void assign(UUID memberId, AssignTierRequest request) {
        TierLadder ladder = ladder();
        if (ladder.find(request.tierCode()).isEmpty()) {
            throw ApiException.badRequest("unknown_tier", "There is no tier '" + request.tierCode() + "'");
        }
        Member member = members.require(memberId);
        if (request.mode() == AssignTierRequest.Mode.FLOOR) {
            member.setTierFloor(request.tierCode());
            if (ladder.rank(request.tierCode()) > ladder.rank(member.getTierCode())) {
                change(member, request.tierCode(), request.reason());
            }
        } else {
            member.setTierFloor(null);
            if (!request.tierCode().equals(member.getTierCode())) {
                change(member, request.tierCode(), request.reason());
            }
        }
    }

    /**
     * An imported member keeps the tier it had in the merchant's previous system, as a one-off: from here on the
     * normal rules apply. False when the code is not on the ladder.
     */
    @Transactional
    public boolean assignImported(UUID memberId, String tierCode) {
        if (ladder().find(tierCode).isEmpty()) {
            return false;
        }
        Member member = members.require(memberId);
        if (!tierCode.equals(member.getTierCode())) {
            change(member, tierCode, "import");
        }
        return true;
    }

    @Transactional(readOnly = true)
    MemberTierResponse describe(UUID memberId) {
        Member member = members.require(memberId);
        TierLadder ladder = ladder();
        long value = growthValue(member, ladder);
        var next = ladder.above(member.getTierCode());
        TierLadder.Qualification q = ladder.qualification();
        Instant evaluation = q.downgradePolicy() == TierLadder.DowngradePolicy.NEVER ? null
                : member.getTierSince().atOffset(ZoneOffset.UTC).plusMonths(q.windowMonths())
                        .plusDays(q.graceDays()).toInstant();
        return new MemberTierResponse(ref(ladder, member.getTierCode()),
                member.getTierFloorCode() == null ? null : ref(ladder, member.getTierFloorCode()),
                member.getTierSince(), value, q.basis(), q.windowMonths(),
                next.map(t -> new MemberTierResponse.NextTier(t.code(), t.name(), t.threshold())).orElse(null),
                next.map(t -> Math.max(0, t.threshold() - value)).orElse(null), evaluation);
    }

    @Transactional(readOnly = true)
    List<TierHistoryResponse> history(UUID memberId) {
        members.require(memberId);
        return jdbc.query("""
                select from_code, to_code, reason, changed_at from tier_history
                where tenant_id = ? and member_id = ? order by id""",
                (rs, i) -> new TierHistoryResponse(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                TenantContext.require().value(), memberId);
    }

    private long growthValue(Member member, TierLadder ladder) {
        return growth.since(TenantContext.require(), member.getId(),
                GrowthLedger.windowStart(ladder.qualification(), Instant.now()));
    }

    void change(Member member, String to, String reason) {
        String from = member.getTierCode();
        member.changeTier(to);
        jdbc.update("""
                insert into tier_history (tenant_id, member_id, from_code, to_code, reason, changed_at)
                values (?, ?, ?, ?, ?, now())""", TenantContext.require().value(), member.getId(), from, to, reason);
        outbox.append("tier.changed", TenantContext.require(), new TierChanged(member.getId(), from, to, reason));
    }

    private static MemberTierResponse.TierRef ref(TierLadder ladder, String code) {
        return new MemberTierResponse.TierRef(code, ladder.find(code).map(TierLadder.Tier::name).orElse(code));
    }
}
