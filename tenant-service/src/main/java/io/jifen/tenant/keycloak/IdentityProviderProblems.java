package io.jifen.tenant.keycloak;

import io.jifen.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 503 {@code identity_provider_unavailable} with {@code Retry-After}, which common/web's generic {@code ApiException}
 * handler cannot set (it has no headers); ahead of it for this one exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityProviderProblems {

    @ExceptionHandler(IdentityProviderUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(IdentityProviderUnavailableException e) {
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(IdentityProviderUnavailableException.RETRY_AFTER_SECONDS))
                .body(Problems.of(e.status(), e.code(), e.getMessage()));
    }
}
