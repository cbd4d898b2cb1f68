package io.jifen.tenant.usage;

import io.jifen.tenancy.RedisKeys;
import io.jifen.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads today's API call counts, which the gateway increments in {@code t:{<tenantId>}:calls:<yyyyMMdd>} (UTC day,
 * docs/adr/0005). Best effort like the counting: Redis down means unknown ({@code null}), not zero.
 */
@Component
public class ApiCallCounter {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final StringRedisTemplate redis;
    private final Clock clock;

    ApiCallCounter(StringRedisTemplate redis) {
        this.redis = redis;
        this.clock = Clock.systemUTC();
    }

    public static String key(UUID tenantId, LocalDate day) {
        return RedisKeys.forTenant(new TenantId(tenantId), "calls", DAY.format(day));
    }

    /** Today's count per tenant; a tenant absent from the map has an unknown count (Redis unreachable). */
    public Map<UUID, Long> today(List<UUID> tenantIds) {
        Map<UUID, Long> counts = new HashMap<>();
        if (tenantIds.isEmpty()) {
            return counts;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try {
            List<String> values = redis.opsForValue().multiGet(tenantIds.stream().map(id -> key(id, today)).toList());
            for (int i = 0; i < tenantIds.size(); i++) {
                String value = values == null ? null : values.get(i);
                counts.put(tenantIds.get(i), value == null ? 0L : Long.parseLong(value));
            }
        } catch (DataAccessException e) {
            return Map.of();
        }
        return counts;
    }
}
