package io.jifen.gateway.security;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;

/**
 * The token checks: signature by the issuer's published keys (which also refuses {@code alg=none}, a tampered
 * payload and unknown keys), then expiry, issuer, audience and the tenant claim. The issuer's metadata is fetched
 * on the first token, not at start, so the gateway comes up while Keycloak is still starting; a failed fetch is
 * retried on the next token. A token that passed is remembered until it expires ({@link CachingReactiveJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenProperties properties) {
        OAuth2TokenValidator<Jwt> validator = validator(properties);
        return new CachingReactiveJwtDecoder(new SupplierReactiveJwtDecoder(() -> {
            ReactiveJwtDecoder decoder = ReactiveJwtDecoders.fromIssuerLocation(properties.issuerUri());
            if (!(decoder instanceof NimbusReactiveJwtDecoder nimbus)) {
                throw new IllegalStateException("Cannot set the token validators on " + decoder.getClass());
            }
            nimbus.setJwtValidator(validator);
            return nimbus;
        }), Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validator(TokenProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuerUri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audiences -> audiences != null && audiences.contains(properties.audience())),
                new TenantClaimValidator());
    }
}
