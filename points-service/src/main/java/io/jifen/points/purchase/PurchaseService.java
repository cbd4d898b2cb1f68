package io.jifen.points.purchase;

import io.jifen.events.Outbox;
import io.jifen.points.expiry.Earnings;
import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.points.member.Member;
import io.jifen.points.member.Members;
import io.jifen.points.purchase.PurchaseStore.Purchase;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a purchase and awards its points under the tenant's program (for now the default one: a point per
 * whole currency unit, no expiry, no pending period). An order id is one purchase per tenant, whatever the
 * Idempotency-Key: a repeat with the same body answers the first result, with another body 409 {@code order_exists}.
 */
@Service
class PurchaseService {

    static final String DEFAULT_RULE = "default";

    private final PurchaseStore purchases;
    private final Members members;
    private final Ledger ledger;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Earnings earnings;

    PurchaseService(PurchaseStore purchases, Members members, Ledger ledger, Outbox outbox, JsonMapper json,
            Earnings earnings) {
        this.purchases = purchases;
        this.members = members;
        this.ledger = ledger;
        this.outbox = outbox;
        this.json = json;
        this.earnings = earnings;
    }

    /** The result, and whether this call recorded it (false: the order was already there). */
    record Recorded(PurchaseResponse response, boolean created) {
    }

    @Transactional
    public Recorded record(RecordPurchaseRequest request) {
        String hash = IdempotentRequests.hash(json.writeValueAsString(request));
        purchases.lockOrder(request.orderId());
        Optional<Purchase> existing = purchases.find(request.orderId());
        if (existing.isPresent()) {
            if (!existing.get().requestHash().equals(hash)) {
                throw ApiException.conflict("order_exists",
                        "Order " + request.orderId() + " was already recorded with different details");
            }
            return new Recorded(response(existing.get()), false);
        }
        Member member = members.requireActive(request.member());
        long points = PointsMaths.defaultProgramPoints(request.amount());
        // Pending (return window) and held (velocity guard) points are awarded but not in the balance yet.
        Earnings.Earned earned = points == 0 ? new Earnings.Earned(new Posted(null, 0,
                ledger.balance(member.memberId())), 0, 0) : earnings.earn(Posting.of(member.memberId(),
                EntryKind.EARN, Reason.PURCHASE, request.orderId()), points, true);
        Posted posted = earned.posted();
        Instant occurredAt = request.occurredAt() == null ? Instant.now().truncatedTo(ChronoUnit.MICROS)
                : request.occurredAt();
        Purchase purchase = new Purchase(request.orderId(), member.memberId(), request.amount(), hash, points,
                posted.balanceAfter(), earned.pending(), earned.held());
        purchases.insert(purchase, request.currency(), occurredAt, posted.entryId());
        outbox.append("purchase.recorded", TenantContext.require(), new PurchaseRecorded(member.memberId(),
                request.orderId(), decimal(request.amount()), request.currency(), occurredAt, points));
        return new Recorded(response(purchase), true);
    }

    private static PurchaseResponse response(Purchase purchase) {
        List<PurchaseResponse.Award> awards = purchase.pointsAwarded() == 0 ? List.of()
                : List.of(new PurchaseResponse.Award(DEFAULT_RULE, purchase.pointsAwarded()));
        return new PurchaseResponse(purchase.orderId(), purchase.pointsAwarded(), awards, purchase.balanceAfter(),
                purchase.pointsPending(), purchase.pointsHeld());
    }

    static String decimal(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
