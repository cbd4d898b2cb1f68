package io.jifen.tenant.keycloak;

/**
 * A confidential client just created in Keycloak.
 *
 * @param keycloakId the client's internal id (what the admin API addresses it by)
 * @param clientId   what the merchant's backend sends as {@code client_id}
 * @param secret     its secret, shown to the merchant once and never stored by Jifen
 */
public record ProvisionedClient(String keycloakId, String clientId, String secret) {
}
