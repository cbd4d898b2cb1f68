package io.jifen.gateway;

import static io.jifen.gateway.Gateway.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.infra.Redis;
import io.jifen.testsupport.TestInfra;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Suspension, per-tenant rate limits and usage counting, against a Redis of this test's own (so the per-address
 * signup bucket starts empty) holding tenant state hashes as tenant-service writes them (docs/adr/0005).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantAdmissionIT {

    private static final Downstream SERVICE = Downstream.start("service");
    private static final Redis REDIS = TestInfra.newRedis();

    @LocalServerPort
    int port;
    @Autowired
    ReactiveStringRedisTemplate redis;
    Gateway gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", REDIS::url);
        registry.add("jifen.gateway.issuer-uri", TestInfra::keycloakIssuerUri);
        for (String service : List.of("tenant", "member", "points", "campaign", "analytics")) {
            registry.add("jifen.services." + service, SERVICE::url);
        }
    }

    @AfterAll
    static void stop() {
        SERVICE.stop();
        REDIS.stop();
    }

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port);
    }

    @Test
    void shouldRefuseASuspendedTenantAndServeItAgainAfterResume() {
        String tenant = UUID.randomUUID().toString();
        String token = Identities.tenantUserToken(tenant);
        writeState(tenant, "active", 20, 40);
        assertThat(gateway.get("/api/v1/members", token).statusCode()).isEqualTo(200);

        writeState(tenant, "suspended", 20, 40);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.get("/api/v1/members", token).statusCode() == 403);
        HttpResponse<String> refused = gateway.post("/api/v1/purchases", token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("tenant_suspended");

        writeState(tenant, "active", 20, 40);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.get("/api/v1/members", token).statusCode() == 200);
    }

    @Test
    void shouldRefuseTokensOfADeletedApiClientAtOnceButNotThoseOfAnotherTenant() {
        String tenant = UUID.randomUUID().toString();
        String token = Identities.tenantUserToken(tenant);
        String other = UUID.randomUUID().toString();
        String otherToken = Identities.tenantUserToken(other);
        assertThat(gateway.get("/api/v1/members", token).statusCode()).isEqualTo(200);

        // What tenant-service does when a tenant deletes an API client (these tokens were issued to jifen-cli).
        redis.opsForSet().add("t:{" + tenant + "}:revoked-clients", "jifen-cli").block();

        HttpResponse<String> refused = gateway.get("/api/v1/members", token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(code(refused)).isEqualTo("token_revoked");
        assertThat(gateway.get("/api/v1/members", otherToken).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLimitATenantOverItsRateWhileAnotherTenantIsServed() {
        String busy = UUID.randomUUID().toString();
        String busyToken = Identities.tenantUserToken(busy);
        String other = UUID.randomUUID().toString();
        String otherToken = Identities.tenantUserToken(other);
        writeState(busy, "active", 2, 2);

        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(gateway.post("/api/v1/purchases", busyToken));
        }

        HttpResponse<String> limited = burst.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(burst.stream().filter(r -> r.statusCode() == 200).count()).isBetween(2L, 5L);
        assertThat(code(limited)).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(1);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(gateway.post("/api/v1/purchases", otherToken).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCountATenantsApiCallsForTheUtcDay() {
        String tenant = UUID.randomUUID().toString();
        String token = Identities.tenantUserToken(tenant);

        for (int i = 0; i < 3; i++) {
            assertThat(gateway.get("/api/v1/members", token).statusCode()).isEqualTo(200);
        }

        String key = "t:{" + tenant + "}:calls:" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
        assertThat(redis.opsForValue().get(key).block()).isEqualTo("3");
        Duration ttl = redis.getExpire(key).block();
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofDays(3));
    }

    @Test
    void shouldLimitAnonymousSignupsPerClientAddress() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(gateway.post("/api/v1/tenants", null).statusCode());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 7)).containsOnly(429);
        assertThat(SERVICE.hits("POST", "/api/v1/tenants")).isEqualTo(5);
    }

    @Test
    void shouldNotLimitAPlatformAdminByATenantsBucket() {
        String admin = Identities.platformAdminToken();
        for (int i = 0; i < 30; i++) {
            assertThat(gateway.get("/api/v1/admin/tenants", admin).statusCode()).isEqualTo(200);
        }
    }

    private void writeState(String tenant, String status, int rps, int burst) {
        redis.opsForHash().putAll("t:{" + tenant + "}:state", Map.of("status", status, "plan", "free",
                "rps", Integer.toString(rps), "burst", Integer.toString(burst), "updatedAt", "2026-01-01T00:00:00Z"))
                .block();
    }
}
