package io.jifen.points.payment;

import io.jifen.events.Outbox;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives a payment's points back to the lots they came from ({@link Ledger#restore(UUID, Posting, long)}): the share
 * of a purchase refund of the same order, in the refund's transaction ({@link #giveBack}), or whatever is left on
 * the explicit reversal ({@link #reverse}). {@code points_returned} counts both, so no point comes back twice.
 */
@Service
public class PaymentReversals {

    private final PaymentStore payments;
    private final Ledger ledger;
    private final Outbox outbox;

    PaymentReversals(PaymentStore payments, Ledger ledger, Outbox outbox) {
        this.payments = payments;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /**
     * A purchase refund of order {@code orderId}: its refunds now total {@code refundedTotal} of the order's
     * {@code orderAmount}. {@code purchaseMemberId} is whose earned points the refund reverses next: both accounts
     * are locked in member-id order first, so the refund and a transfer between the two cannot deadlock.
     */
    public record RefundShare(String orderId, String refundId, BigDecimal refundedTotal, BigDecimal orderAmount,
            UUID purchaseMemberId) {
    }

    /** Points a refund gave back of the order's payment, and the {@code refund} entry ({@code null}: none). */
    public record GivenBack(long points, UUID entryId) {

        static final GivenBack NONE = new GivenBack(0, null);
    }

    /**
     * Gives back the refund's share of the order's points payment: {@link PaymentMaths#returnedTotal} of it less
     * what came back before (refunds or the explicit reversal). Nothing for an order paid without points.
     */
    @Transactional
    public GivenBack giveBack(RefundShare share) {
        payments.lockOrder(share.orderId());
        PaymentResponse payment = payments.find(share.orderId()).orElse(null);
        if (payment == null) {
            return GivenBack.NONE;
        }
        if (!payment.memberId().equals(share.purchaseMemberId())) {
            ledger.lockAll(List.of(payment.memberId(), share.purchaseMemberId()));
        }
        long due = PaymentMaths.returnedTotal(payment.points(), share.refundedTotal(), share.orderAmount())
                - payment.pointsReturned();
        if (due <= 0) {
            return GivenBack.NONE;
        }
        Posted restored = giveBack(payment, due, share.refundId());
        return new GivenBack(restored.points(), restored.entryId());
    }

    /** Gives back whatever of the payment's points is still out; a reversed payment answers as it is (one effect). */
    @Transactional
    public PaymentResponse reverse(String orderId) {
        payments.lockOrder(orderId);
        PaymentResponse payment = payments.find(orderId).orElseThrow(() -> PaymentService.notFound(orderId));
        if (!Objects.equals(payment.status(), PaymentResponse.REVERSED)) {
            giveBack(payment, payment.points() - payment.pointsReturned(), null);
        }
        return payments.find(orderId).orElseThrow();
    }

    /** {@code refundId}: the purchase refund giving them back, {@code null} for the explicit reversal. */
    private Posted giveBack(PaymentResponse payment, long points, String refundId) {
        String source = PaymentService.source(payment.orderId()) + (refundId == null ? "" : "/" + refundId);
        Posted restored = ledger.restore(payment.spendEntryId(), Posting.of(payment.memberId(), EntryKind.REFUND,
                Reason.REDEMPTION, source), points);
        if (restored.points() != points) {
            // The payment and its spend's lot restorations disagree: the data is corrupt, roll back.
            throw new IllegalStateException("Payment " + payment.orderId() + " has " + points
                    + " points out, its spend " + restored.points());
        }
        long returned = payment.pointsReturned() + points;
        String status = returned == payment.points() ? PaymentResponse.REVERSED : PaymentResponse.PARTIALLY_REVERSED;
        payments.markReturned(payment.orderId(), returned, status, restored.entryId(), restored.balanceAfter());
        BigDecimal worth = PaymentMaths.discountReturned(payment.discount(), payment.points(), returned).subtract(
                PaymentMaths.discountReturned(payment.discount(), payment.points(), payment.pointsReturned()));
        outbox.append("points.payment-reversed", TenantContext.require(), new PaymentReversed(payment.memberId(),
                payment.orderId(), points, worth.toPlainString(), restored.entryId(), refundId, returned, status));
        return restored;
    }
}
