package io.jifen.gateway.security;

import io.jifen.gateway.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as a problem document plus the RFC 6750 {@code WWW-Authenticate} challenge. The detail stays generic: why a
 * token failed (which key, which claim value) helps an attacker more than a client. The one exception is an
 * unusable tenant claim, which gets its own contract code ({@code invalid_tenant_claim}).
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemResponses problems;

    ProblemAuthenticationEntryPoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean tokenSent = ex instanceof InvalidBearerTokenException
                || exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        String challenge = tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer";
        if (invalidTenantClaim(ex)) {
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "invalid_tenant_claim",
                    "The token's tenant_id claim must name exactly one tenant", h -> h.set("WWW-Authenticate",
                            challenge + ", error_description=\"The tenant_id claim is invalid\""));
        }
        String detail = tokenSent ? "The bearer token is invalid, expired or not meant for this API"
                : "A valid bearer token is required";
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", detail,
                h -> h.set("WWW-Authenticate", challenge));
    }

    private static boolean invalidTenantClaim(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid && invalid.getErrors().stream()
                    .anyMatch(error -> TenantClaimValidator.ERROR_CODE.equals(error.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }
}
