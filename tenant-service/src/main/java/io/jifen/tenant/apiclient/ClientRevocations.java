package io.jifen.tenant.apiclient;

import io.jifen.tenancy.RedisKeys;
import io.jifen.tenancy.TenantId;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code t:{<tenantId>}:revoked-clients}: client ids deleted lately, for the gateway to refuse their still-valid
 * access tokens. Keycloak issues no new token for a deleted client, and an access token lives at most 5 minutes
 * (realm setting), so the set only needs to outlive that: it expires 10 minutes after the last revocation.
 */
@Component
class ClientRevocations {

    private static final Logger log = LoggerFactory.getLogger(ClientRevocations.class);
    static final Duration TTL = Duration.ofMinutes(10);

    private final StringRedisTemplate redis;

    ClientRevocations(StringRedisTemplate redis) {
        this.redis = redis;
    }

    static String key(TenantId tenant) {
        return RedisKeys.forTenant(tenant, "revoked-clients");
    }

    void revoke(TenantId tenant, String clientId) {
        try {
            redis.opsForSet().add(key(tenant), clientId);
            redis.expire(key(tenant), TTL);
        } catch (DataAccessException e) {
            // Best effort: the client is gone from Keycloak; its tokens expire within 5 minutes regardless.
            log.warn("Could not record the revocation of client {} in Redis: {}", clientId, e.getMessage());
        }
    }
}
