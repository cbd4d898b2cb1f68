package io.jifen.tenant.apiclient;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A tenant's confidential Keycloak client, as Jifen remembers it (its secret lives only in Keycloak). */
@Entity
@Table(name = "api_client")
public class ApiClient {

    @EmbeddedId
    private ApiClientId id;
    @Column(name = "keycloak_id")
    private String keycloakId;
    private String name;
    private String role;
    @Column(name = "created_at")
    private Instant createdAt;

    protected ApiClient() {
    }

    public ApiClient(UUID tenantId, String clientId, String keycloakId, String name, String role) {
        this.id = new ApiClientId(tenantId, clientId);
        this.keycloakId = keycloakId;
        this.name = name;
        this.role = role;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public String getClientId() {
        return id.clientId();
    }

    public String getKeycloakId() {
        return keycloakId;
    }

    public String getName() {
        return name;
    }

    public String getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
