package io.jifen.member.tier;

import io.jifen.tenancy.AllTenants;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates tiers of the tenants whose downgrade policy is {@code scheduled}, daily, in batches (keyset paging by
 * member id, one transaction per batch), so a million members never sit in one transaction. Idempotent: a second run
 * finds nobody due. Two instances running at once collide only on members' versions: the losing batch rolls back and
 * is picked up by the next run.
 */
@Component
class TierDowngradeJob {

    private static final Logger log = LoggerFactory.getLogger(TierDowngradeJob.class);
    // PostgreSQL orders uuids as unsigned bytes: the nil uuid comes first.
    private static final UUID FIRST = new UUID(0L, 0L);

    private final JdbcTemplate jdbc;
    private final TierReevaluation reevaluation;
    private final int batchSize;

    TierDowngradeJob(JdbcTemplate jdbc, TierReevaluation reevaluation,
            @Value("${jifen.member.tier-reevaluation.batch-size:500}") int batchSize) {
        this.jdbc = jdbc;
        this.reevaluation = reevaluation;
        this.batchSize = batchSize;
    }

    @Scheduled(cron = "${jifen.member.tier-reevaluation.cron:0 30 3 * * *}", zone = "UTC")
    void run() {
        runOnce(Instant.now());
    }

    /** Re-evaluates every tenant with a scheduled policy as of {@code now}. */
    void runOnce(Instant now) {
        List<UUID> tenants = AllTenants.call(() -> jdbc.queryForList("""
                select tenant_id from tier_ladder
                where ladder -> 'qualification' ->> 'downgradePolicy' = 'scheduled'""", UUID.class));
        for (UUID tenant : tenants) {
            try {
                TenantContext.runAs(new TenantId(tenant), () -> runTenant(now));
            } catch (RuntimeException e) {
                log.warn("Tier re-evaluation of tenant {} stopped; the next run continues", tenant, e);
            }
        }
    }

    private void runTenant(Instant now) {
        UUID after = FIRST;
        while (after != null) {
            after = reevaluation.batch(after, now, batchSize);
        }
    }
}
