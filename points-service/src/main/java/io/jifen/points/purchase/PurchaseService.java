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
import io.jifen.points.purchase.PurchaseStore.NewPurchase;
import io.jifen.points.purchase.PurchaseStore.Purchase;
import io.jifen.points.rules.Award;
import io.jifen.points.rules.PurchaseEarning;
import io.jifen.points.rules.PurchaseLine;
import io.jifen.tenancy.TenantContext;
import io.jifen.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a purchase and awards its points under the tenant's earning rules ({@link PurchaseEarning}; a new tenant's
 * default program: a point per whole currency unit, no expiry, no pending period), keeping the awards with it. An
 * order id is one purchase per tenant, whatever the Idempotency-Key: a repeat with the same body answers the first
 * result, with another body 409 {@code order_exists}.
 */
@Service
class PurchaseService {

    private final PurchaseStore purchases;
    private final Members members;
    private final Ledger ledger;
    private final Outbox outbox;
    private final JsonMapper json;
    private final PurchaseEarning earning;
    private final Earnings earnings;
    private final PurchaseOpening openings;

    PurchaseService(PurchaseStore purchases, Members members, Ledger ledger, Outbox outbox, JsonMapper json,
            PurchaseEarning earning, Earnings earnings, PurchaseOpening openings) {
        this.purchases = purchases;
        this.openings = openings;
        this.members = members;
        this.ledger = ledger;
        this.outbox = outbox;
        this.json = json;
        this.earning = earning;
        this.earnings = earnings;
    }

    /** The result, and whether this call recorded it (false: the order was already there). */
    record Recorded(PurchaseResponse response, boolean created) {
    }

    /**
     * What an order id already recorded answers ({@link #replay}): its result, or the problem that refuses the request
     * (nothing written then); a batch reports the problem instead of throwing it, as an exception leaving a
     * {@code @Transactional} method would mark the whole batch's transaction rollback-only.
     */
    record Attempt(String orderId, Recorded recorded, ApiException refused) {

        static Attempt refused(String orderId, ApiException problem) {
            return new Attempt(orderId, null, problem);
        }
    }

    @Transactional
    public Recorded record(RecordPurchaseRequest request) {
        String hash = hash(request);
        purchases.lockOrder(request.orderId());
        PurchaseOpening.Opening opening = openings.read(request.orderId(), request.member());
        if (opening.stored() != null) {
            Attempt replayed = replay(request, hash, opening.stored());
            if (replayed.refused() != null) {
                throw replayed.refused();
            }
            return replayed.recorded();
        }
        Earned earned = earn(request, members.requireActive(request.member(), opening.projected()), hash, false);
        purchases.insertAll(List.of(earned.row()));
        return earned.recorded();
    }

    /** What identifies a purchase request's content: the same order id with another hash is another purchase. */
    String hash(RecordPurchaseRequest request) {
        return IdempotentRequests.hash(json.writeValueAsString(request));
    }

    /** The answer to an order id already recorded ({@code stored}): its result, or order_exists. */
    static Attempt replay(RecordPurchaseRequest request, String hash, Purchase stored) {
        if (!stored.requestHash().equals(hash)) {
            return Attempt.refused(request.orderId(), orderExists(request.orderId()));
        }
        return new Attempt(request.orderId(), new Recorded(response(stored), false), null);
    }

    static ApiException orderExists(String orderId) {
        return ApiException.conflict("order_exists",
                "Order " + orderId + " was already recorded with different details");
    }

    /**
     * A purchase earned (its points credited, its events appended) whose own rows are not written yet: the caller
     * writes {@code row} (with its awards), alone or with a batch's others; {@code null} when it was written before
     * (a {@link Planned#row}).
     */
    record Earned(NewPurchase row, Recorded recorded) {
    }

    /**
     * Awards and credits a new purchase of an active member.
     *
     * @param purchasedBefore the member has a purchase recorded earlier in the caller's batch (not written yet)
     */
    Earned earn(RecordPurchaseRequest request, Member member, String hash, boolean purchasedBefore) {
        Instant occurredAt = occurredAt(request);
        List<Award> awards = earning.award(request.orderId(), member.memberId(), member.tierCode(), request.amount(),
                lines(request.items()), occurredAt, purchasedBefore);
        long points = Award.total(awards);
        // Pending (return window) and held (velocity guard) points are awarded but not in the balance yet.
        Earnings.Earned earned = points == 0 ? new Earnings.Earned(new Posted(null, 0,
                ledger.balance(member.memberId())), 0, 0) : earnings.earn(posting(request, member), points, true);
        appendRecorded(request, member, occurredAt, points);
        Purchase purchase = purchase(request, member, hash, awards, earned);
        return new Earned(row(purchase, request, occurredAt, earned.posted().entryId(), false),
                new Recorded(response(purchase), true));
    }

