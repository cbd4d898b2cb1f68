package io.jifen.points.reward;

import io.jifen.events.Outbox;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Overdraft;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.points.member.Member;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeems a reward: checks it may be redeemed by this member now, then, under the member's account lock (so the
 * per-member limits are counted serially), spends the points (soonest-expiring lots first), takes the stock by a
 * conditional UPDATE and a coupon code by {@code SKIP LOCKED}, all in one transaction: any refusal rolls back the
 * others. Locks are taken account first, reward row second, everywhere.
 */
@Service
class RedemptionService {

    private final Members members;
    private final RewardInventory inventory;
    private final RedemptionStore redemptions;
    private final Ledger ledger;
    private final Outbox outbox;

    RedemptionService(Members members, RewardInventory inventory, RedemptionStore redemptions, Ledger ledger,
            Outbox outbox) {
        this.members = members;
        this.inventory = inventory;
        this.redemptions = redemptions;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    @Transactional
    public RedemptionResponse redeem(RedeemRewardRequest request) {
        Member member = members.requireActive(MemberRef.byId(request.memberId()));
        Reward reward = inventory.require(request.rewardId());
        Instant now = Instant.now();
        if (!reward.isAvailableAt(now)) {
            throw unprocessable("reward_not_available", "Reward " + reward.id() + " cannot be redeemed now",
                    Map.of());
        }
        if (!reward.allowsTier(member.tierCode())) {
            throw unprocessable("tier_not_eligible", "Reward " + reward.id() + " is for tiers "
                    + reward.allowedTiers() + " only", Map.of("allowedTiers", reward.allowedTiers()));
        }
        ledger.lockAll(List.of(member.memberId()));
        int quantity = request.quantity();
        checkLimits(member.memberId(), reward, quantity, now);
        UUID id = UUID.randomUUID();
        long cost = Math.multiplyExact(reward.pointsCost(), quantity);
        Posted spent = ledger.debit(Posting.of(member.memberId(), EntryKind.SPEND, Reason.REDEMPTION,
                id.toString()), cost, Overdraft.REFUSE);
        List<String> codes = inventory.take(reward, id, quantity);
        Redemption redemption = new Redemption(id, member.memberId(), reward.id(), reward.type(), quantity, cost,
                Redemption.COMPLETED, reward.type() == RewardType.GOODS ? Fulfilment.PLACED : null, null,
                spent.entryId(), null, spent.balanceAfter(), null, null, null);
        redemptions.insert(redemption);
        outbox.append("reward.redeemed", TenantContext.require(), new RewardRedeemed(id, member.memberId(),
                reward.id(), reward.type().value(), quantity, cost, spent.entryId()));
        return RedemptionResponse.of(redemptions.find(id).orElseThrow(), codes);
    }

    @Transactional(readOnly = true)
    public RedemptionResponse get(UUID id) {
        Redemption redemption = redemptions.find(id).orElseThrow(() -> notFound(id));
        return RedemptionResponse.of(redemption, inventory.codesOf(redemption));
    }

    @Transactional(readOnly = true)
    public RedemptionPage list(UUID memberId, String status, int page, int size) {
        List<Redemption> rows = redemptions.list(memberId, status, page, size);
        boolean more = rows.size() > size;
        return new RedemptionPage((more ? rows.subList(0, size) : rows).stream()
                .map(redemption -> RedemptionResponse.of(redemption, inventory.codesOf(redemption))).toList(),
                page, size, more);
    }

    /** Counted under the member's account lock: two concurrent redemptions cannot both take the last allowance. */
    private void checkLimits(UUID memberId, Reward reward, int quantity, Instant now) {
        if (reward.dailyLimit() != null) {
            long redeemed = redemptions.redeemedToday(memberId, reward.id(), now);
            if (redeemed + quantity > reward.dailyLimit()) {
                throw unprocessable("daily_limit_reached", "Reward " + reward.id() + " may be redeemed "
                        + reward.dailyLimit() + " times a day; " + redeemed + " already today",
                        Map.of("limit", reward.dailyLimit(), "redeemed", redeemed));
            }
        }
        if (reward.lifetimeLimit() != null) {
            long redeemed = redemptions.redeemedQuantity(memberId, reward.id(), null);
            if (redeemed + quantity > reward.lifetimeLimit()) {
                throw unprocessable("lifetime_limit_reached", "Reward " + reward.id() + " may be redeemed "
                        + reward.lifetimeLimit() + " times per member; " + redeemed + " already",
                        Map.of("limit", reward.lifetimeLimit(), "redeemed", redeemed));
            }
        }
    }

    static ApiException notFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, "redemption_not_found", "Redemption " + id + " was not found");
    }

    private static ApiException unprocessable(String code, String detail, Map<String, Object> properties) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, properties);
    }
}
