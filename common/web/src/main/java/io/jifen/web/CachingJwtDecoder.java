package io.jifen.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens the wrapped decoder accepted, so a client reusing its access token (a POS sends the same one for
 * minutes) has its signature checked once, not on every call: the RSA check and the JSON parsing were the largest
 * part of a balance read's CPU. The key is the whole compact token, signature included, so a tampered or re-signed
 * token is a different key and goes to the decoder. An entry serves only until the token's {@code exp}; from then on
 * every call goes to the decoder again, whose own validators (clock skew included) decide, exactly as without the
 * cache. Failures are never cached. Bounded: when full, it is cleared (a burst of decodes, never a wrong answer).
 */
public final class CachingJwtDecoder implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Map<String, Jwt> accepted = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = accepted.get(token);
        Instant now = clock.instant();
        if (cached != null && servable(cached, now)) {
            return cached;
        }
        if (cached != null) {
            accepted.remove(token);
        }
        Jwt jwt = delegate.decode(token);
        if (servable(jwt, now)) {
            if (accepted.size() >= MAX_TOKENS) {
                accepted.clear();
            }
            accepted.put(token, jwt);
        }
        return jwt;
    }

    /** Only tokens with an expiry are remembered, and only before it. */
    static boolean servable(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt());
    }
}
