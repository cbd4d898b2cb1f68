package io.jifen.tenant.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as its own admins see it.
 *
 * @param pointsToMoneyRatio points that offset one unit of {@code currency} (100 = 100 points per 1 CNY)
 */
public record TenantResponse(UUID id, String slug, String name, String status, String plan, String currency,
        String timezone, String locale, String pointsDisplayName, BigDecimal pointsToMoneyRatio, Instant createdAt) {

    public static TenantResponse of(Tenant tenant, TenantSettings settings) {
        return new TenantResponse(tenant.getId(), tenant.getSlug(), tenant.getName(), tenant.getStatus().code(),
                tenant.getPlanCode(), settings.getCurrency(), settings.getTimezone(), settings.getLocale(),
                settings.getPointsDisplayName(), plain(settings.getPointsToMoneyRatio()),
                tenant.getCreatedAt());
    }

    /** 100, not 1E+2: stripping zeros alone would make Jackson write an exponent. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
