package io.jifen.tenancy;

import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate the tenant a new session works for: the {@link TenantContext}'s.
 * <p>
 * Without a tenant it answers {@link #NO_TENANT}, the nil UUID, which no row can carry ({@link TenantId} refuses
 * it, {@link TenantScopedEntity} refuses to write without a tenant). Hibernate binds the tenant when a session
 * opens and refuses to open one for {@code null}; answering {@code null} would therefore break every session
 * opened outside a tenant, including the legitimate ones that read only global tables (tenants, plans, the outbox
 * relay, platform-admin views). With the marker those sessions work, and anything tenant-scoped they touch
 * matches no row: never everything. Reading tenant-scoped data through a Spring Data repository outside a tenant
 * does not even get that far: {@link TenantRepositoryGuard} fails it with {@link TenantContext.MissingTenantException}.
 */
public class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<Object> {

    /** The session tenant when the context has none: matches no row. */
    public static final UUID NO_TENANT = new UUID(0, 0);

    @Override
    public Object resolveCurrentTenantIdentifier() {
        return TenantContext.current().map(TenantId::value).orElse(NO_TENANT);
    }

    /** A session bound to one tenant must never be handed to code running as another. */
    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
