package io.jifen.points.purchase;

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
 * Set-based (docs/adr/0012-set-based-batch-writes.md): members, order locks, stored purchases (with the rules version
 * and the ledger settings: {@link PurchaseOpening#readAll}) and accounts are each read in one statement for the batch,
 * and the credits (one statement for their entries, lots and accounts), the purchases with their awards, and their
 * lines are written one statement each at the end.
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

    BatchPurchaseService(PurchaseService purchases, PurchaseStore store, PurchaseOpening openings, Members members,
            Ledger ledger) {
        this.purchases = purchases;
        this.store = store;
        this.openings = openings;
        this.members = members;
        this.ledger = ledger;
    }

    /** A purchase this batch recorded: what identifies its content, and its answer. */
    private record InBatch(String hash, PurchaseResponse response) {
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
        // The accounts last: what needs no balance is done before, so concurrent batches over the same members wait
        // for each other's account locks as briefly as possible.
        ledger.lockAll(found.values().stream().flatMap(Optional::stream)
                .filter(member -> !member.isFrozen() && !member.isClosed()).map(Member::memberId).toList());
        // Every purchase's credit, then every purchase (its awards on its row) and line: one statement each.
        ledger.deferCredits();
        Map<String, InBatch> recorded = new HashMap<>();
        Set<UUID> purchasing = new HashSet<>();
        List<NewPurchase> rows = new ArrayList<>();
        PurchaseService.Attempt[] results = new PurchaseService.Attempt[items.size()];
        for (int index : order) {
            RecordPurchaseRequest item = items.get(index);
            String hash = hashes[index];
            Purchase prior = stored.get(item.orderId());
            InBatch earlier = recorded.get(item.orderId());
            if (prior != null) {
                results[index] = PurchaseService.replay(item, hash, prior);
            } else if (earlier != null) {
                results[index] = earlier.hash().equals(hash)
                        ? new PurchaseService.Attempt(item.orderId(), new PurchaseService.Recorded(earlier.response(),
                                false), null)
                        : PurchaseService.Attempt.refused(item.orderId(), PurchaseService.orderExists(item.orderId()));
            } else {
                Optional<Member> member = found.get(item.member());
                Optional<ApiException> refused = members.refusal(item.member(), member);
                if (refused.isPresent()) {
                    results[index] = PurchaseService.Attempt.refused(item.orderId(), refused.get());
                    continue;
                }
                UUID memberId = member.get().memberId();
                PurchaseService.Earned earned = purchases.earn(item, member.get(), hash, purchasing.contains(memberId));
                purchasing.add(memberId);
                rows.add(earned.row());
                recorded.put(item.orderId(), new InBatch(hash, earned.recorded().response()));
                results[index] = new PurchaseService.Attempt(item.orderId(), earned.recorded(), null);
            }
        }
        ledger.flushCredits();
        store.insertAll(rows);
        return List.of(results);
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
