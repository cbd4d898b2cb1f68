package io.jifen.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Keycloak;
import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestInfra;
import io.jifen.testsupport.spring.InfraProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The running service against real PostgreSQL, Redis and Keycloak (one Spring context shared by the subclasses).
 * Every test signs up fresh tenants with unique slugs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TenantServiceTestBase {

    static final String PASSWORD = "Correct-horse-42-battery";

    @LocalServerPort
    int port;

    TestHttp api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry, "tenant");
        registry.add("jifen.tenant.keycloak.admin-user", () -> TestInfra.KEYCLOAK_ADMIN);
        registry.add("jifen.tenant.keycloak.admin-password", () -> TestInfra.KEYCLOAK_ADMIN_PASSWORD);
        // Short, so the re-publish test does not wait a minute; the writes are idempotent.
        registry.add("jifen.tenant.state.republish-interval", () -> "1s");
    }

    @BeforeAll
    static void startKeycloak() {
        TestInfra.keycloak();
    }

    @BeforeEach
    void client() {
        api = TestHttp.onPort(port);
    }

    static String uniqueSlug(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    static Map<String, Object> signupBody(String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Shop " + slug);
        body.put("slug", slug);
        body.put("adminEmail", "owner@" + slug + ".example.com");
        body.put("adminPassword", PASSWORD);
        return body;
    }

    /** A new tenant, with what signup returned. */
    Signup signUp(String prefix) {
        String slug = uniqueSlug(prefix);
        TestHttp.Response response = api.post("/api/v1/tenants", null, signupBody(slug));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        return new Signup(body.get("id").asString(), slug, "owner@" + slug + ".example.com",
                body.get("apiClient").get("clientId").asString(),
                body.get("apiClient").get("clientSecret").asString());
    }

    static TestHttp.Response clientCredentials(String clientId, String secret) {
        return TestHttp.form(TestInfra.keycloak().tokenEndpoint(),
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    static String tokenOf(String clientId, String secret) {
        TestHttp.Response response = clientCredentials(clientId, secret);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    static JsonNode claims(String token) {
        return TestHttp.JSON.readTree(Keycloak.claims(token));
    }

    static String platformAdminToken() {
        return TestInfra.accessToken(Keycloak.PLATFORM_ADMIN, TestInfra.PLATFORM_ADMIN_PASSWORD);
    }

    record Signup(String id, String slug, String email, String clientId, String clientSecret) {

        String token() {
            return tokenOf(clientId, clientSecret);
        }
    }
}
