package io.jifen.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits. A tenant's own come from its state hash ({@code rps}, {@code burst}); these are the fallbacks and
 * the limits of callers without a tenant.
 *
 * @param tenantDefault a tenant without a state hash: the {@code free} plan (docs/adr/0005)
 * @param tenantless a token without a tenant (platform admins), per user: high, it only stops a runaway script
 * @param anonymous calls without a token (signup), per client IP: low, signup creates Keycloak users
 * @param redisTimeout how long a call waits for Redis before the local limiter decides instead
 * @param redisRecheck after a Redis failure, how long to use the local limiter before trying Redis again
 * @param usageRetention how long the per-day API call counters live
 */
@ConfigurationProperties("jifen.gateway.rate-limit")
public record RateLimitProperties(
        Limit tenantDefault,
        Limit tenantless,
        Limit anonymous,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("2s") Duration redisRecheck,
        @DefaultValue("3d") Duration usageRetention) {

    public RateLimitProperties {
        tenantDefault = tenantDefault != null ? tenantDefault : new Limit(20, 40);
        tenantless = tenantless != null ? tenantless : new Limit(1000, 2000);
        // 5 a minute
        anonymous = anonymous != null ? anonymous : new Limit(5 / 60.0, 5);
    }
}
