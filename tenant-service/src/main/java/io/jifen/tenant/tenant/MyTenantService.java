package io.jifen.tenant.tenant;

import io.jifen.events.Outbox;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The caller's own tenant: always the row whose id is the token's tenant, never one named in the request. */
@Service
class MyTenantService {

    private final TenantRepository tenants;
    private final TenantSettingsRepository settings;
    private final Outbox outbox;

    MyTenantService(TenantRepository tenants, TenantSettingsRepository settings, Outbox outbox) {
        this.tenants = tenants;
        this.settings = settings;
        this.outbox = outbox;
    }

    @Transactional(readOnly = true)
    TenantResponse get() {
        TenantId id = TenantContext.require();
        return TenantResponse.of(tenant(id), settings(id));
    }

    @Transactional
    TenantResponse update(UpdateTenantRequest request) {
        TenantId id = TenantContext.require();
        Tenant tenant = tenant(id);
        TenantSettings current = settings(id);
        if (request.name() != null) {
            tenant.rename(request.name().trim());
        }
        current.update(request.currency(), request.timezone(), request.locale(),
                request.pointsDisplayName() == null ? null : request.pointsDisplayName().trim(),
                request.pointsToMoneyRatio());
        outbox.append(TenantEvents.SETTINGS_CHANGED, id, new TenantEvents.TenantSettingsChanged(id.value(),
                tenant.getName(), current.getCurrency(), current.getTimezone(), current.getLocale(),
                current.getPointsDisplayName(), current.getPointsToMoneyRatio()));
        return TenantResponse.of(tenant, current);
    }

    /** A provisioning row has no token yet, so a token's tenant is always active or suspended (or unknown: 404). */
    private Tenant tenant(TenantId id) {
        return tenants.findById(id.value()).orElseThrow(() -> ApiException.notFound("Tenant", id));
    }

    private TenantSettings settings(TenantId id) {
        return settings.findById(id.value()).orElseThrow(() -> ApiException.notFound("Tenant", id));
    }
}
