package io.jifen.tenant.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A merchant. A global row (no {@code @TenantId}): platform admins list tenants, and a tenant's own endpoints look
 * up only the row whose id is the token's tenant.
 */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private UUID id;
    private String slug;
    private String name;
    @Column(name = "admin_email")
    private String adminEmail;
    @Column(name = "admin_user_id")
    private String adminUserId;
    private TenantStatus status;
    @Column(name = "plan_code")
    private String planCode;
    @Column(name = "suspended_reason")
    private String suspendedReason;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Tenant() {
    }

    public Tenant(UUID id, String slug, String name, String adminEmail, String planCode) {
        this.id = id;
        this.slug = slug;
        this.name = name;
        this.adminEmail = adminEmail;
        this.planCode = planCode;
        this.status = TenantStatus.PROVISIONING;
        this.createdAt = now();
        this.updatedAt = createdAt;
    }

    public void activate(String adminUserId) {
        this.adminUserId = adminUserId;
        this.status = TenantStatus.ACTIVE;
        touch();
    }

    /** @return whether anything changed (suspending a suspended tenant is a no-op) */
    public boolean suspend(String reason) {
        if (status != TenantStatus.ACTIVE) {
            return false;
        }
        status = TenantStatus.SUSPENDED;
        suspendedReason = reason;
        touch();
        return true;
    }

    public boolean resume() {
        if (status != TenantStatus.SUSPENDED) {
            return false;
        }
        status = TenantStatus.ACTIVE;
        suspendedReason = null;
        touch();
        return true;
    }

    public boolean changePlan(String newPlanCode) {
        if (planCode.equals(newPlanCode)) {
            return false;
        }
        planCode = newPlanCode;
        touch();
        return true;
    }

    public void rename(String newName) {
        name = newName;
        touch();
    }

    /** Any change of the tenant moves this forward: the Redis state hash keeps only the newest version. */
    public void touch() {
        Instant next = now();
        updatedAt = next.isAfter(updatedAt) ? next : updatedAt.plus(1, ChronoUnit.MICROS);
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds: truncating keeps the in-memory value equal to the stored one.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public UUID getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getName() {
        return name;
    }

    public String getAdminEmail() {
        return adminEmail;
    }

    public TenantStatus getStatus() {
        return status;
    }

    public String getPlanCode() {
        return planCode;
    }

    public String getSuspendedReason() {
        return suspendedReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
