package io.jifen.tenant.tenant;

import io.jifen.tenancy.RedisKeys;
import io.jifen.tenancy.TenantId;
import io.jifen.tenant.plan.Plan;
import io.jifen.tenant.plan.PlanRepository;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes {@code t:{<tenantId>}:state} (docs/adr/0005), which the gateway and the quota-enforcing services read. The
 * database is the truth: a failed write is only logged, and the periodic re-publish heals Redis within a minute.
 */
@Component
public class TenantStatePublisher {

    private static final Logger log = LoggerFactory.getLogger(TenantStatePublisher.class);

    /**
     * HSET unless the hash already holds a newer {@code updatedAt} (the last argument): a re-publish that read the
     * tenant just before a suspension must not resurrect the old state.
     */
    private static final RedisScript<Long> WRITE_IF_NEWER = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], 'updatedAt')
            if current and current > ARGV[#ARGV] then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV))
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final PlanRepository plans;

    TenantStatePublisher(StringRedisTemplate redis, PlanRepository plans) {
        this.redis = redis;
        this.plans = plans;
    }

    public static String key(TenantId tenant) {
        return RedisKeys.forTenant(tenant, "state");
    }

    /** Publishes the tenant's state once the current transaction has committed (never a state that rolled back). */
    public void publishAfterCommit(Tenant tenant) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                plans.findById(tenant.getPlanCode()).ifPresent(plan -> publish(tenant, plan));
            }
        });
    }

    /** @return whether Redis took it (false when Redis is down; the next re-publish retries) */
    public boolean publish(Tenant tenant, Plan plan) {
        if (tenant.getStatus() == TenantStatus.PROVISIONING) {
            return false; // not a tenant yet: the gateway treats an unknown tenant as free/active, and none has a token
        }
        List<String> args = new ArrayList<>();
        TenantState.of(tenant, plan).fields().forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        try {
            redis.execute(WRITE_IF_NEWER, List.of(key(new TenantId(tenant.getId()))), args.toArray());
            return true;
        } catch (DataAccessException e) {
            log.warn("Could not publish the state of tenant {} to Redis (re-published within a minute): {}",
                    tenant.getId(), e.getMessage());
            return false;
        }
    }
}
