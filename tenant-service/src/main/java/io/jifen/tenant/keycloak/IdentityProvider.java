package io.jifen.tenant.keycloak;

import io.jifen.web.ApiException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tenant users and API clients in Keycloak, through keycloak-admin-client. Every failure becomes an
 * {@link ApiException}: unreachable or failing Keycloak → 503 {@code identity_provider_unavailable}; a username that
 * exists → 409 {@code email_taken}; any other refusal → 502 {@code provisioning_failed}. Callers compensate.
 */
@Component
public class IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(IdentityProvider.class);

    private final Keycloak keycloak;
    private final String realm;

    IdentityProvider(Keycloak keycloak, KeycloakProperties properties) {
        this.keycloak = keycloak;
        this.realm = properties.realm();
    }

    /** Creates the tenant's admin user (username = e-mail) with realm role {@code tenant-admin}; returns its id. */
    public String createTenantAdmin(UUID tenantId, String slug, String email, String password) {
        String userId = call("create user " + email, () -> {
            try (Response response = realm().users().create(ClientTemplates.tenantAdmin(tenantId, slug, email,
                    password))) {
                if (response.getStatus() == HttpStatus.CONFLICT.value()) {
                    throw ApiException.conflict("email_taken", "An account with this e-mail already exists");
                }
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
        try {
            call("grant tenant-admin to " + email, () -> {
                realm().users().get(userId).roles().realmLevel().add(List.of(role("tenant-admin")));
                return null;
            });
        } catch (RuntimeException e) {
            deleteUser(userId);
            throw e;
        }
        return userId;
    }

    /**
     * Creates a confidential client for the tenant's backend whose tokens carry {@code tenant_id}, audience
     * {@code jifen-api} and {@code roles}, gives its service account {@code role}, and reads its secret. A failure
     * after the client exists deletes it again, so the caller only has to undo what it made itself.
     */
    public ProvisionedClient createApiClient(UUID tenantId, String clientId, String name, String role) {
        String id = call("create client " + clientId, () -> {
            try (Response response = realm().clients().create(ClientTemplates.apiClient(tenantId, clientId, name))) {
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
        try {
            return call("configure client " + clientId, () -> {
                var client = realm().clients().get(id);
                String serviceAccount = client.getServiceAccountUser().getId();
                realm().users().get(serviceAccount).roles().realmLevel().add(List.of(role(role)));
                return new ProvisionedClient(id, clientId, client.getSecret().getValue());
            });
        } catch (RuntimeException e) {
            deleteClient(id);
            throw e;
        }
    }

    /** Deletes a user; one already gone is fine (compensation may run twice). */
    public void deleteUser(String userId) {
        call("delete user " + userId, () -> {
            try (Response response = realm().users().delete(userId)) {
                requireDeleted(response);
            }
            return null;
        });
    }

    /** Deletes a client, which also ends its service account: no new token can be issued for it. */
    public void deleteClient(String keycloakId) {
        call("delete client " + keycloakId, () -> {
            try {
                realm().clients().get(keycloakId).remove();
            } catch (NotFoundException e) {
                // already gone
            }
            return null;
        });
    }

    /**
     * Removes whatever a signup that never finished may have left for this tenant: users carrying its
     * {@code tenant_id} attribute (found by the admin e-mail) and clients marked with its id. Safe to repeat.
     */
    public void removeTenantIdentities(UUID tenantId, String adminEmail, String clientId) {
        String tenant = tenantId.toString();
        List<String> users = call("find users of tenant " + tenant, () -> realm().users()
                .searchByEmail(adminEmail, true).stream()
                .filter(user -> user.getAttributes() != null
                        && user.getAttributes().getOrDefault("tenant_id", List.of()).contains(tenant))
                .map(UserRepresentation::getId).toList());
        users.forEach(this::deleteUser);
        List<String> clients = call("find clients of tenant " + tenant, () -> realm().clients()
                .findByClientId(clientId).stream()
                .filter(client -> client.getAttributes() != null
                        && tenant.equals(client.getAttributes().get(ClientTemplates.TENANT_ATTRIBUTE)))
                .map(ClientRepresentation::getId).toList());
        clients.forEach(this::deleteClient);
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private RoleRepresentation role(String name) {
        return realm().roles().get(name).toRepresentation();
    }

    private static void requireDeleted(Response response) {
        int status = response.getStatus();
        if (status != 204 && status != 404) {
            throw new WebApplicationException(response);
        }
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            throw e;
        } catch (ProcessingException e) {
            log.warn("Keycloak unreachable ({}): {}", what, e.getMessage());
            throw new IdentityProviderUnavailableException(e);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            log.warn("Keycloak refused to {}: HTTP {}", what, status);
            if (status >= 500 || status == 401 || status == 403) {
                throw new IdentityProviderUnavailableException(e); // down, or our admin account is misconfigured
            }
            throw new ApiException(HttpStatus.BAD_GATEWAY, "provisioning_failed",
                    "The identity provider refused to " + what.replaceAll(" \\S+$", "") + " (HTTP " + status + ")");
        }
    }
}
