package io.jifen.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.testsupport.MovableClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class CachingReactiveJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final List<String> decoded = new ArrayList<>();

    @Test
    void shouldCheckATokenOnceWhileItIsUnexpired() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(expiringAt(NOW.plusSeconds(300)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        Jwt first = decoder.decode("token-a").block();
        Jwt second = decoder.decode("token-a").block();

        assertThat(second).isSameAs(first);
        assertThat(decoded).containsExactly("token-a");
    }

    @Test
    void shouldAskTheDecoderEveryTimeForAnExpiredToken() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(expiringAt(NOW),
                Clock.fixed(NOW, ZoneOffset.UTC));

        decoder.decode("token-a").block();
        decoder.decode("token-a").block();

        assertThat(decoded).containsExactly("token-a", "token-a");
    }

    @Test
    void shouldNeverRememberARefusedToken() {
        ReactiveJwtDecoder refusing = token -> Mono.defer(() -> {
            decoded.add(token);
            return Mono.error(new BadJwtException("bad signature"));
        });
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(refusing, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> decoder.decode("tampered").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("tampered").block()).isInstanceOf(BadJwtException.class);
        assertThat(decoded).containsExactly("tampered", "tampered");
    }

    @Test
    void shouldVouchOnlyForATokenItCheckedAndOnlyUntilItExpires() {
        MovableClock clock = new MovableClock(NOW);
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(expiringAt(NOW.plusSeconds(300)), clock);
        assertThat(decoder.checked("token-a")).as("never decoded").isNull();

        Jwt jwt = decoder.decode("token-a").block();

        assertThat(decoder.checked("token-a")).isSameAs(jwt);
        assertThat(decoder.checked("token-b")).isNull();
        clock.now = NOW.plusSeconds(300);
        assertThat(decoder.checked("token-a")).as("expired").isNull();
        assertThat(decoded).containsExactly("token-a");
    }

    private ReactiveJwtDecoder expiringAt(Instant expiresAt) {
        return token -> Mono.fromSupplier(() -> {
            decoded.add(token);
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("client").issuedAt(NOW.minusSeconds(1))
                    .expiresAt(expiresAt).build();
        });
    }
}
