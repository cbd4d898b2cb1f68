package io.jifen.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a bearer token must satisfy at the gateway (docs/adr/0005): issued by {@code issuerUri} (its JWKS signs it),
 * not expired beyond {@code clockSkew}, and meant for {@code audience}.
 */
@ConfigurationProperties("jifen.gateway")
public record TokenProperties(
        @DefaultValue("http://127.0.0.1:8180/realms/jifen") String issuerUri,
        @DefaultValue("jifen-api") String audience,
        @DefaultValue("30s") Duration clockSkew) {
}
