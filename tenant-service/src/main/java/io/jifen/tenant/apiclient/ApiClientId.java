package io.jifen.tenant.apiclient;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/** An API client's key: the tenant first, so every lookup names the owner and another tenant's client is not found. */
@Embeddable
public record ApiClientId(@Column(name = "tenant_id") UUID tenantId, @Column(name = "client_id") String clientId) {
}
