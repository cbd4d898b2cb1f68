package io.jifen.testsupport;

import io.jifen.infra.Keycloak;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Users, clients and realms in the shared test Keycloak ({@link TestInfra#keycloak()}), made through its admin REST
 * API, and tokens for them. Every call makes new identities with random names, so tests never share one.
 */
public final class TestIdentities {

    public static final String PASSWORD = "Test-password-1";

    private TestIdentities() {
    }

    public static String platformAdminToken() {
        return TestInfra.accessToken(Keycloak.PLATFORM_ADMIN, TestInfra.PLATFORM_ADMIN_PASSWORD);
    }

    /** A token of a new realm user of {@code tenantId} (its {@code tenant_id} attribute) holding {@code roles}. */
    public static String tenantToken(String tenantId, String... roles) {
        String username = createUser(Keycloak.REALM, Map.of("tenant_id", List.of(tenantId)), List.of(roles));
        return TestInfra.keycloak().passwordGrant(username, PASSWORD);
    }

    /** Creates a user with password {@link #PASSWORD}, the given attributes and realm roles; returns its name. */
    public static String createUser(String realm, Map<String, List<String>> attributes, List<String> roles) {
        String username = "u-" + UUID.randomUUID().toString().substring(0, 12);
        TestHttp.Response created = admin("POST", "/admin/realms/" + realm + "/users", Map.of(
                "username", username, "enabled", true, "email", username + "@example.test", "emailVerified", true,
                "firstName", "Test", "lastName", "User", "attributes", attributes,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        String location = created.header("Location");
        String userId = location.substring(location.lastIndexOf('/') + 1);
        for (String role : roles) {
            Object representation = admin("GET", "/admin/realms/" + realm + "/roles/" + role, null).json();
            admin("POST", "/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm",
                    List.of(representation));
        }
        return username;
    }

    /** Creates a client of realm {@code jifen} from its representation; returns its {@code clientId}. */
    public static String createClient(Map<String, Object> representation) {
        admin("POST", "/admin/realms/" + Keycloak.REALM + "/clients", representation);
        return String.valueOf(representation.get("clientId"));
    }

    /** The {@code aud: jifen-api} mapper every client calling the API has (docs/adr/0005). */
    public static Map<String, Object> audienceMapper() {
        return Map.of("name", "jifen-api audience", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", "jifen-api", "access.token.claim", "true"));
    }

    /** Keycloak's admin REST API as the master admin; fails on any non-2xx answer. */
    public static TestHttp.Response admin(String method, String path, Object body) {
        var request = TestHttp.request(TestInfra.keycloak().url() + path, adminToken())
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : TestHttp.json(body));
        TestHttp.Response response = TestHttp.send(request);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + response.status() + " " + response.body());
        }
        return response;
    }

    /** How many users of realm {@code jifen} have this e-mail address. */
    public static int usersWithEmail(String email) {
        return admin("GET", "/admin/realms/" + Keycloak.REALM + "/users?exact=true&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8), null).json().size();
    }

    private static String adminToken() {
        TestHttp.Response token = TestHttp.form(TestInfra.keycloak().url()
                        + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", TestInfra.KEYCLOAK_ADMIN,
                        "password", TestInfra.KEYCLOAK_ADMIN_PASSWORD));
        if (token.status() != 200) {
            throw new IllegalStateException("Keycloak admin login failed: " + token.status() + " " + token.body());
        }
        return token.json().path("access_token").asString();
    }
}
