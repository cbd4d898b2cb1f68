package io.jifen.tenant.admin;

import io.jifen.tenancy.AllTenants;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.tenant.tenant.TenantStatus;
import io.jifen.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Platform admins over all tenants; the one place that names a tenant in the path instead of taking the token's. */
@RestController
@RequestMapping("/api/v1/admin/tenants")
@PreAuthorize("hasRole('platform-admin')")
class AdminTenantController {

    private final TenantViews views;
    private final AdminTenantService service;

    AdminTenantController(TenantViews views, AdminTenantService service) {
        this.views = views;
        this.service = service;
    }

    /** @param q text searched in names and slugs */
    @GetMapping
    AdminTenantPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String plan,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        // The one view across tenants: row security lets it read every tenant's usage.
        return AllTenants.call(() -> views.search(new TenantSearch(status(status), plan, q), page, size));
    }

    @GetMapping("/{id}")
    AdminTenantResponse get(@PathVariable UUID id) {
        return TenantContext.supplyAs(new TenantId(id), () -> views.one(id));
    }

    @PostMapping("/{id}/suspend")
    AdminTenantResponse suspend(@PathVariable UUID id, @Valid @RequestBody SuspendTenantRequest request) {
        return TenantContext.supplyAs(new TenantId(id), () -> service.suspend(id, request.reason()));
    }

    @PostMapping("/{id}/resume")
    AdminTenantResponse resume(@PathVariable UUID id) {
        return TenantContext.supplyAs(new TenantId(id), () -> service.resume(id));
    }

    @PutMapping("/{id}/plan")
    AdminTenantResponse changePlan(@PathVariable UUID id, @Valid @RequestBody ChangePlanRequest request) {
        return TenantContext.supplyAs(new TenantId(id), () -> service.changePlan(id, request.plan()));
    }

    private static TenantStatus status(String status) {
        try {
            return status == null || status.isBlank() ? null : TenantStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_parameter",
                    "Parameter 'status' must be one of provisioning, active, suspended");
        }
    }
}
