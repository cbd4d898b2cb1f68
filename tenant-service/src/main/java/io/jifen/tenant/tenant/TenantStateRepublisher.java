package io.jifen.tenant.tenant;

import io.jifen.tenant.plan.Plan;
import io.jifen.tenant.plan.PlanRepository;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-publishes every tenant's state hash at start and then periodically (docs/adr/0005), so a Redis that lost its
 * data, or a write that failed, heals without anyone noticing. Every instance does it; the writes are idempotent.
 */
@Component
class TenantStateRepublisher {

    private static final Logger log = LoggerFactory.getLogger(TenantStateRepublisher.class);
    private static final int PAGE = 500;

    private final TenantRepository tenants;
    private final PlanRepository plans;
    private final TenantStatePublisher publisher;

    TenantStateRepublisher(TenantRepository tenants, PlanRepository plans, TenantStatePublisher publisher) {
        this.tenants = tenants;
        this.plans = plans;
        this.publisher = publisher;
    }

    @Scheduled(initialDelayString = "0s", fixedDelayString = "${jifen.tenant.state.republish-interval:60s}")
    void republishAll() {
        Map<String, Plan> byCode = plans.findAll().stream().collect(Collectors.toMap(Plan::getCode, Function.identity()));
        int published = 0;
        Page<Tenant> page;
        int number = 0;
        do {
            page = tenants.findByStatusNot(TenantStatus.PROVISIONING,
                    PageRequest.of(number++, PAGE, Sort.by("id")));
            for (Tenant tenant : page) {
                if (!publisher.publish(tenant, byCode.get(tenant.getPlanCode()))) {
                    return; // Redis is down (the publisher said why): the next run starts over
                }
                published++;
            }
        } while (page.hasNext());
        log.debug("Re-published the state of {} tenants", published);
    }
}
