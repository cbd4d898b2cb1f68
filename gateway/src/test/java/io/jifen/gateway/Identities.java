package io.jifen.gateway;

import io.jifen.infra.Keycloak;
import io.jifen.testsupport.TestIdentities;
import io.jifen.testsupport.TestInfra;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The identities the gateway's tests need beyond {@link TestIdentities}: public clients with or without the API
 * audience, and a second realm (another issuer with its own keys).
 */
final class Identities {

    private Identities() {
    }

    static String platformAdminToken() {
        return TestIdentities.platformAdminToken();
    }

    /** A token of a new {@code jifen} realm user whose {@code tenant_id} attribute is {@code tenantId}. */
    static String tenantUserToken(String tenantId) {
        return TestIdentities.tenantToken(tenantId);
    }

    /** A public password-grant client of the {@code jifen} realm; {@code withAudience} adds {@code aud: jifen-api}. */
    static String createClient(boolean withAudience, Map<String, String> attributes) {
        return TestIdentities.createClient(client("gw-client-" + UUID.randomUUID().toString().substring(0, 8),
                withAudience, attributes));
    }

    /** A token of the {@code jifen} realm issued to {@code clientId} for a new tenant user. */
    static String token(String clientId, String tenantId) {
        String username = TestIdentities.createUser(Keycloak.REALM, Map.of("tenant_id", List.of(tenantId)), List.of());
        return Keycloak.passwordGrant(TestInfra.keycloak().tokenEndpoint(), clientId, username,
                TestIdentities.PASSWORD);
    }

    /** A token from a second realm (another issuer with its own keys) that otherwise looks like ours. */
    static String otherIssuerToken() {
        String realm = "gw-other-" + UUID.randomUUID().toString().substring(0, 8);
        TestIdentities.admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true,
                "clients", List.of(client("jifen-cli", true, Map.of()))));
        String username = TestIdentities.createUser(realm, Map.of(), List.of());
        String tokenUrl = TestInfra.keycloak().url() + "/realms/" + realm + "/protocol/openid-connect/token";
        return Keycloak.passwordGrant(tokenUrl, "jifen-cli", username, TestIdentities.PASSWORD);
    }

    private static Map<String, Object> client(String clientId, boolean withAudience, Map<String, String> attributes) {
        List<Map<String, Object>> mappers = withAudience ? List.of(TestIdentities.audienceMapper()) : List.of();
        return Map.of("clientId", clientId, "enabled", true, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "attributes", attributes,
                "protocolMappers", mappers);
    }
}
