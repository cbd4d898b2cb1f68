package io.jifen.gateway.ratelimit;

import io.jifen.gateway.tenant.KnownTenantStates;
import io.jifen.gateway.tenant.TenantState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides whether a call may pass. Redis is the shared truth; when it fails or is slow, the local buckets decide
 * with the tenant's last known state, so limits never fail open and a suspended tenant stays suspended (a tenant
 * suspended during the outage is only refused once Redis is back: the database, not the gateway, is the truth).
 * After a failure Redis is left alone for a short while, so an outage does not add a timeout to every call.
 * Usage counting is lost during an outage, by design (docs/adr/0005).
 */
@Component
class Admissions {

    private static final Logger log = LoggerFactory.getLogger(Admissions.class);

    private final RedisAdmission redis;
    private final LocalBuckets local;
    private final KnownTenantStates states;
    private final RateLimitProperties properties;
    private volatile boolean redisDown;
    private volatile long recheckAt;

    Admissions(RedisAdmission redis, LocalBuckets local, KnownTenantStates states, RateLimitProperties properties) {
        this.redis = redis;
        this.local = local;
        this.states = states;
        this.properties = properties;
    }

    Mono<Decision> admit(Caller caller) {
        if (redisDown && System.nanoTime() - recheckAt < 0) {
            return Mono.fromSupplier(() -> locally(caller));
        }
        // Redis's command timeout (RedisTimeoutConfiguration) bounds the wait: a slow Redis is an error here.
        return redis.admit(caller)
                .map(result -> {
                    redisDown = false;
                    if (caller.hasTenant()) {
                        states.remember(caller.tenantId(), result.state());
                    }
                    return result.decision();
                })
                .onErrorResume(e -> {
                    recheckAt = System.nanoTime() + properties.redisRecheck().toNanos();
                    redisDown = true;
                    log.warn("Redis unavailable for rate limiting ({}); limiting locally for {}", e.toString(),
                            properties.redisRecheck());
                    return Mono.fromSupplier(() -> locally(caller));
                });
    }

    private Decision locally(Caller caller) {
        if (!caller.hasTenant()) {
            return local.take(caller.bucketKey(), caller.defaultLimit());
        }
        TenantState state = states.lastKnown(caller.tenantId()).orElse(null);
        if (state != null && state.suspended()) {
            return Decision.suspended();
        }
        Limit limit = state != null ? new Limit(state.rps(), state.burst()) : caller.defaultLimit();
        return local.take(caller.bucketKey(), limit);
    }
}
