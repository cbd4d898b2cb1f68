package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Keycloak;
import io.jifen.testsupport.TestInfra;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keycloak's admin REST API, for setting up clients the product itself never creates (odd audiences, short tokens). */
final class KeycloakAdmin {

    private final Keycloak keycloak;

    KeycloakAdmin(Keycloak keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * A confidential client of realm {@code jifen} with client credentials and the given protocol mappers and
     * attributes; returns a token it obtained.
     */
    String clientToken(List<Map<String, Object>> mappers, Map<String, String> attributes) {
        String clientId = "e2e-" + UUID.randomUUID();
        String secret = UUID.randomUUID().toString();
        Map<String, Object> client = Map.of("clientId", clientId, "secret", secret, "enabled", true,
                "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false, "protocolMappers", mappers, "attributes", attributes);
        Http.Response created = Http.send(Http.request(keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/clients",
                        adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(client))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response token = Http.form(keycloak.tokenEndpoint(), Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().path("access_token").asString();
    }

    /** How many users of realm {@code jifen} have this e-mail address. */
    int usersWithEmail(String email) {
        Http.Response users = Http.get(keycloak.url() + "/admin/realms/" + Keycloak.REALM + "/users?exact=true&email="
                + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8), adminToken());
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        return users.json().size();
    }

    static Map<String, Object> audienceMapper(String audience) {
        return Map.of("name", "audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", audience, "access.token.claim", "true"));
    }

    static Map<String, Object> tenantMapper(String tenantId) {
        return Map.of("name", "tenant", "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
                "config", Map.of("claim.name", "tenant_id", "claim.value", tenantId, "jsonType.label", "String",
                        "access.token.claim", "true"));
    }

    private String adminToken() {
        Http.Response token = Http.form(keycloak.url() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", TestInfra.KEYCLOAK_ADMIN,
                        "password", TestInfra.KEYCLOAK_ADMIN_PASSWORD));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().path("access_token").asString();
    }
}
