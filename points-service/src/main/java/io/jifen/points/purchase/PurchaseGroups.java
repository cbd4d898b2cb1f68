package io.jifen.points.purchase;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Answer;
import io.jifen.points.idempotency.IdempotentRequests.Call;
import io.jifen.points.idempotency.IdempotentRequests.Outcome;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import io.jifen.points.transaction.GroupCommit;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code POST /api/v1/purchases} under load: a tenant's concurrent purchases are recorded together, many in one
 * transaction through the batch's set-based path ({@link BatchPurchaseService#recordAll}) with their
 * Idempotency-Keys ({@link IdempotentRequests#runAll}), each answered exactly as it would be alone. Fewer concurrent
 * purchases than the tenant's slots each run alone at once. A group hands its tenant's slot on just before its commit.
 * See docs/adr/0014-group-commit-of-single-purchases.md and
 * docs/adr/0030-a-group-hands-its-slot-on-before-its-commit.md.
 */
@Component
class PurchaseGroups {

    static final String OPERATION = "POST /api/v1/purchases";

    private final IdempotentRequests idempotent;
    private final PurchaseService purchases;
    private final BatchPurchaseService batches;
    private final GroupCommit<Call, Answer> groups;
    private final DistributionSummary sizes;

    PurchaseGroups(IdempotentRequests idempotent, PurchaseService purchases, BatchPurchaseService batches,
            PurchaseGroupProperties properties, MeterRegistry meters) {
        this.idempotent = idempotent;
        this.purchases = purchases;
        this.batches = batches;
        this.groups = new GroupCommit<>(properties.maxSize(), properties.maxInFlight(), Call::key, new Grouped());
        this.sizes = DistributionSummary.builder("jifen.points.purchases.group.size")
                .description("Purchases recorded by one transaction of POST /api/v1/purchases").register(meters);
        Gauge.builder("jifen.points.purchases.group.waiting", groups, GroupCommit::waiting)
                .description("Purchases waiting for a transaction slot of their tenant").register(meters);
    }

    /** 201 with the points awarded; 200 with the first result when the order was already recorded. */
    ResponseEntity<String> record(String key, RecordPurchaseRequest request) {
        TenantId tenant = TenantContext.require();
        IdempotentRequests.requireValid(key);
        Answer answer = groups.submit(tenant, new Call(key, request));
        if (answer.refused() != null) {
            throw answer.refused();
        }
        return answer.reply();
    }

    private ResponseEntity<String> alone(String key, RecordPurchaseRequest request) {
        return idempotent.run(key, OPERATION, request, () -> {
            PurchaseService.Recorded recorded = purchases.record(request);
            return Reply.of(recorded.created(), recorded.response());
        });
    }

    private final class Grouped implements GroupCommit.Work<Call, Answer> {

        @Override
        public Answer alone(Call call) {
            sizes.record(1);
            return new Answer(PurchaseGroups.this.alone(call.key(), (RecordPurchaseRequest) call.request()), null);
        }

        @Override
        public List<Answer> together(List<Call> calls, Runnable release) {
            List<Answer> answers = idempotent.runAll(OPERATION, calls, requests -> {
                // The next group may begin while this one commits: it waits for this one's locks where they meet.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCompletion() {
                        release.run();
                    }
                });
                return batches.recordAll(requests.stream().map(RecordPurchaseRequest.class::cast).toList()).stream()
                        .map(Grouped::outcome).toList();
            });
            sizes.record(calls.size());
            return answers.stream().map(answer -> answer.alone() ? null : answer).toList();
        }

        private static Outcome outcome(PurchaseService.Attempt attempt) {
            if (attempt.refused() != null) {
                return new Outcome(null, attempt.refused());
            }
            PurchaseService.Recorded recorded = attempt.recorded();
            return new Outcome(Reply.of(recorded.created(), recorded.response()), null);
        }
    }
}
