package io.jifen.points.purchase;

import io.jifen.events.Outbox;
import io.jifen.points.payment.PaymentReversals;
import io.jifen.points.payment.PaymentReversals.GivenBack;
import io.jifen.points.payment.PaymentReversals.RefundShare;
import io.jifen.points.purchase.EarnedPointsReversal.Reversed;
import io.jifen.points.purchase.PurchaseStore.Purchase;
import io.jifen.points.purchase.PurchaseStore.Refund;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reverses the refunded share of a purchase's points (see {@link PointsMaths#reversedTotal}) and, when points paid
 * part of the order (a points payment with the same order id), gives back the refunded share of those
 * ({@link PaymentReversals#giveBack}), all in one transaction. A refund names an amount or the purchase's items
 * given back ({@link ItemsRefundPricing}: what they are worth is its amount; the units each SKU gave back are stored
 * with it). A refund id is one refund of its order: a repeat with the same amount (or items) answers the first
 * result, another 409 {@code refund_exists}.
 * <p>
 * Points already spent: under {@code refundDebt: clamp} the refund takes what the balance holds and the rest of
 * its share is forgiven (later refunds do not claw it back: their share is computed on what was due, not on what
 * was taken); under {@code allow} it takes it all and the balance goes negative. The payment's points come back
 * before the earned ones are taken, so a member who spent the earned points repays them from what comes back
 * instead of having them forgiven.
 */
@Service
class RefundService {

    private final PurchaseStore purchases;
    private final EarnedPointsReversal earned;
    private final PaymentReversals payments;
    private final Outbox outbox;

    RefundService(PurchaseStore purchases, EarnedPointsReversal earned, PaymentReversals payments, Outbox outbox) {
        this.purchases = purchases;
        this.earned = earned;
        this.payments = payments;
        this.outbox = outbox;
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
        Map<String, Long> quantities = request.quantities();
        BigDecimal amount = quantities == null ? request.amount() : ItemsRefundPricing.amount(
                purchases.lines(orderId), purchases.refundedQuantities(orderId, null), quantities);
        Refund refund = apply(purchase, earlier, request.refundId(), amount);
        if (quantities != null) {
            purchases.insertRefundLines(orderId, request.refundId(), quantities);
        }
        outbox.append("purchase.refunded", TenantContext.require(), new PurchaseRefunded(purchase.memberId(),
                orderId, request.refundId(), PurchaseService.decimal(amount), refund.pointsReversed(),
                refund.paymentPointsReturned()));
        return new Refunded(response(orderId, refund, quantities), true);
    }

    /** Gives back the payment's share, reverses the earned share and stores the refund. */
    private Refund apply(Purchase purchase, List<Refund> earlier, String refundId, BigDecimal amount) {
        BigDecimal refundedTotal = refundedTotal(purchase, earlier, amount);
        GivenBack givenBack = payments.giveBack(new RefundShare(purchase.orderId(), refundId, refundedTotal,
                purchase.amount(), purchase.memberId()));
        long dueSoFar = earlier.stream().mapToLong(Refund::pointsDue).sum();
        long due = PointsMaths.reversedTotal(purchase.pointsAwarded(), refundedTotal, purchase.amount()) - dueSoFar;
        Reversed reversed = earned.reverse(purchase, refundId, due);
        Refund refund = new Refund(refundId, amount, due, reversed.posted().points(),
                reversed.posted().balanceAfter(), reversed.cancelled(), givenBack.points());
        purchases.insertRefund(purchase.orderId(), refund, reversed.posted().entryId(), givenBack.entryId());
        return refund;
    }

    /** What the order's refunds total with this one; 422 beyond the purchase's amount. */
    private static BigDecimal refundedTotal(Purchase purchase, List<Refund> earlier, BigDecimal amount) {
        BigDecimal refundedTotal = earlier.stream().map(Refund::amount).reduce(amount, BigDecimal::add);
        if (refundedTotal.compareTo(purchase.amount()) > 0) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "refund_exceeds_purchase",
                    "Refunds would total " + refundedTotal + " of a purchase of " + purchase.amount(),
                    Map.of("purchaseAmount", purchase.amount(), "refundedTotal", refundedTotal));
        }
        return refundedTotal;
    }

    /** The first result of a refund id asked again with the same amount, or the same items; 409 otherwise. */
    private RefundResponse repeat(String orderId, Refund refund, RefundPurchaseRequest request) {
        Map<String, Long> stored = purchases.refundedQuantities(orderId, refund.refundId());
        Map<String, Long> asked = request.quantities();
        boolean same = asked == null ? stored.isEmpty() && refund.amount().compareTo(request.amount()) == 0
                : asked.equals(stored);
        if (!same) {
            throw ApiException.conflict("refund_exists", "Refund " + refund.refundId() + " of order " + orderId
                    + " was already made for another amount or other items");
        }
        return response(orderId, refund, stored.isEmpty() ? null : stored);
    }

    private static RefundResponse response(String orderId, Refund refund, Map<String, Long> quantities) {
        List<RefundItem> items = quantities == null ? null : quantities.entrySet().stream()
                .map(item -> new RefundItem(item.getKey(), item.getValue())).toList();
        return new RefundResponse(orderId, refund.refundId(), refund.amount(), refund.pointsReversed(),
                refund.balanceAfter(), refund.pointsCancelled(), refund.paymentPointsReturned(), items);
    }
}
