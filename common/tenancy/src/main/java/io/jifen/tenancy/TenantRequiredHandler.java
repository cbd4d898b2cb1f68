package io.jifen.tenancy;

import io.jifen.tenancy.TenantContext.MissingTenantException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request reached tenant-scoped code without a tenant: its token carries none (a platform admin on a tenant
 * endpoint, say). Ordered ahead of the catch-all handlers so this is a 403 with a code, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TenantRequiredHandler {

    private static final Logger log = LoggerFactory.getLogger(TenantRequiredHandler.class);

    @ExceptionHandler(MissingTenantException.class)
    ResponseEntity<ProblemDetail> tenantRequired(MissingTenantException ex) {
        log.debug("Tenant-scoped call without a tenant", ex);
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(TenantProblems.of(HttpStatus.FORBIDDEN,
                TenantProblems.TENANT_REQUIRED, "This operation needs a token scoped to exactly one tenant"));
    }
}
