package io.jifen.tenant.admin;

import io.jifen.tenant.tenant.Tenant;
import io.jifen.tenant.usage.TenantUsage;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as platform admins see it, with its usage.
 *
 * @param apiCallsToday   calls through the gateway this UTC day; {@code null} when Redis cannot say
 * @param pointsLiability points earned and not yet redeemed, expired or reversed
 */
record AdminTenantResponse(UUID id, String slug, String name, String status, String plan, String adminEmail,
        String suspendedReason, Instant createdAt, long memberCount, Long apiCallsToday, long pointsLiability) {

    static AdminTenantResponse of(Tenant tenant, TenantUsage usage, Long apiCallsToday) {
        return new AdminTenantResponse(tenant.getId(), tenant.getSlug(), tenant.getName(), tenant.getStatus().code(),
                tenant.getPlanCode(), tenant.getAdminEmail(), tenant.getSuspendedReason(), tenant.getCreatedAt(),
                usage == null ? 0 : usage.getMemberCount(), apiCallsToday,
                usage == null ? 0 : usage.getPointsLiability());
    }
}