    /**
     * A new purchase whose awards are worked out, credit planned and events appended, before its member's account is
     * locked ({@link #plan}); {@link #post} credits it.
     *
     * @param credit its credit, {@code null} when the rules gave nothing
     * @param row    the purchase to write before the account locks, its balance after on its entry (V23); {@code null}
     *               without a credit: then its balance is known only under the lock and {@link #post} answers the row
     */
    record Planned(RecordPurchaseRequest request, Member member, String hash, Instant occurredAt, List<Award> awards,
            Ledger.Planned credit, NewPurchase row) {
    }

    /**
     * What {@link #earn} does before it needs the member's account: for a batch, where
     * {@link #awardsBeforeAccountLocks} holds, so that it locks its accounts only for the credits.
     */
    Planned plan(RecordPurchaseRequest request, Member member, String hash, boolean purchasedBefore) {
        Instant occurredAt = occurredAt(request);
        List<Award> awards = earning.award(request.orderId(), member.memberId(), member.tierCode(), request.amount(),
                lines(request.items()), occurredAt, purchasedBefore);
        long points = Award.total(awards);
        Ledger.Planned credit = points == 0 ? null : earnings.plan(posting(request, member), points);
        appendRecorded(request, member, occurredAt, points);
        // Its balance after is not known before the lock (0 here): the row leaves it to the entry.
        NewPurchase row = credit == null ? null : row(purchase(request, member, hash, awards,
                new Earnings.Earned(new Posted(credit.entryId(), points, 0), 0, 0)), request, occurredAt,
                credit.entryId(), true);
        return new Planned(request, member, hash, occurredAt, awards, credit, row);
    }

    /**
     * Credits a planned purchase (locking its member's account, if the caller has not), as {@link #earn} would; the
     * answer's row is {@code null} when the plan's was written already.
     */
    Earned post(Planned planned) {
        UUID memberId = planned.member().memberId();
        Posted posted = planned.credit() == null ? new Posted(null, 0, ledger.balance(memberId))
                : ledger.post(planned.credit());
        Purchase purchase = purchase(planned.request(), planned.member(), planned.hash(), planned.awards(),
                new Earnings.Earned(posted, 0, 0));
        return new Earned(planned.row() != null ? null
                : row(purchase, planned.request(), planned.occurredAt(), posted.entryId(), false),
                new Recorded(response(purchase), true));
    }

    /**
     * Whether a batch may {@link #plan} its purchases before it locks their members' accounts: the tenant's earns go
     * straight into the balance and its rules award a purchase without reading any member's state.
     */
    boolean awardsBeforeAccountLocks() {
        return earnings.straightIntoBalance() && earning.awardsWithoutLock();
    }

    // To the microsecond, as PostgreSQL keeps it (rounded half up, as the JDBC driver and member-service round).
    private static Instant occurredAt(RecordPurchaseRequest request) {
        return request.occurredAt() == null ? Instant.now().truncatedTo(ChronoUnit.MICROS)
                : request.occurredAt().plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    private static Posting posting(RecordPurchaseRequest request, Member member) {
        return Posting.of(member.memberId(), EntryKind.EARN, Reason.PURCHASE, request.orderId());
    }

    private void appendRecorded(RecordPurchaseRequest request, Member member, Instant occurredAt, long points) {
        outbox.append("purchase.recorded", TenantContext.require(), new PurchaseRecorded(member.memberId(),
                request.orderId(), decimal(request.amount()), request.currency(), occurredAt, points));
    }

    private static Purchase purchase(RecordPurchaseRequest request, Member member, String hash, List<Award> awards,
            Earnings.Earned earned) {
        return new Purchase(request.orderId(), member.memberId(), request.amount(), hash, Award.total(awards),
                earned.posted().balanceAfter(), earned.pending(), earned.held(), awards);
    }

    private static NewPurchase row(Purchase purchase, RecordPurchaseRequest request, Instant occurredAt, UUID entryId,
            boolean balanceOnEntry) {
        return new NewPurchase(purchase, request.currency(), occurredAt, entryId, request.items(), balanceOnEntry);
    }

    private static PurchaseResponse response(Purchase purchase) {
        return new PurchaseResponse(purchase.orderId(), purchase.pointsAwarded(), purchase.awards(),
                purchase.balanceAfter(), purchase.pointsPending(), purchase.pointsHeld());
    }

    private static List<PurchaseLine> lines(List<PurchaseItem> items) {
        return items == null ? List.of() : items.stream()
                .map(item -> new PurchaseLine(item.sku(), item.category(), item.quantity(), item.unitPrice())).toList();
    }

    static String decimal(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
