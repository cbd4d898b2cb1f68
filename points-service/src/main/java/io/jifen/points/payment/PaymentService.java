package io.jifen.points.payment;

import io.jifen.events.Outbox;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Overdraft;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points as payment (积分抵扣): points pay part of an order at the tenant's ratio, up to its maximum share. A
 * payment is a {@code spend} with reason {@code redemption} (soonest-expiring lots first); purchase refunds of the
 * order and its reversal restore the points to those lots ({@link PaymentReversals}). An order id is one payment
 * per tenant.
 */
@Service
class PaymentService {

    private final PaymentStore payments;
    private final PaymentSettingsStore settings;
    private final Members members;
    private final Ledger ledger;
    private final Outbox outbox;

    PaymentService(PaymentStore payments, PaymentSettingsStore settings, Members members, Ledger ledger,
            Outbox outbox) {
        this.payments = payments;
        this.settings = settings;
        this.members = members;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    record Applied(PaymentResponse response, boolean created) {
    }

    @Transactional(readOnly = true)
    public PaymentQuote quote(QuotePaymentRequest request) {
        members.require(MemberRef.byId(request.memberId()));
        PaymentSettings terms = settings.current();
        long balance = ledger.balance(request.memberId());
        long maxPoints = Math.max(0, Math.min(balance, PaymentMaths.maxPoints(request.orderAmount(), terms)));
        return new PaymentQuote(request.memberId(), request.orderAmount(), request.currency(), terms.pointsPerUnit(),
                terms.maxShare(), balance, maxPoints, PaymentMaths.discount(maxPoints, terms));
    }

    /** The payment, and whether this call made it (false: the order was already paid with the same points). */
    @Transactional
    public Applied apply(ApplyPaymentRequest request) {
        payments.lockOrder(request.orderId());
        PaymentResponse existing = payments.find(request.orderId()).orElse(null);
        if (existing != null) {
            if (!existing.memberId().equals(request.memberId()) || existing.points() != request.points()) {
                throw ApiException.conflict("payment_exists",
                        "Order " + request.orderId() + " was already paid with other points or by another member");
            }
            return new Applied(existing, false);
        }
        members.requireActive(MemberRef.byId(request.memberId()));
        PaymentSettings terms = settings.current();
        if (request.orderAmount() != null) {
            long max = PaymentMaths.maxPoints(request.orderAmount(), terms);
            if (request.points() > max) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "points_exceed_max_share",
                        request.points() + " points exceed what may pay of this order (" + max + ")",
                        Map.of("maxPoints", max));
            }
        }
        BigDecimal discount = PaymentMaths.discount(request.points(), terms);
        Posted spent = ledger.debit(Posting.of(request.memberId(), EntryKind.SPEND, Reason.REDEMPTION,
                source(request.orderId())), request.points(), Overdraft.REFUSE);
        payments.insert(request, discount, spent.entryId(), spent.balanceAfter());
        outbox.append("points.payment-applied", TenantContext.require(), new PointsPaid(request.memberId(),
                request.orderId(), request.points(), discount.toPlainString(), spent.entryId()));
        return new Applied(payments.find(request.orderId()).orElseThrow(), true);
    }

    @Transactional(readOnly = true)
    public PaymentResponse get(String orderId) {
        return payments.find(orderId).orElseThrow(() -> notFound(orderId));
    }

    @Transactional(readOnly = true)
    public PaymentSettings terms() {
        return settings.current();
    }

    @Transactional
    public PaymentSettings updateTerms(UpdatePaymentSettingsRequest request) {
        settings.save(new PaymentSettings(request.pointsPerUnit(), request.maxShare()));
        return settings.current();
    }

    static String source(String orderId) {
        return "payment/" + orderId;
    }

    static ApiException notFound(String orderId) {
        return new ApiException(HttpStatus.NOT_FOUND, "payment_not_found",
                "No points payment for order " + orderId + " was found");
    }
}
