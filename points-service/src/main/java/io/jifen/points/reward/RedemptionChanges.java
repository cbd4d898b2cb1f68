package io.jifen.points.reward;

import io.jifen.events.Outbox;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a redemption after it was made: cancellation and shipment. Each locks the redemption's row
 * first, so two cancellations (or a cancellation and a delivery) are serial and the second sees the first.
 */
@Service
class RedemptionChanges {

    private final RedemptionStore redemptions;
    private final RewardInventory inventory;
    private final Ledger ledger;
    private final Outbox outbox;

    RedemptionChanges(RedemptionStore redemptions, RewardInventory inventory, Ledger ledger, Outbox outbox) {
        this.redemptions = redemptions;
        this.inventory = inventory;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /**
     * Gives the points back to the lots they came from, the units back to the stock, voids the coupon codes. A
     * cancelled redemption answers as it is (one effect however often it is cancelled); delivered goods cannot be
     * cancelled (409 {@code already_delivered}: that is a return, handled by the merchant).
     */
    @Transactional
    public RedemptionResponse cancel(UUID id) {
        Redemption redemption = redemptions.lock(id).orElseThrow(() -> RedemptionService.notFound(id));
        if (!redemption.isCancelled()) {
            if (redemption.fulfilment() == Fulfilment.DELIVERED) {
                throw ApiException.conflict("already_delivered",
                        "Redemption " + id + " was delivered: it can no longer be cancelled");
            }
            Posted restored = ledger.restore(redemption.spendEntryId(), Posting.of(redemption.memberId(),
                    EntryKind.REFUND, Reason.REDEMPTION, id.toString()));
            inventory.giveBack(redemption);
            redemptions.markCancelled(id, restored.entryId(), restored.balanceAfter());
            outbox.append("redemption.cancelled", TenantContext.require(), new RedemptionCancelled(id,
                    redemption.memberId(), redemption.rewardId(), redemption.quantity(), restored.points(),
                    restored.entryId()));
        }
        Redemption now = redemptions.find(id).orElseThrow();
        return RedemptionResponse.of(now, inventory.codesOf(now));
    }

    /**
     * Moves a goods redemption's shipment forward (placed → shipped → delivered, steps may be skipped). The
     * current status again is a no-op, except that a new tracking number is recorded.
     */
    @Transactional
    public RedemptionResponse updateFulfilment(UUID id, UpdateFulfilmentRequest request) {
        Redemption redemption = redemptions.lock(id).orElseThrow(() -> RedemptionService.notFound(id));
        if (redemption.fulfilment() == null) {
            throw ApiException.conflict("not_goods",
                    "Redemption " + id + " is of a " + redemption.rewardType().value() + " reward: nothing ships");
        }
        if (redemption.isCancelled()) {
            throw ApiException.conflict("redemption_cancelled", "Redemption " + id + " was cancelled");
        }
        Fulfilment target = Fulfilment.of(request.status()).orElseThrow();
        if (target.isBefore(redemption.fulfilment())) {
            throw ApiException.conflict("fulfilment_backwards", "Redemption " + id + " is "
                    + redemption.fulfilment().value() + "; it cannot go back to " + target.value());
        }
        boolean changed = target != redemption.fulfilment() || request.trackingNumber() != null
                && !Objects.equals(request.trackingNumber(), redemption.trackingNumber());
        if (changed) {
            redemptions.updateFulfilment(id, target, request.trackingNumber());
            outbox.append("redemption.fulfilment-changed", TenantContext.require(), new FulfilmentChanged(id,
                    redemption.memberId(), redemption.rewardId(), target.value(),
                    request.trackingNumber() != null ? request.trackingNumber() : redemption.trackingNumber()));
        }
        Redemption now = redemptions.find(id).orElseThrow();
        return RedemptionResponse.of(now, inventory.codesOf(now));
    }
}
