package io.jifen.points.purchase;

import io.jifen.events.Outbox;
import io.jifen.points.expiry.Earnings;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.points.purchase.PurchaseStore.Purchase;
import io.jifen.points.purchase.PurchaseStore.Refund;
import io.jifen.points.settings.LedgerSettings;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reverses the refunded share of a purchase's points (see {@link PointsMaths#reversedTotal}). A refund id is one
 * refund of its order: a repeat with the same amount answers the first result, another amount 409 {@code refund_exists}.
 * <p>
 * Points already spent: under {@code refundDebt: clamp} the refund takes what the balance holds and the rest of
 * its share is forgiven (later refunds do not claw it back: their share is computed on what was due, not on what
 * was taken); under {@code allow} it takes it all and the balance goes negative.
 */
@Service
class RefundService {

    private final PurchaseStore purchases;
    private final Ledger ledger;
    private final LedgerSettings settings;
    private final Outbox outbox;
    private final Earnings earnings;

    RefundService(PurchaseStore purchases, Ledger ledger, LedgerSettings settings, Outbox outbox,
            Earnings earnings) {
        this.purchases = purchases;
        this.ledger = ledger;
        this.settings = settings;
        this.outbox = outbox;
        this.earnings = earnings;
    }

    record Refunded(RefundResponse response, boolean created) {
    }

    @Transactional
    public Refunded refund(String orderId, RefundPurchaseRequest request) {
        purchases.lockOrder(orderId);
        Purchase purchase = purchases.find(orderId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "purchase_not_found", "Purchase " + orderId + " was not found"));
        List<Refund> earlier = purchases.refunds(orderId);
        for (Refund refund : earlier) {
            if (refund.refundId().equals(request.refundId())) {
                return new Refunded(repeat(orderId, refund, request), false);
            }
        }
        BigDecimal refundedTotal = earlier.stream().map(Refund::amount).reduce(request.amount(), BigDecimal::add);
        if (refundedTotal.compareTo(purchase.amount()) > 0) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "refund_exceeds_purchase",
                    "Refunds would total " + refundedTotal + " of a purchase of " + purchase.amount(),
                    Map.of("purchaseAmount", purchase.amount(), "refundedTotal", refundedTotal));
        }
        long dueSoFar = earlier.stream().mapToLong(Refund::pointsDue).sum();
        long due = PointsMaths.reversedTotal(purchase.pointsAwarded(), refundedTotal, purchase.amount()) - dueSoFar;
        // Inside the return window (or under review) the points are not in the balance yet: cancel those first.
        long cancelled = due == 0 ? 0 : earnings.cancelWaiting(purchase.memberId(), orderId, due);
        long toReverse = due - cancelled;
        Posted posted = toReverse == 0 ? new Posted(null, 0, ledger.balance(purchase.memberId()))
                : ledger.debit(new Posting(purchase.memberId(), EntryKind.REVERSE, Reason.PURCHASE,
                        orderId + "/" + request.refundId(), null, null, null), toReverse, settings.refundDebt());
        Refund refund = new Refund(request.refundId(), request.amount(), due, posted.points(), posted.balanceAfter(),
                cancelled);
        purchases.insertRefund(orderId, refund, posted.entryId());
        outbox.append("purchase.refunded", TenantContext.require(), new PurchaseRefunded(purchase.memberId(),
                orderId, request.refundId(), PurchaseService.decimal(request.amount()), posted.points()));
        return new Refunded(response(orderId, refund), true);
    }

    private static RefundResponse repeat(String orderId, Refund refund, RefundPurchaseRequest request) {
        if (refund.amount().compareTo(request.amount()) != 0) {
            throw ApiException.conflict("refund_exists",
                    "Refund " + refund.refundId() + " of order " + orderId + " was already made for another amount");
        }
        return response(orderId, refund);
    }

    private static RefundResponse response(String orderId, Refund refund) {
        return new RefundResponse(orderId, refund.refundId(), refund.amount(), refund.pointsReversed(),
                refund.balanceAfter(), refund.pointsCancelled());
    }
}
