package io.jifen.tenancy;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import java.util.UUID;

/**
 * Base of every entity that belongs to one tenant. Hibernate's discriminator multi-tenancy does the rest: it
 * fills {@code tenant_id} on insert from the session's tenant and adds {@code tenant_id = ?} to every query,
 * load and bulk mutation of the entity, so no repository or query ever names the tenant by hand.
 * <p>
 * The table needs a {@code tenant_id uuid not null} column leading its primary and unique keys and its indexes,
 * e.g. {@code unique (tenant_id, business_id)}.
 */
@MappedSuperclass
@Access(AccessType.FIELD)
public abstract class TenantScopedEntity {

    @org.hibernate.annotations.TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    /** The owning tenant; {@code null} until the entity is first persisted. */
    public TenantId getTenantId() {
        return tenantId == null ? null : new TenantId(tenantId);
    }

    /**
     * Writing outside a tenant fails here, loudly, instead of storing the resolver's "no tenant" marker. Stamping
     * the context's tenant lets Hibernate check it against the session's and refuse a session opened for another.
     */
    @PrePersist
    void stampTenant() {
        UUID current = TenantContext.require().value();
        if (tenantId == null) {
            tenantId = current;
        } else if (!tenantId.equals(current)) {
            throw new IllegalStateException("Entity of tenant " + tenantId + " persisted while working as " + current);
        }
    }
}
