package io.jifen.points.purchase;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Purchases from the merchant's POS, shop or app, and their refunds. */
@RestController
@Validated
@RequestMapping("/api/v1/purchases")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class PurchaseController {

    private final IdempotentRequests idempotent;
    private final PurchaseGroups groups;
    private final RefundService refunds;
    private final BatchPurchaseService batches;

    PurchaseController(IdempotentRequests idempotent, PurchaseGroups groups, RefundService refunds,
            BatchPurchaseService batches) {
        this.idempotent = idempotent;
        this.groups = groups;
        this.refunds = refunds;
        this.batches = batches;
    }

    /**
     * 201 with the points awarded; 200 with the first result when the order was already recorded. Concurrent
     * purchases of a tenant may share a transaction ({@link PurchaseGroups}); each is answered as if alone.
     */
    @PostMapping
    ResponseEntity<String> record(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Validated @RequestBody RecordPurchaseRequest request) {
        return groups.record(key, request);
    }

    /**
     * 200 with a result per purchase (recorded, duplicate, or rejected with the problem that purchase alone would
     * have got), whatever the mix: one refused purchase does not refuse the others.
     */
    @PostMapping("/batch")
    ResponseEntity<String> recordBatch(
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Validated @RequestBody RecordPurchasesRequest request) {
        return idempotent.run(key, "POST /api/v1/purchases/batch", request,
                () -> new Reply(HttpStatus.OK, batches.record(request)));
    }

    /** 201 with the points reversed; 200 with the first result when this refund id was already applied. */
    @PostMapping("/{orderId}/refunds")
    ResponseEntity<String> refund(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @PathVariable @Size(max = 128) @Pattern(regexp = "[\\x21-\\x7e]+") String orderId,
            @Validated @RequestBody RefundPurchaseRequest request) {
        return idempotent.run(key, "POST /api/v1/purchases/" + orderId + "/refunds", request, () -> {
            RefundService.Refunded refunded = refunds.refund(orderId, request);
            return Reply.of(refunded.created(), refunded.response());
        });
    }
}
