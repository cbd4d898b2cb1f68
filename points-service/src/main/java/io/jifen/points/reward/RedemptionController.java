package io.jifen.points.reward;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Redemptions of rewards by members, made by the merchant's staff or backend. */
@RestController
@Validated
@RequestMapping("/api/v1/redemptions")
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class RedemptionController {

    private final IdempotentRequests idempotent;
    private final RedemptionService redemptions;
    private final RedemptionChanges changes;

    RedemptionController(IdempotentRequests idempotent, RedemptionService redemptions, RedemptionChanges changes) {
        this.idempotent = idempotent;
        this.redemptions = redemptions;
        this.changes = changes;
    }

    @PostMapping
    ResponseEntity<String> redeem(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Validated @RequestBody RedeemRewardRequest request) {
        return idempotent.run(key, "POST /api/v1/redemptions", request,
                () -> new Reply(HttpStatus.CREATED, redemptions.redeem(request)));
    }

    /** 200 with the cancelled redemption, also when it was already cancelled. */
    @PostMapping("/{id}/cancel")
    ResponseEntity<String> cancel(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @PathVariable UUID id) {
        return idempotent.run(key, "POST /api/v1/redemptions/" + id + "/cancel", Map.of(),
                () -> new Reply(HttpStatus.OK, changes.cancel(id)));
    }

    @PostMapping("/{id}/fulfilment")
    RedemptionResponse fulfil(@PathVariable UUID id, @Validated @RequestBody UpdateFulfilmentRequest request) {
        return changes.updateFulfilment(id, request);
    }

    @GetMapping("/{id}")
    RedemptionResponse get(@PathVariable UUID id) {
        return redemptions.get(id);
    }

    /** {@code status}: {@code completed} or {@code cancelled}, or a fulfilment step of goods. */
    @GetMapping
    RedemptionPage list(@RequestParam(required = false) UUID memberId,
            @RequestParam(required = false) @Pattern(regexp = "completed|cancelled|placed|shipped|delivered")
            String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return redemptions.list(memberId, status, page, size);
    }
}
