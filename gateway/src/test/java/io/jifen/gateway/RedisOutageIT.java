package io.jifen.gateway;

import static io.jifen.gateway.Gateway.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Proc;
import io.jifen.infra.Redis;
import io.jifen.testsupport.TestInfra;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With Redis hanging or gone, limits and suspensions still hold (locally), and nothing fails with a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageIT {

    private static final Downstream SERVICE = Downstream.start("service");
    private static final Redis REDIS = TestInfra.newRedis();

    @LocalServerPort
    int port;
    @Autowired
    ReactiveStringRedisTemplate redis;

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

    @Test
    void shouldKeepLimitingMoneyMovingCallsAndSuspensionsLocallyWhenRedisIsDown() {
        Gateway gateway = new Gateway(port);
        String limitedTenant = UUID.randomUUID().toString();
        String limitedToken = Identities.tenantUserToken(limitedTenant);
        String suspendedTenant = UUID.randomUUID().toString();
        String suspendedToken = Identities.tenantUserToken(suspendedTenant);
        writeState(limitedTenant, "active", 1, 3);
        writeState(suspendedTenant, "suspended", 20, 40);
        // The gateway learns both states while Redis is up.
        assertThat(gateway.get("/api/v1/members", limitedToken).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/members", suspendedToken).statusCode()).isEqualTo(403);

        // A Redis that hangs: each call waits for it at most the Redis timeout, then is decided locally.
        Proc.signal(REDIS.process(), "STOP");
        try {
            assertThat(within(Duration.ofSeconds(5), () -> gateway.post("/api/v1/purchases", limitedToken))
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> refused = within(Duration.ofSeconds(5),
                    () -> gateway.post("/api/v1/purchases", suspendedToken));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(code(refused)).isEqualTo("tenant_suspended");
        } finally {
            Proc.signal(REDIS.process(), "CONT");
        }

        REDIS.stop();

        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(gateway.post("/api/v1/purchases", limitedToken));
        }
        assertThat(burst).allSatisfy(response -> assertThat(response.statusCode()).isIn(200, 429));
        assertThat(burst.stream().filter(response -> response.statusCode() == 200).count()).isBetween(1L, 5L);
        HttpResponse<String> last = burst.getLast();
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(code(last)).isEqualTo("rate_limited");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> suspended = gateway.post("/api/v1/purchases", suspendedToken);
        assertThat(suspended.statusCode()).isEqualTo(403);
        assertThat(code(suspended)).isEqualTo("tenant_suspended");
    }

    private static <T> T within(Duration limit, Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("No answer within " + limit, e);
        }
    }

    private void writeState(String tenant, String status, int rps, int burst) {
        redis.opsForHash().putAll("t:{" + tenant + "}:state", Map.of("status", status, "plan", "free",
                "rps", Integer.toString(rps), "burst", Integer.toString(burst))).block();
    }
}
