package io.jifen.points.legacy;

import io.jifen.points.idempotency.IdempotentRequests;
import io.jifen.points.idempotency.IdempotentRequests.Reply;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Migration from another loyalty system: balances (with their expiry) in bulk, tenant admins only. */
@RestController
@PreAuthorize("hasRole('tenant-admin')")
class LegacyImportController {

    static final String PATH = "/api/v1/points/imports";

    private final IdempotentRequests idempotent;
    private final LegacyBalances balances;

    LegacyImportController(IdempotentRequests idempotent, LegacyBalances balances) {
        this.idempotent = idempotent;
        this.balances = balances;
    }

    @PostMapping(PATH)
    ResponseEntity<String> importBalances(@RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody ImportBalancesRequest request, @AuthenticationPrincipal Jwt token) {
        return idempotent.run(key, "POST " + PATH, request, () -> new Reply(HttpStatus.OK,
                balances.run(request, token.getSubject(), token.getClaimAsString("azp"))));
    }
}
