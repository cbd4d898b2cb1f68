package io.jifen.gateway;

import static io.jifen.gateway.Gateway.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestInfra;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Token checks at the gateway against the real Keycloak, public endpoints and CORS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewaySecurityIT {

    private static final Downstream SERVICE = Downstream.start("service");
    private static final String CONSOLE = "https://console.jifen.test";

    @LocalServerPort
    int port;
    Gateway gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> TestInfra.redis().url());
        registry.add("jifen.gateway.issuer-uri", TestInfra::keycloakIssuerUri);
        // No leeway, so that the expiry test needs to wait only for the token's own (short) lifetime.
        registry.add("jifen.gateway.clock-skew", () -> "0s");
        registry.add("jifen.gateway.cors.allowed-origins", () -> CONSOLE);
        for (String service : List.of("tenant", "member", "points", "campaign", "analytics")) {
            registry.add("jifen.services." + service, SERVICE::url);
        }
    }

    @AfterAll
    static void stopDownstream() {
        SERVICE.stop();
    }

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port);
    }

    @Test
    void shouldRouteAValidTokenUnchangedWithoutTheClientsTenantHeaderAndWithARequestId() {
        String token = Identities.tenantUserToken(UUID.randomUUID().toString());

        HttpResponse<String> response = gateway.send(gateway.request("/api/v1/members/m1", token)
                .header("X-Tenant-Id", UUID.randomUUID().toString()).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("service /api/v1/members/m1")
                .contains("authorization=Bearer " + token)
                .doesNotContainIgnoringCase("x-tenant-id")
                .containsPattern("x-request-id=[0-9a-f-]{36}");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
    }

    @Test
    void shouldRefuseACallWithoutATokenWithAProblemAndAChallenge() {
        HttpResponse<String> response = gateway.get("/api/v1/members/anonymous", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(Gateway.json(response).path("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(Gateway.json(response).path("type").asString()).isEqualTo("https://jifen.io/problems/unauthorized");
        assertThat(SERVICE.hits("GET", "/api/v1/members/anonymous")).isZero();
    }

    @Test
    void shouldRefuseAnUnsignedToken() {
        String real = Identities.tenantUserToken(UUID.randomUUID().toString());
        assertRefused(ForgedTokens.unsigned(real));
    }

    @Test
    void shouldRefuseATokenWhosePayloadWasChanged() {
        String real = Identities.tenantUserToken(UUID.randomUUID().toString());
        assertRefused(ForgedTokens.tampered(real, "tenant_id", UUID.randomUUID().toString()));
    }

    @Test
    void shouldRefuseATokenSignedWithAnUnknownKeyUnderAKnownKeyId() {
        String real = Identities.tenantUserToken(UUID.randomUUID().toString());
        assertRefused(ForgedTokens.signedWithUnknownKey(real));
    }

    @Test
    void shouldRefuseATokenOfAnotherIssuer() {
        assertRefused(Identities.otherIssuerToken());
    }

    @Test
    void shouldRefuseATokenNotMeantForTheJifenApi() {
        String client = Identities.createClient(false, Map.of());
        assertRefused(Identities.token(client, UUID.randomUUID().toString()));
    }

    @Test
    void shouldRefuseATokenOnceItHasExpired() {
        String shortLived = Identities.createClient(true, Map.of("access.token.lifespan", "5"));
        String token = Identities.token(shortLived, UUID.randomUUID().toString());
        assertThat(gateway.get("/api/v1/members/m1", token).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.get("/api/v1/members/m1", token).statusCode() == 401);
        assertThat(code(gateway.get("/api/v1/members/m1", token))).isEqualTo("unauthorized");
    }

    @Test
    void shouldRefuseATokenWhoseTenantClaimIsNotOneTenantId() {
        String token = Identities.tenantUserToken("not-a-tenant-id");

        HttpResponse<String> response = gateway.get("/api/v1/members/m1", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("invalid_tenant_claim");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void shouldKeepSignupApiDocumentsAndProbesPublicButNotTheRestOfTheActuator() {
        assertThat(gateway.post("/api/v1/tenants", null).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/openapi/points", null).body()).startsWith("service /v3/api-docs");
        assertThat(gateway.get("/v3/api-docs/swagger-config", null).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/swagger-ui.html", null).statusCode()).isIn(200, 302);
        assertThat(gateway.get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

        assertThat(gateway.get("/api/v1/tenants", null).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/actuator/gateway/routes", null).statusCode()).isEqualTo(401);
        String tenantUser = Identities.tenantUserToken(UUID.randomUUID().toString());
        assertThat(gateway.get("/actuator/gateway/routes", tenantUser).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/actuator/gateway/routes", Identities.platformAdminToken()).statusCode())
                .isNotIn(401, 403);
    }

    @Test
    void shouldAllowPreflightsFromTheConfiguredConsoleOnly() {
        HttpResponse<String> allowed = gateway.send(preflight(CONSOLE));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .containsIgnoringCase("authorization");

        HttpResponse<String> refused = gateway.send(preflight("https://evil.test"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpRequest preflight(String origin) {
        return gateway.request("/api/v1/members", null)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private void assertRefused(String token) {
        HttpResponse<String> response = gateway.get("/api/v1/members/forged", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
        assertThat(SERVICE.hits("GET", "/api/v1/members/forged")).isZero();
    }
}
