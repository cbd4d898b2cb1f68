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

/** Points given by one member to another, when the tenant allows it. */
@RestController
@PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
class TransferController {

    private final IdempotentRequests idempotent;
    private final TransferService transfers;

    TransferController(IdempotentRequests idempotent, TransferService transfers) {
        this.idempotent = idempotent;
        this.transfers = transfers;
    }

    @PostMapping("/api/v1/points/transfers")
    ResponseEntity<String> transfer(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody TransferPointsRequest request) {
        return idempotent.run(key, "POST /api/v1/points/transfers", request,
                () -> new Reply(HttpStatus.CREATED, transfers.transfer(request)));
    }
}
