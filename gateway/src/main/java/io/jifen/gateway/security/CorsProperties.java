package io.jifen.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call the API (e.g. the web console). None by default: a browser page elsewhere cannot
 * use a stolen token through CORS, and machine clients do not need CORS at all.
 */
@ConfigurationProperties("jifen.gateway.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"}) List<String> allowedHeaders,
        @DefaultValue({"X-Request-Id", "Retry-After", "X-RateLimit-Remaining", "Location"}) List<String> exposedHeaders,
        @DefaultValue("30m") Duration maxAge) {
}
