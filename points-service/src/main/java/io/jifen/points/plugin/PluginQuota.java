package io.jifen.points.plugin;

import io.jifen.tenancy.RedisKeys;
import io.jifen.tenancy.TenantId;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The tenant plan's {@code maxPlugins}, from the state hash tenant-service publishes ({@code t:{id}:state},
 * docs/adr/0005). Empty or missing means unlimited; when Redis cannot answer the check is skipped (logged): a Redis
 * outage must not stop a tenant admin from changing a channel's config.
 */
@Component
class PluginQuota {

    private static final Logger log = LoggerFactory.getLogger(PluginQuota.class);

    private final StringRedisTemplate redis;

    PluginQuota(StringRedisTemplate redis) {
        this.redis = redis;
    }

    OptionalInt maxPlugins(TenantId tenant) {
        try {
            Object value = redis.opsForHash().get(RedisKeys.forTenant(tenant, "state"), "maxPlugins");
            if (value == null || value.toString().isBlank()) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Integer.parseInt(value.toString().trim()));
        } catch (NumberFormatException e) {
            log.warn("Tenant {} has a maxPlugins that is not a number: treated as unlimited", tenant);
            return OptionalInt.empty();
        } catch (RuntimeException e) {
            log.warn("Could not read tenant {}'s plan from Redis; plugin quota not checked", tenant, e);
            return OptionalInt.empty();
        }
    }
}
