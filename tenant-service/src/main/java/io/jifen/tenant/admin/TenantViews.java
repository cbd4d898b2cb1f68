package io.jifen.tenant.admin;

import io.jifen.tenant.tenant.Tenant;
import io.jifen.tenant.tenant.TenantRepository;
import io.jifen.tenant.usage.ApiCallCounter;
import io.jifen.tenant.usage.TenantUsage;
import io.jifen.tenant.usage.TenantUsageRepository;
import io.jifen.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tenants with their usage: the projection (members, liability) joined with the gateway's call counters. */
@Component
class TenantViews {

    private final TenantRepository tenants;
    private final TenantUsageRepository usage;
    private final ApiCallCounter calls;

    TenantViews(TenantRepository tenants, TenantUsageRepository usage, ApiCallCounter calls) {
        this.tenants = tenants;
        this.usage = usage;
        this.calls = calls;
    }

    @Transactional(readOnly = true)
    AdminTenantPage search(TenantSearch filter, int page, int size) {
        Page<Tenant> found = tenants.findAll(filter.toSpecification(),
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))));
        List<UUID> ids = found.getContent().stream().map(Tenant::getId).toList();
        Map<UUID, TenantUsage> usages = usage.findAllById(ids).stream()
                .collect(Collectors.toMap(TenantUsage::getTenantId, Function.identity()));
        Map<UUID, Long> today = calls.today(ids);
        List<AdminTenantResponse> items = found.getContent().stream()
                .map(tenant -> AdminTenantResponse.of(tenant, usages.get(tenant.getId()), today.get(tenant.getId())))
                .toList();
        return new AdminTenantPage(items, page, size, found.getTotalElements(), found.getTotalPages());
    }

    @Transactional(readOnly = true)
    AdminTenantResponse one(UUID id) {
        return one(tenants.findById(id).orElseThrow(() -> ApiException.notFound("Tenant", id)));
    }

    AdminTenantResponse one(Tenant tenant) {
        return AdminTenantResponse.of(tenant, usage.findById(tenant.getId()).orElse(null),
                calls.today(List.of(tenant.getId())).get(tenant.getId()));
    }
}
