package io.jifen.tenant.signup;

import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.tenant.keycloak.IdentityProvider;
import io.jifen.tenant.keycloak.ProvisionedClient;
import io.jifen.tenant.tenant.Tenant;
import io.jifen.web.ApiException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Signup as a saga: reserve the tenant row → Keycloak admin user → Keycloak API client → activate (settings, outbox
 * event, Redis state after commit). Any failure undoes what was done, newest first, so neither Keycloak nor the
 * database keeps half a tenant. Not {@code @Transactional} itself: each step owns its transaction ({@link SignupSteps}).
 */
@Service
class SignupService {

    private static final Logger log = LoggerFactory.getLogger(SignupService.class);

    private final SignupSteps steps;
    private final IdentityProvider identity;
    private final String tokenUrl;

    SignupService(SignupSteps steps, IdentityProvider identity,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuerUri) {
        this.steps = steps;
        this.identity = identity;
        this.tokenUrl = issuerUri + "/protocol/openid-connect/token";
    }

    SignupResponse signUp(SignupRequest request) {
        UUID id = UUID.randomUUID();
        reserve(id, request);
        String adminUserId = null;
        ProvisionedClient client = null;
        try {
            adminUserId = identity.createTenantAdmin(id, request.slug(), request.email(),
                    request.adminPassword());
            client = identity.createApiClient(id, defaultClientId(request.slug()), SignupSteps.DEFAULT_CLIENT_NAME,
                    SignupSteps.DEFAULT_CLIENT_ROLE);
            // The new tenant's rows (settings, API client) are written as that tenant: row security admits no other.
            ProvisionedClient provisioned = client;
            String admin = adminUserId;
            Tenant tenant = TenantContext.supplyAs(new TenantId(id),
                    () -> steps.activate(id, admin, provisioned, request));
            log.info("Tenant {} ({}) signed up", tenant.getSlug(), id);
            return new SignupResponse(id, tenant.getSlug(), tenant.getName(), tenant.getStatus().code(),
                    tenant.getPlanCode(), new SignupResponse.ApiClientSecret(client.clientId(), client.secret()),
                    tokenUrl);
        } catch (RuntimeException e) {
            compensate(id, adminUserId, client);
            throw e;
        }
    }

    private void reserve(UUID id, SignupRequest request) {
        try {
            steps.reserve(id, request);
        } catch (DataIntegrityViolationException e) {
            // A concurrent signup won the race the existence checks could not see.
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            throw message.contains("tenant_slug_key") ? slugTaken() : emailTaken();
        }
    }

    /** Each undo step is attempted even if another fails; what cannot be undone is logged for an operator. */
    private void compensate(UUID id, String adminUserId, ProvisionedClient client) {
        if (client != null) {
            undo("delete Keycloak client " + client.clientId(), () -> identity.deleteClient(client.keycloakId()));
        }
        if (adminUserId != null) {
            undo("delete Keycloak user " + adminUserId, () -> identity.deleteUser(adminUserId));
        }
        undo("delete tenant row " + id, () -> steps.discard(id));
    }

    private static void undo(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("Signup compensation failed, an operator must {} by hand: {}", what, e.toString());
        }
    }

    /** The client id of the API client a signup creates: derived from the unique slug. */
    static String defaultClientId(String slug) {
        return slug + "-api";
    }

    static ApiException slugTaken() {
        return ApiException.conflict("slug_taken", "This slug is already taken; choose another");
    }

    static ApiException emailTaken() {
        return ApiException.conflict("email_taken", "An account with this e-mail already exists");
    }
}
