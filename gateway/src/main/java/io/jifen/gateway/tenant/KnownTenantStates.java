package io.jifen.gateway.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The last state each tenant had in Redis, as seen by this instance. While Redis answers, the state is read on
 * every call (in the same script as the rate limit, so it is never stale); this copy only serves while Redis does
 * not: a suspended tenant stays suspended and a tenant keeps its plan's limits through an outage. A tenant this
 * instance never saw falls back to the free plan, as when its hash is missing.
 */
@Component
public class KnownTenantStates {

    private final Cache<String, TenantState> states = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofHours(6))
            .build();

    public void remember(String tenantId, TenantState state) {
        states.put(tenantId, state);
    }

    public Optional<TenantState> lastKnown(String tenantId) {
        return Optional.ofNullable(states.getIfPresent(tenantId));
    }
}
