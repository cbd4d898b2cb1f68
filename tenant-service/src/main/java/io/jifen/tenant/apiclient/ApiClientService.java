package io.jifen.tenant.apiclient;

import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import io.jifen.tenant.keycloak.IdentityProvider;
import io.jifen.tenant.keycloak.ProvisionedClient;
import io.jifen.tenant.tenant.Tenant;
import io.jifen.tenant.tenant.TenantRepository;
import io.jifen.web.ApiException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current tenant's API clients. Keycloak calls stay outside database transactions (a slow Keycloak must not hold
 * a connection and row locks), so each method orders its steps so that a failure half way leaves nothing behind.
 */
@Service
class ApiClientService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClientRepository clients;
    private final TenantRepository tenants;
    private final IdentityProvider identity;
    private final ClientRevocations revocations;
    private final TransactionTemplate transaction;

    ApiClientService(ApiClientRepository clients, TenantRepository tenants, IdentityProvider identity,
            ClientRevocations revocations, TransactionTemplate transaction) {
        this.clients = clients;
        this.tenants = tenants;
        this.identity = identity;
        this.revocations = revocations;
        this.transaction = transaction;
    }

    ApiClientCreatedResponse create(CreateApiClientRequest request) {
        TenantId tenantId = TenantContext.require();
        Tenant tenant = tenants.findById(tenantId.value())
                .orElseThrow(() -> ApiException.notFound("Tenant", tenantId));
        // Random suffix: client ids are realm-wide, and guessing one must not reveal another tenant's clients.
        String clientId = tenant.getSlug() + "-" + HexFormat.of().formatHex(randomBytes());
        ProvisionedClient created = identity.createApiClient(tenant.getId(), clientId, request.name(), request.role());
        try {
            ApiClient saved = transaction.execute(status -> clients.save(new ApiClient(tenant.getId(), clientId,
                    created.keycloakId(), request.name(), request.role())));
            return new ApiClientCreatedResponse(clientId, created.secret(), saved.getName(), saved.getRole(),
                    saved.getCreatedAt());
        } catch (RuntimeException e) {
            identity.deleteClient(created.keycloakId());
            throw e;
        }
    }

    @Transactional(readOnly = true)
    List<ApiClientResponse> list() {
        return clients.findByIdTenantIdOrderByCreatedAtAsc(TenantContext.require().value()).stream()
                .map(ApiClientResponse::of)
                .toList();
    }

    /** Keycloak first: if it is down nothing changes; if the database then fails, a retry finds the row again. */
    void delete(String clientId) {
        TenantId tenant = TenantContext.require();
        ApiClientId id = new ApiClientId(tenant.value(), clientId);
        ApiClient client = clients.findById(id).orElseThrow(() -> ApiException.notFound("API client", clientId));
        identity.deleteClient(client.getKeycloakId());
        transaction.executeWithoutResult(status -> clients.deleteById(id));
        revocations.revoke(tenant, clientId);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
