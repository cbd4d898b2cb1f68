package io.jifen.points.purchase;

import io.jifen.points.ledger.Ledger;
import io.jifen.points.member.Member;
import io.jifen.points.member.MemberRef;
import io.jifen.points.member.Members;
import io.jifen.points.purchase.BatchPurchaseResponse.Result;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a batch of purchases, each exactly as {@link PurchaseService#record} records one, all in the caller's
 * transaction (the idempotent request's: one commit for the whole batch, together with its stored reply). A purchase
 * refused for a business reason is reported, not thrown ({@link PurchaseService#attempt}: it writes nothing then), so
 * the others still record; anything else (member-service down, a deadlock) fails the batch and stores nothing of it.
 * See docs/adr/0009-bulk-purchases.md.
 * <p>
 * Locks are taken in one global order, so two batches over the same members wait for each other instead of
 * deadlocking: the members' projection rows (by reference), then the accounts of every member who may earn (by
 * member id), then the purchases sorted by member id and order id, each taking its order's lock. The answer keeps
 * request order.
 */
@Service
class BatchPurchaseService {

    private static final Comparator<MemberRef> REFERENCE_ORDER = Comparator
            .comparing(MemberRef::memberId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MemberRef::cardNumber, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MemberRef::externalId, Comparator.nullsLast(Comparator.naturalOrder()));

    private final PurchaseService purchases;
    private final Members members;
    private final Ledger ledger;

    BatchPurchaseService(PurchaseService purchases, Members members, Ledger ledger) {
        this.purchases = purchases;
        this.members = members;
        this.ledger = ledger;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public BatchPurchaseResponse record(RecordPurchasesRequest request) {
        List<RecordPurchaseRequest> items = request.purchases();
        Map<MemberRef, Optional<Member>> found = resolve(items);
        ledger.lockAll(found.values().stream().flatMap(Optional::stream)
                .filter(member -> !member.isFrozen() && !member.isClosed()).map(Member::memberId).toList());
        Result[] results = new Result[items.size()];
        for (int index : lockOrder(items, found)) {
            RecordPurchaseRequest item = items.get(index);
            PurchaseService.Attempt attempt = purchases.attempt(item, () -> found.get(item.member()));
            results[index] = attempt.refused() == null ? Result.of(attempt.recorded())
                    : Result.rejected(item.orderId(), attempt.refused());
        }
        return BatchPurchaseResponse.of(List.of(results));
    }

    /** Each distinct member reference's member (empty: nobody knows it), looked up in reference order. */
    private Map<MemberRef, Optional<Member>> resolve(List<RecordPurchaseRequest> items) {
        Map<MemberRef, Optional<Member>> found = new LinkedHashMap<>();
        items.stream().map(RecordPurchaseRequest::member).distinct().sorted(REFERENCE_ORDER)
                .forEach(ref -> found.put(ref, members.find(ref)));
        return found;
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
