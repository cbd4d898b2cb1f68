package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestInfra;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Merchants as they start: sign up through the gateway, take the API client signup returned, get its token. */
final class Merchants {

    record Tenant(String id, String slug, String token) {
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
        TestHttp.Response token = TestHttp.form(created.json().path("tokenUrl").asString(), Map.of(
                "grant_type", "client_credentials", "client_id", client.path("clientId").asString(),
                "client_secret", client.path("clientSecret").asString()));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return new Tenant(created.json().path("id").asString(), slug, token.json().path("access_token").asString());
    }

    /** A platform admin moves the tenant to another plan (its request rate limits come with it). */
    static void changePlan(RunningPlatform platform, Tenant tenant, String plan) {
        String admin = TestInfra.accessToken("admin", TestInfra.PLATFORM_ADMIN_PASSWORD);
        TestHttp.Response changed = new TestHttp(platform.gateway()).put("/api/v1/admin/tenants/" + tenant.id()
                + "/plan", admin, Map.of("plan", plan));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }
}
