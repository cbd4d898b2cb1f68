package io.jifen.gateway;

import static io.jifen.gateway.Gateway.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestInfra;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The express lane (docs/adr/0022): a tenant's balance reads and purchases with a token the gateway has already
 * checked skip the filter chain, and must come out exactly as the chain would answer them: the same forwarded
 * headers and body, the same response headers, the same refusals. Every other call must still take the chain. Which
 * way a call went is read from the lane's counter on the metrics endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExpressLaneIT {

    private static final Downstream POINTS = Downstream.start("points");
    private static final Downstream OTHERS = Downstream.start("others");
    private static final String ERROR_PAGE = "<html><body><h1>HTTP Status 400 - Bad Request</h1></body></html>";

    @LocalServerPort
    int port;
    @Autowired
    ReactiveStringRedisTemplate redis;
    Gateway gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> TestInfra.redis().url());
        registry.add("jifen.gateway.issuer-uri", TestInfra::keycloakIssuerUri);
        registry.add("jifen.services.points", POINTS::url);
        for (String service : List.of("tenant", "member", "campaign", "analytics")) {
            registry.add("jifen.services." + service, OTHERS::url);
        }
    }

    @AfterAll
    static void stop() {
        POINTS.stop();
        OTHERS.stop();
    }

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port);
        POINTS.answer("/api/v1/purchases/batch", 400, Map.of("Content-Type", "text/html"), ERROR_PAGE);
    }

    @Test
    void shouldTakeACheckedTenantTokensCallsAndForwardThemAsTheChainDoes() {
        String token = tenantToken();
        long before = laneCalls("points-of-member");
        HttpResponse<String> viaChain = gateway.get("/api/v1/members/m-1/points", token);
        assertThat(laneCalls("points-of-member")).as("a token's first call takes the chain").isEqualTo(before);

        HttpResponse<String> viaLane = gateway.send(gateway.request("/api/v1/members/m-1/points", token)
                .header("X-Tenant-Id", UUID.randomUUID().toString()).header("X-Request-Id", "lane-1").GET().build());

        assertThat(laneCalls("points-of-member")).isEqualTo(before + 1);
        assertThat(viaLane.statusCode()).isEqualTo(200);
        assertThat(viaLane.body()).startsWith("points /api/v1/members/m-1/points ")
                .contains("authorization=Bearer " + token, "x-request-id=lane-1")
                .doesNotContain("x-tenant-id");
        assertThat(viaLane.headers().firstValue("X-Request-Id")).hasValue("lane-1");
        assertThat(viaLane.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(viaLane.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(viaLane.headers().allValues("Vary")).contains("Origin");
        assertThat(headerNames(viaLane)).isEqualTo(headerNames(viaChain));

        long purchases = laneCalls("points");
        HttpResponse<String> purchase = gateway.send(gateway.request("/api/v1/purchases", token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"A-1\",\"amount\":12.5}")).build());
        assertThat(laneCalls("points")).isEqualTo(purchases + 1);
        assertThat(purchase.statusCode()).isEqualTo(200);
        assertThat(purchase.body()).startsWith("points /api/v1/purchases ")
                .contains("idempotency-key=k-1", "content-type=application/json",
                        "body={\"orderId\":\"A-1\",\"amount\":12.5}");
        assertThat(purchase.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");

        for (String write : List.of("/api/v1/purchases/A-1/refunds", "/api/v1/redemptions")) {
            HttpResponse<String> answer = gateway.post(write, token);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).startsWith("points " + write + " ").contains("body={}");
        }
        assertThat(laneCalls("points")).isEqualTo(purchases + 3);
    }

    @Test
    void shouldTimeItsCallsAsTheChainTimesTheCallsItProxies() {
        String token = tenantToken();
        assertThat(gateway.get("/api/v1/members/m-2/points", token).statusCode()).isEqualTo(200); // the chain
        long timed = timedCalls("GET", "200");
        long before = laneCalls("points-of-member");

        for (int call = 0; call < 3; call++) {
            assertThat(gateway.get("/api/v1/members/m-2/points", token).statusCode()).isEqualTo(200);
        }

        assertThat(laneCalls("points-of-member")).isEqualTo(before + 3);
        assertThat(timedCalls("GET", "200")).as("http.server.requests counts the lane's calls").isEqualTo(timed + 3);
    }

    @Test
    void shouldLeaveEveryOtherCallToTheFullChain() {
        String token = tenantToken();
        gateway.get("/api/v1/members/m-2/points", token);
        long before = totalLaneCalls();

        assertThat(gateway.get("/api/v1/members/m-2/points?expand=all", token).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/members/m-2/points/entries", token).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/members/m%2F2/points", token).statusCode()).isEqualTo(400);
        assertThat(gateway.send(gateway.request("/api/v1/members/m-2/points", token)
                .header("Origin", "https://evil.example").GET().build()).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/api/v1/members/m-2/points", Identities.platformAdminToken()).statusCode())
                .isEqualTo(200);
        assertThat(gateway.send(gateway.request("/api/v1/purchases", token).PUT(HttpRequest.BodyPublishers
                .ofString("{}")).header("Content-Type", "application/json").build()).statusCode()).isEqualTo(200);
        HttpResponse<String> forged = gateway.get("/api/v1/members/m-2/points", token.substring(0, token.length() - 4)
                + "AAAA");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(code(forged)).isEqualTo("unauthorized");

        assertThat(totalLaneCalls()).isEqualTo(before);
    }

    @Test
    void shouldRefuseASuspendedTenantWithTheChainsProblem() {
        String tenant = UUID.randomUUID().toString();
        String token = Identities.tenantUserToken(tenant);
        writeState(tenant, "active");
        assertThat(gateway.get("/api/v1/members/m-3/points", token).statusCode()).isEqualTo(200);
        writeState(tenant, "suspended");
        HttpResponse<String> viaChain = gateway.get("/api/v1/members/m-3", token);
        long before = laneCalls("points-of-member");

        HttpResponse<String> viaLane = gateway.get("/api/v1/members/m-3/points", token);

        assertThat(laneCalls("points-of-member")).isEqualTo(before + 1);
        assertThat(viaLane.statusCode()).isEqualTo(403);
        assertThat(viaLane.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(viaLane.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        JsonNode lane = Gateway.json(viaLane);
        JsonNode chain = Gateway.json(viaChain);
        assertThat(lane.propertyNames()).containsExactlyElementsOf(chain.propertyNames());
        for (String field : List.of("type", "title", "status", "detail", "code")) {
            assertThat(lane.get(field)).as(field).isEqualTo(chain.get(field));
        }
        assertThat(lane.path("instance").asString()).isEqualTo("/api/v1/members/m-3/points");
        assertThat(lane.path("requestId").asString()).isEqualTo(viaLane.headers().firstValue("X-Request-Id")
                .orElseThrow());
        assertThat(headerNames(viaLane)).isEqualTo(headerNames(viaChain));
    }

    @Test
    void shouldTurnAContainersRefusalIntoTheServiceUnavailableProblem() {
        String token = tenantToken();
        gateway.get("/api/v1/members/m-4/points", token);
        long before = laneCalls("points-batch");

        HttpResponse<String> refused = gateway.post("/api/v1/purchases/batch", token);

        assertThat(laneCalls("points-batch")).isEqualTo(before + 1);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(code(refused)).isEqualTo("service_unavailable");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(Gateway.json(refused).path("instance").asString()).isEqualTo("/api/v1/purchases/batch");
        assertThat(refused.body()).doesNotContain("<html>");
    }

    @Test
    void shouldRetryABusyReadTwiceAndPassTheLastAnswerOn() {
        String token = tenantToken();
        gateway.get("/api/v1/members/m-6/points", token);
        POINTS.failWith("/api/v1/members/busy/points", 503);
        long before = laneCalls("points-of-member");

        HttpResponse<String> busy = gateway.get("/api/v1/members/busy/points", token);

        assertThat(laneCalls("points-of-member")).isEqualTo(before + 1);
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(code(busy)).isEqualTo("internal_error");
        assertThat(POINTS.hits("GET", "/api/v1/members/busy/points")).isEqualTo(3);
    }

    @Test
    void shouldNotCountCallersThatHangUpAgainstTheService() {
        String token = tenantToken();
        gateway.get("/api/v1/members/m-5/points", token);
        CountDownLatch stuck = POINTS.hold("/api/v1/members/slow");
        HttpClient impatient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 12; i++) {
            HttpRequest call = gateway.request("/api/v1/members/slow/points", token).timeout(Duration.ofMillis(50))
                    .GET().build();
            assertThatThrownBy(() -> impatient.send(call, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
        }
        // Only now does the service answer the twelve calls, whose callers are gone.
        stuck.countDown();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> POINTS.hits("GET", "/api/v1/members/slow/points") == 12);
        long before = laneCalls("points-of-member");

        // Twelve callers gone are more than the breaker's minimum of calls: had they counted, its circuit would be open.
        HttpResponse<String> after = gateway.get("/api/v1/members/m-5/points", token);

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(laneCalls("points-of-member")).isEqualTo(before + 1);
    }

    private String tenantToken() {
        String tenant = UUID.randomUUID().toString();
        writeState(tenant, "active");
        return Identities.tenantUserToken(tenant);
    }

    private void writeState(String tenant, String status) {
        redis.opsForHash().putAll("t:{" + tenant + "}:state", Map.of("status", status, "plan", "enterprise",
                "rps", "1000", "burst", "2000", "updatedAt", "2026-01-01T00:00:00Z")).block();
    }

    /** The lane's calls of one route so far, from the gateway's Prometheus endpoint. */
    private long laneCalls(String route) {
        String prefix = "jifen_gateway_express_calls_total{";
        return gateway.get("/actuator/prometheus", null).body().lines()
                .filter(line -> line.startsWith(prefix) && line.contains("route=\"" + route + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no express lane counter for " + route));
    }

    /** The gateway's {@code http.server.requests} count of proxied calls (URI {@code UNKNOWN}) by method and status. */
    private long timedCalls(String method, String status) {
        return gateway.get("/actuator/prometheus", null).body().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("method=\"" + method + "\"") && line.contains("status=\"" + status + "\"")
                        && line.contains("uri=\"UNKNOWN\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private long totalLaneCalls() {
        return laneCalls("points-of-member") + laneCalls("points") + laneCalls("points-batch");
    }

    /** The names of a response's headers, in lower case, without the ones that differ by nature (date, length). */
    private static Set<String> headerNames(HttpResponse<String> response) {
        Set<String> names = new TreeSet<>();
        response.headers().map().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        names.removeAll(Set.of("date", "content-length", "transfer-encoding", ":status"));
        return names;
    }
}
