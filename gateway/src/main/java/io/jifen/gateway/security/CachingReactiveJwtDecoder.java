package io.jifen.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Checks each distinct token once: a merchant backend reuses its access token for minutes, and the signature check
 * with the JSON parsing was the largest part of the gateway's CPU per call. The key is the whole compact token,
 * signature included; an entry serves only until the token's {@code exp}, after which the wrapped decoder and its
 * validators (clock skew included) decide again, as without the cache. Failures are never cached. The services do
 * the same ({@code io.jifen.web.CachingJwtDecoder}); revoked API clients are still refused on every call by the
 * admission check, which does not depend on this cache.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder, CheckedTokens {

    static final int MAX_TOKENS = 10_000;

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final Map<String, Jwt> accepted = new ConcurrentHashMap<>();

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt cached = accepted.get(token);
        if (cached != null && servable(cached, clock.instant())) {
            return Mono.just(cached);
        }
        if (cached != null) {
            accepted.remove(token);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (servable(jwt, clock.instant())) {
                if (accepted.size() >= MAX_TOKENS) {
                    accepted.clear();
                }
                accepted.put(token, jwt);
            }
        });
    }

    @Override
    public Jwt checked(String token) {
        Jwt cached = accepted.get(token);
        return cached != null && servable(cached, clock.instant()) ? cached : null;
    }

    static boolean servable(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt());
    }
}
