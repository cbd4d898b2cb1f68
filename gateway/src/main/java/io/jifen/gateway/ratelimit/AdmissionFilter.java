package io.jifen.gateway.ratelimit;

import io.jifen.gateway.problem.ProblemResponses;
import io.jifen.gateway.security.TenantClaims;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Admits each routed call: a suspended tenant gets 403 {@code tenant_suspended}, a caller over its rate 429
 * {@code rate_limited} with {@code Retry-After}; every answer carries {@code X-RateLimit-Remaining}. Tenants are
 * limited per tenant (all their users and clients together), tokens without a tenant per user, anonymous calls
 * (signup) per client address. Runs before the route filters, so a refused call never reaches a service.
 */
@Component
class AdmissionFilter implements GlobalFilter, Ordered {

    static final String REMAINING = Decision.REMAINING;

    private final Admissions admissions;
    private final ProblemResponses problems;
    private final RateLimitProperties properties;

    AdmissionFilter(Admissions admissions, ProblemResponses problems, RateLimitProperties properties) {
        this.admissions = admissions;
        this.problems = problems;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        // Optional, not an empty Mono: the chain's own Mono<Void> is empty too and must not look like "no caller".
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(caller(principal)))
                .switchIfEmpty(Mono.defer(() -> Mono.justOrEmpty(anonymous(exchange))))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isPresent() ? admit(caller.get(), exchange, chain) : chain.filter(exchange));
    }

    private Mono<Void> admit(Caller caller, ServerWebExchange exchange, GatewayFilterChain chain) {
        return admissions.admit(caller).flatMap(decision -> {
            exchange.getResponse().getHeaders().set(REMAINING, Long.toString(decision.remaining()));
            Decision.Refusal refusal = decision.refusal();
            if (refusal == null) {
                return chain.filter(exchange);
            }
            return problems.write(exchange, refusal.status(), refusal.code(), refusal.detail(), headers -> {
                if (refusal.header() != null) {
                    headers.set(refusal.header(), refusal.headerValue());
                }
            });
        });
    }

    private Optional<Caller> caller(Principal principal) {
        if (!(principal instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        Jwt jwt = token.getToken();
        return Optional.of(TenantClaims.tenantOf(jwt)
                .map(tenant -> Caller.tenant(tenant, jwt.getClaimAsString("azp"), properties.tenantDefault()))
                .orElseGet(() -> Caller.user(jwt.getSubject(), properties.tenantless())));
    }

    /** Anonymous API calls (only signup passes security) are limited per address; API documents are not. */
    private Optional<Caller> anonymous(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (!exchange.getRequest().getPath().value().startsWith("/api/") || remote == null) {
            return Optional.empty();
        }
        return Optional.of(Caller.anonymous(remote.getAddress().getHostAddress(), properties.anonymous()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
