package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestInfra;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Merchants as they start: sign up through the gateway, take the API client signup returned, get its token. */
final class Merchants {

    /** A signed-up tenant with its API client's current access token. */
    record Tenant(String id, String slug, String token, String tokenUrl, String clientId, String clientSecret) {

        /** This tenant with a fresh token (an access token lives five minutes; a long run needs a new one). */
        Tenant refreshed() {
            return new Tenant(id, slug, clientToken(tokenUrl, clientId, clientSecret), tokenUrl, clientId,
                    clientSecret);
        }
    }

    private Merchants() {
    }

    static Tenant signUp(RunningPlatform platform) {
        String slug = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        TestHttp.Response created = new TestHttp(platform.gateway()).post("/api/v1/tenants", null, Map.of(
                "name", "Shop " + slug, "slug", slug, "adminEmail", slug + "@example.com",
                "adminPassword", "Correct-Horse-42-Battery"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode client = created.json().path("apiClient");
        String tokenUrl = created.json().path("tokenUrl").asString();
        String clientId = client.path("clientId").asString();
        String clientSecret = client.path("clientSecret").asString();
        return new Tenant(created.json().path("id").asString(), slug, clientToken(tokenUrl, clientId, clientSecret),
                tokenUrl, clientId, clientSecret);
    }

    private static String clientToken(String tokenUrl, String clientId, String clientSecret) {
        TestHttp.Response token = TestHttp.form(tokenUrl, Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", clientSecret));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().path("access_token").asString();
    }

    /** A platform admin moves the tenant to another plan (its request rate limits come with it). */
    static void changePlan(RunningPlatform platform, Tenant tenant, String plan) {
        String admin = TestInfra.accessToken("admin", TestInfra.PLATFORM_ADMIN_PASSWORD);
        TestHttp.Response changed = new TestHttp(platform.gateway()).put("/api/v1/admin/tenants/" + tenant.id()
                + "/plan", admin, Map.of("plan", plan));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }
}
