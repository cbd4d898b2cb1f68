package io.jifen.tenant.signup;

import io.jifen.tenant.keycloak.IdentityProvider;
import io.jifen.tenant.tenant.Tenant;
import io.jifen.tenant.tenant.TenantRepository;
import io.jifen.tenant.tenant.TenantStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Clears signups that never finished: a {@code provisioning} row older than any signup can take (the process died
 * between reserving the slug and activating, so no compensation ran) blocks its slug and e-mail for good. The
 * Keycloak user and client such a signup may have made go first, then the row; a Keycloak that cannot be reached
 * leaves everything for the next run. Every step tolerates "already gone", so instances may run it side by side.
 */
@Component
public class AbandonedSignups {

    private static final Logger log = LoggerFactory.getLogger(AbandonedSignups.class);

    private final TenantRepository tenants;
    private final IdentityProvider identity;
    private final SignupSteps steps;
    private final Duration abandonedAfter;

    AbandonedSignups(TenantRepository tenants, IdentityProvider identity, SignupSteps steps,
            @Value("${jifen.tenant.signup.abandoned-after}") Duration abandonedAfter) {
        this.tenants = tenants;
        this.identity = identity;
        this.steps = steps;
        this.abandonedAfter = abandonedAfter;
    }

    /** @return how many abandoned signups were cleared */
    @Scheduled(initialDelayString = "${jifen.tenant.signup.cleanup-interval}",
            fixedDelayString = "${jifen.tenant.signup.cleanup-interval}")
    public int clear() {
        List<Tenant> stale = tenants.findTop50ByStatusAndCreatedAtBeforeOrderByCreatedAt(TenantStatus.PROVISIONING,
                Instant.now().minus(abandonedAfter));
        int cleared = 0;
        for (Tenant tenant : stale) {
            try {
                identity.removeTenantIdentities(tenant.getId(), tenant.getAdminEmail(),
                        SignupService.defaultClientId(tenant.getSlug()));
                steps.discard(tenant.getId());
                cleared++;
                log.info("Cleared abandoned signup of tenant {} ({})", tenant.getSlug(), tenant.getId());
            } catch (RuntimeException e) {
                log.warn("Abandoned signup of tenant {} not cleared yet: {}", tenant.getId(), e.toString());
            }
        }
        return cleared;
    }
}
