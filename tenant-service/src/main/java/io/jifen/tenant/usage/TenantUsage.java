package io.jifen.tenant.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** Members and outstanding points of a tenant, projected from other services' events (read-only here). */
@Entity
@Table(name = "tenant_usage")
public class TenantUsage {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(name = "member_count")
    private long memberCount;
    @Column(name = "points_liability")
    private long pointsLiability;

    protected TenantUsage() {
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public long getMemberCount() {
        return memberCount;
    }

    public long getPointsLiability() {
        return pointsLiability;
    }
}
