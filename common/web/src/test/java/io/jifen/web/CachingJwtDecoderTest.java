package io.jifen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.testsupport.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final List<String> decoded = new ArrayList<>();

    @Test
    void shouldCheckATokenOnceWhileItIsUnexpired() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(decoderExpiringAt(NOW.plusSeconds(300)), clockAt(NOW));

        Jwt first = decoder.decode("token-a");
        Jwt second = decoder.decode("token-a");

        assertThat(second).isSameAs(first);
        assertThat(decoded).containsExactly("token-a");
    }

    @Test
    void shouldAskTheDecoderAgainOnceTheTokenHasExpired() {
        MovableClock clock = new MovableClock(NOW);
        CachingJwtDecoder decoder = new CachingJwtDecoder(decoderExpiringAt(NOW.plusSeconds(60)), clock);
        decoder.decode("token-a");

        clock.now = NOW.plusSeconds(60);
        decoder.decode("token-a");
        decoder.decode("token-a");

        assertThat(decoded).containsExactly("token-a", "token-a", "token-a");
    }

    @Test
    void shouldNeverRememberARefusedToken() {
        JwtDecoder refusing = token -> {
            decoded.add(token);
            throw new BadJwtException("bad signature");
        };
        CachingJwtDecoder decoder = new CachingJwtDecoder(refusing, clockAt(NOW));

        assertThatThrownBy(() -> decoder.decode("tampered")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("tampered")).isInstanceOf(BadJwtException.class);
        assertThat(decoded).containsExactly("tampered", "tampered");
    }

    @Test
    void shouldKeepDistinctTokensApart() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(decoderExpiringAt(NOW.plusSeconds(300)), clockAt(NOW));

        assertThat(decoder.decode("token-a").getTokenValue()).isEqualTo("token-a");
        assertThat(decoder.decode("token-b").getTokenValue()).isEqualTo("token-b");
        assertThat(decoded).containsExactly("token-a", "token-b");
    }

    private JwtDecoder decoderExpiringAt(Instant expiresAt) {
        return token -> {
            decoded.add(token);
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("client")
                    .issuedAt(NOW.minus(Duration.ofSeconds(1))).expiresAt(expiresAt).build();
        };
    }

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
