package io.jifen.tenant.tenant;

import java.util.UUID;

/**
 * Payloads of the events tenant-service publishes on {@code jifen:events:tenant-service} (types in the constants).
 * Other services react to them: points-service sets up a new tenant's default program on {@code tenant.registered}.
 */
public final class TenantEvents {

    public static final String REGISTERED = "tenant.registered";
    public static final String SUSPENDED = "tenant.suspended";
    public static final String RESUMED = "tenant.resumed";
    /** Not {@code plan_changed}: common/events' type grammar joins words with '-' (member.points-adjusted style). */
    public static final String PLAN_CHANGED = "tenant.plan-changed";
    /** The tenant's settings after a change, whole (member-service takes the time zone for birthdays from it). */
    public static final String SETTINGS_CHANGED = "tenant.settings-changed";

    private TenantEvents() {
    }

    public record TenantRegistered(UUID tenantId, String slug, String name, String plan, String currency,
            String timezone, String locale) {
    }

    public record TenantSuspended(UUID tenantId, String reason) {
    }

    public record TenantResumed(UUID tenantId) {
    }

    public record TenantPlanChanged(UUID tenantId, String previousPlan, String plan) {
    }

    public record TenantSettingsChanged(UUID tenantId, String name, String currency, String timezone, String locale,
            String pointsDisplayName, java.math.BigDecimal pointsToMoneyRatio) {
    }
}
