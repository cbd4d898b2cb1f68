package io.jifen.points.ledger;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Manual corrections of a member's points: tenant admins only. */
@RestController
@PreAuthorize("hasRole('tenant-admin')")
class AdjustmentController {

    private final IdempotentRequests idempotent;
    private final AdjustmentService adjustments;

    AdjustmentController(IdempotentRequests idempotent, AdjustmentService adjustments) {
        this.idempotent = idempotent;
        this.adjustments = adjustments;
    }

    @PostMapping("/api/v1/points/adjustments")
    ResponseEntity<String> adjust(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody AdjustPointsRequest request) {
        return idempotent.run(key, "POST /api/v1/points/adjustments", request,
                () -> new Reply(HttpStatus.CREATED, adjustments.adjust(request)));
    }
}
