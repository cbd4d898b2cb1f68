package io.jifen.tenant.admin;

import io.jifen.events.Outbox;
import io.jifen.tenancy.TenantId;
import io.jifen.tenant.plan.PlanRepository;
import io.jifen.tenant.tenant.Tenant;
import io.jifen.tenant.tenant.TenantEvents;
import io.jifen.tenant.tenant.TenantRepository;
import io.jifen.tenant.tenant.TenantStatePublisher;
import io.jifen.tenant.tenant.TenantStatus;
import io.jifen.web.ApiException;
import io.jifen.web.ProblemExceptionHandler.FieldError;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Platform-admin changes to one tenant. Each committed change publishes the Redis state hash at once (the gateway
 * sees a suspension within its 5 s cache) and emits an event; repeating a change is a no-op without an event.
 */
@Service
class AdminTenantService {

    private final TenantRepository tenants;
    private final PlanRepository plans;
    private final Outbox outbox;
    private final TenantStatePublisher state;
    private final TenantViews views;

    AdminTenantService(TenantRepository tenants, PlanRepository plans, Outbox outbox, TenantStatePublisher state,
            TenantViews views) {
        this.tenants = tenants;
        this.plans = plans;
        this.outbox = outbox;
        this.state = state;
        this.views = views;
    }

    @Transactional
    AdminTenantResponse suspend(UUID id, String reason) {
        Tenant tenant = established(id);
        if (tenant.suspend(reason.trim())) {
            outbox.append(TenantEvents.SUSPENDED, new TenantId(id), new TenantEvents.TenantSuspended(id, reason));
            state.publishAfterCommit(tenant);
        }
        return views.one(tenant);
    }

    @Transactional
    AdminTenantResponse resume(UUID id) {
        Tenant tenant = established(id);
        if (tenant.resume()) {
            outbox.append(TenantEvents.RESUMED, new TenantId(id), new TenantEvents.TenantResumed(id));
            state.publishAfterCommit(tenant);
        }
        return views.one(tenant);
    }

    @Transactional
    AdminTenantResponse changePlan(UUID id, String plan) {
        if (!plans.existsById(plan)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Unknown plan '" + plan + "'",
                    Map.of("errors", List.of(new FieldError("plan", "must be one of " + planCodes()))));
        }
        Tenant tenant = established(id);
        String previous = tenant.getPlanCode();
        if (tenant.changePlan(plan)) {
            outbox.append(TenantEvents.PLAN_CHANGED, new TenantId(id),
                    new TenantEvents.TenantPlanChanged(id, previous, plan));
            state.publishAfterCommit(tenant);
        }
        return views.one(tenant);
    }

    /** A tenant still provisioning (or whose signup failed) is not there yet for admins to act on. */
    private Tenant established(UUID id) {
        return tenants.findById(id)
                .filter(tenant -> tenant.getStatus() != TenantStatus.PROVISIONING)
                .orElseThrow(() -> ApiException.notFound("Tenant", id));
    }

    private List<String> planCodes() {
        return plans.findAll().stream().map(p -> p.getCode()).sorted().toList();
    }
}
