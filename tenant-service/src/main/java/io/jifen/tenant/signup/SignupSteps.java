package io.jifen.tenant.signup;

import io.jifen.events.Outbox;
import io.jifen.tenancy.TenantId;
import io.jifen.tenant.apiclient.ApiClient;
import io.jifen.tenant.apiclient.ApiClientRepository;
import io.jifen.tenant.keycloak.ProvisionedClient;
import io.jifen.tenant.plan.Plan;
import io.jifen.tenant.tenant.Tenant;
import io.jifen.tenant.tenant.TenantEvents;
import io.jifen.tenant.tenant.TenantRepository;
import io.jifen.tenant.tenant.TenantSettings;
import io.jifen.tenant.tenant.TenantSettingsRepository;
import io.jifen.tenant.tenant.TenantStatePublisher;
import io.jifen.web.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The database transactions of a signup; Keycloak is called between them, never inside one. */
@Component
class SignupSteps {

    static final String DEFAULT_CLIENT_NAME = "Default API client";
    static final String DEFAULT_CLIENT_ROLE = "tenant-admin";

    private final TenantRepository tenants;
    private final TenantSettingsRepository settings;
    private final ApiClientRepository clients;
    private final Outbox outbox;
    private final TenantStatePublisher state;

    SignupSteps(TenantRepository tenants, TenantSettingsRepository settings, ApiClientRepository clients,
            Outbox outbox, TenantStatePublisher state) {
        this.tenants = tenants;
        this.settings = settings;
        this.clients = clients;
        this.outbox = outbox;
        this.state = state;
    }

    /**
     * Claims the slug and e-mail with a {@code provisioning} row, committed before Keycloak is touched so that two
     * concurrent signups cannot both provision (the unique keys decide; {@link SignupService} maps the loser to 409).
     */
    @Transactional
    void reserve(UUID id, SignupRequest request) {
        if (tenants.existsBySlug(request.slug())) {
            throw SignupService.slugTaken();
        }
        if (tenants.existsByAdminEmail(request.email())) {
            throw SignupService.emailTaken();
        }
        tenants.saveAndFlush(new Tenant(id, request.slug(), request.name().trim(), request.email(), Plan.FREE));
    }

    @Transactional
    Tenant activate(UUID id, String adminUserId, ProvisionedClient client, SignupRequest request) {
        Tenant tenant = tenants.findById(id).orElseThrow(() -> ApiException.notFound("Tenant", id));
        tenant.activate(adminUserId);
        settings.save(new TenantSettings(id, request.currencyOrDefault(), request.timezoneOrDefault(),
                request.localeOrDefault()));
        clients.save(new ApiClient(id, client.clientId(), client.keycloakId(), DEFAULT_CLIENT_NAME,
                DEFAULT_CLIENT_ROLE));
        outbox.append(TenantEvents.REGISTERED, new TenantId(id), new TenantEvents.TenantRegistered(id,
                tenant.getSlug(), tenant.getName(), tenant.getPlanCode(), request.currencyOrDefault(),
                request.timezoneOrDefault(), request.localeOrDefault()));
        state.publishAfterCommit(tenant);
        return tenant;
    }

    /** Undoes {@link #reserve}: the row (and anything hanging off it) goes. */
    @Transactional
    void discard(UUID id) {
        tenants.findById(id).ifPresent(tenants::delete);
    }
}
