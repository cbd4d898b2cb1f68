package io.jifen.gateway;

import io.jifen.infra.Keycloak;
import io.jifen.testsupport.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users, clients and realms in the test Keycloak, made through its admin REST API, and tokens for them. Each test
 * makes its own (random names), so tests never share identities.
 */
final class Identities {

    static final String PASSWORD = "Test-password-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Identities() {
    }

    static String platformAdminToken() {
        return TestInfra.accessToken(Keycloak.PLATFORM_ADMIN, TestInfra.PLATFORM_ADMIN_PASSWORD);
    }

    /** A token of a new {@code jifen} realm user whose {@code tenant_id} attribute is {@code tenantId}. */
    static String tenantUserToken(String tenantId) {
        String username = createUser(Keycloak.REALM, Map.of("tenant_id", List.of(tenantId)));
        return TestInfra.keycloak().passwordGrant(username, PASSWORD);
    }

    static String createUser(String realm, Map<String, List<String>> attributes) {
        String username = "gw-" + UUID.randomUUID().toString().substring(0, 12);
        admin("POST", "/admin/realms/" + realm + "/users", Map.of(
                "username", username, "enabled", true, "email", username + "@example.test", "emailVerified", true,
                "firstName", "Gateway", "lastName", "Test", "attributes", attributes,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        return username;
    }

    /** A public password-grant client of the {@code jifen} realm; {@code withAudience} adds {@code aud: jifen-api}. */
    static String createClient(boolean withAudience, Map<String, String> attributes) {
        String clientId = "gw-client-" + UUID.randomUUID().toString().substring(0, 8);
        admin("POST", "/admin/realms/" + Keycloak.REALM + "/clients", client(clientId, withAudience, attributes));
        return clientId;
    }

    /** A token of the {@code jifen} realm issued to {@code clientId} for a new tenant user. */
    static String token(String clientId, String tenantId) {
        String username = createUser(Keycloak.REALM, Map.of("tenant_id", List.of(tenantId)));
        return Keycloak.passwordGrant(TestInfra.keycloak().tokenEndpoint(), clientId, username, PASSWORD);
    }

    /** A token from a second realm (another issuer with its own keys) that otherwise looks like ours. */
    static String otherIssuerToken() {
        String realm = "gw-other-" + UUID.randomUUID().toString().substring(0, 8);
        admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true,
                "clients", List.of(client("jifen-cli", true, Map.of()))));
        String username = createUser(realm, Map.of());
        String tokenUrl = TestInfra.keycloak().url() + "/realms/" + realm + "/protocol/openid-connect/token";
        return Keycloak.passwordGrant(tokenUrl, "jifen-cli", username, PASSWORD);
    }

    private static Map<String, Object> client(String clientId, boolean withAudience, Map<String, String> attributes) {
        List<Map<String, Object>> mappers = withAudience ? List.of(Map.of("name", "jifen-api audience",
                "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", "jifen-api", "access.token.claim", "true"))) : List.of();
        return Map.of("clientId", clientId, "enabled", true, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "attributes", attributes,
                "protocolMappers", mappers);
    }

    private static void admin(String method, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestInfra.keycloak().url() + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(TestInfra.KEYCLOAK_ADMIN)
                + "&password=" + encode(TestInfra.KEYCLOAK_ADMIN_PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(TestInfra.keycloak().url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin login failed: " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
