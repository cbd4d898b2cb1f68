package io.jifen.points.purchase;

import io.jifen.events.Outbox;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.member.Member;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.points.purchase.BatchPurchaseResponse.Result;
import io.jifen.points.purchase.PurchaseStore.NewPurchase;
import io.jifen.points.purchase.PurchaseStore.Purchase;
import io.jifen.web.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a batch of purchases, each exactly as {@link PurchaseService#record} records one, all in the caller's
 * transaction (the idempotent request's: one commit for the whole batch, together with its stored reply). A purchase
 * refused for a business reason (order_exists, member_not_found, member_frozen, member_closed) is reported, not
 * thrown, and is decided before anything of it is written, so the others still record; anything else (member-service
 * down, a deadlock) fails the batch and stores nothing of it. See docs/adr/0009-bulk-purchases.md.
 * <p>
 * Locks are taken in one global order, so two batches over the same members wait for each other instead of
 * deadlocking: the members' projection rows (by reference), then the orders sorted by member id and order id, then
 * the accounts of every member who may earn (by member id): orders before accounts, as a single purchase and a
 * refund take them. The answer keeps request order.
 * <p>
 * The accounts are locked as late as the tenant's program allows
 * (docs/adr/0029-a-batch-plans-its-credits-before-the-account-locks.md): where a purchase's awards read nothing of
 * its member's ({@link PurchaseService#awardsBeforeAccountLocks}: no per-member limits, budgets, first-purchase rule,
 * velocity guard or return window), every purchase's awards, credit and events are worked out, and the purchases
 * credited (their balances after on their entries, V23) and the events written, before the locks, and only the
 * credits after them; otherwise the locks come before the awards.
 * <p>
 * Set-based (docs/adr/0012-set-based-batch-writes.md): members, order locks, stored purchases (with the rules version
 * and the ledger settings: {@link PurchaseOpening#readAll}) and accounts are each read in one statement for the batch,
 * and the credits (one statement for their entries, lots and accounts), the purchases with their awards, and their
 * lines are written one statement each.
 */
@Service
class BatchPurchaseService {

    private static final Comparator<MemberRef> REFERENCE_ORDER = Comparator
            .comparing(MemberRef::memberId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MemberRef::cardNumber, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MemberRef::externalId, Comparator.nullsLast(Comparator.naturalOrder()));

    private final PurchaseService purchases;
    private final PurchaseStore store;
    private final PurchaseOpening openings;
    private final Members members;
    private final Ledger ledger;
    private final Outbox outbox;

    BatchPurchaseService(PurchaseService purchases, PurchaseStore store, PurchaseOpening openings, Members members,
            Ledger ledger, Outbox outbox) {
        this.purchases = purchases;
        this.store = store;
        this.openings = openings;
        this.members = members;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public BatchPurchaseResponse record(RecordPurchasesRequest request) {
        return BatchPurchaseResponse.of(recordAll(request.purchases()).stream().map(BatchPurchaseService::result)
                .toList());
    }

    private static Result result(PurchaseService.Attempt attempt) {
        return attempt.refused() == null ? Result.of(attempt.recorded())
                : Result.rejected(attempt.orderId(), attempt.refused());
    }

    /**
     * Records {@code items} in the caller's transaction, each as {@link PurchaseService#record} records it alone:
     * one attempt per item, in order, recorded (new or already there) or refused (nothing of it written).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<PurchaseService.Attempt> recordAll(List<RecordPurchaseRequest> items) {
        Map<MemberRef, Optional<Member>> found = members.findAll(items.stream().map(RecordPurchaseRequest::member)
                .distinct().sorted(REFERENCE_ORDER).toList());
        int[] order = lockOrder(items, found);
        List<String> orderIds = Arrays.stream(order).mapToObj(i -> items.get(i).orderId()).toList();
        store.lockOrders(orderIds);
        Map<String, Purchase> stored = openings.readAll(new HashSet<>(orderIds));
        String[] hashes = items.stream().map(purchases::hash).toArray(String[]::new);
        List<UUID> earners = found.values().stream().flatMap(Optional::stream)
                .filter(member -> !member.isFrozen() && !member.isClosed()).map(Member::memberId).toList();
        // The accounts last: what needs no balance is done before, so concurrent batches over the same members wait
        // for each other's account locks as briefly as possible. Where the awards read no member's state, that is all
        // but the credits (planned first, posted after the locks); otherwise the awards and credits come after them.
        // (Asked only when some member may earn: a tenant's rules are seeded on their first evaluation.)
        boolean planFirst = !earners.isEmpty() && purchases.awardsBeforeAccountLocks();
        if (!planFirst) {
            ledger.lockAll(earners);
        }
        // Every purchase's credit, then every purchase (its awards on its row) and line: one statement each.
        ledger.deferCredits();
        Map<String, Integer> firstOfOrder = new HashMap<>();
        List<Integer> repeats = new ArrayList<>();
        Set<UUID> purchasing = new HashSet<>();
        PurchaseService.Planned[] planned = new PurchaseService.Planned[items.size()];
        List<NewPurchase> rows = new ArrayList<>();
        PurchaseService.Attempt[] results = new PurchaseService.Attempt[items.size()];
        for (int index : order) {
            RecordPurchaseRequest item = items.get(index);
            String hash = hashes[index];
            Purchase prior = stored.get(item.orderId());
            Integer earlier = firstOfOrder.get(item.orderId());
            if (prior != null) {
                results[index] = PurchaseService.replay(item, hash, prior);
            } else if (earlier != null) {
                if (hashes[earlier].equals(hash)) {
                    repeats.add(index);
                } else {
                    results[index] = PurchaseService.Attempt.refused(item.orderId(),
                            PurchaseService.orderExists(item.orderId()));
                }
            } else {
                Optional<Member> member = found.get(item.member());
                Optional<ApiException> refused = members.refusal(item.member(), member);
                if (refused.isPresent()) {
                    results[index] = PurchaseService.Attempt.refused(item.orderId(), refused.get());
                    continue;
                }
                firstOfOrder.put(item.orderId(), index);
                UUID memberId = member.get().memberId();
                boolean purchasedBefore = !purchasing.add(memberId);
                if (planFirst) {
                    planned[index] = purchases.plan(item, member.get(), hash, purchasedBefore);
                } else {
                    results[index] = recorded(purchases.earn(item, member.get(), hash, purchasedBefore), rows);
                }
            }
        }
        if (planFirst) {
            // The purchases credited and the events are written before the locks too, the purchases' balances after
            // left to their entries.
            store.insertAll(Arrays.stream(planned).filter(plan -> plan != null && plan.row() != null)
                    .map(PurchaseService.Planned::row).toList());
            outbox.writeAppended();
            ledger.lockAll(earners);
            for (int index : order) {
                if (planned[index] != null) {
                    results[index] = recorded(purchases.post(planned[index]), rows);
                }
            }
        }
        for (int index : repeats) {
            String orderId = items.get(index).orderId();
            results[index] = new PurchaseService.Attempt(orderId, new PurchaseService.Recorded(
                    results[firstOfOrder.get(orderId)].recorded().response(), false), null);
        }
        ledger.flushCredits();
        store.insertAll(rows);
        return List.of(results);
    }

    private static PurchaseService.Attempt recorded(PurchaseService.Earned earned, List<NewPurchase> rows) {
        if (earned.row() != null) {
            rows.add(earned.row());
        }
        PurchaseService.Recorded recorded = earned.recorded();
        return new PurchaseService.Attempt(recorded.response().orderId(), recorded, null);
    }

    /**
     * The request's indexes sorted by member id, then order id (stable: a repeated order keeps its request order);
     * unknown members go last (they lock nothing but their order).
     */
    private static int[] lockOrder(List<RecordPurchaseRequest> items, Map<MemberRef, Optional<Member>> found) {
        UUID[] memberIds = items.stream().map(item -> found.get(item.member()).map(Member::memberId).orElse(null))
                .toArray(UUID[]::new);
        return IntStream.range(0, items.size()).boxed()
                .sorted(Comparator.<Integer, UUID>comparing(i -> memberIds[i], Comparator.nullsLast(Comparator
                        .naturalOrder())).thenComparing(i -> items.get(i).orderId()))
                .mapToInt(Integer::intValue).toArray();
    }
}
