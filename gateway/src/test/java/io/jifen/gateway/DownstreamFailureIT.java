package io.jifen.gateway;

import static io.jifen.gateway.Gateway.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestInfra;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A service that is down answers 503 problems, never an HTML error or a made-up success; reads are retried, writes
 * never. The points service is nowhere (connections refused); the member service answers errors on some paths, some
 * as its application would (problems), some as its container would (an HTML page while shutting down).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DownstreamFailureIT {

    private static final Downstream MEMBER = Downstream.start("member");
    private static final String ERROR_PAGE = "<!doctype html><html lang=\"en\"><head><title>HTTP Status 400 - Bad Request"
            + "</title></head><body><h1>HTTP Status 400 - Bad Request</h1></body></html>";
    private static final String VALIDATION_PROBLEM = "{\"type\":\"https://jifen.io/problems/validation-failed\","
            + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"amount: must be positive\","
            + "\"instance\":\"/api/v1/members/invalid\",\"code\":\"validation_failed\",\"requestId\":\"r-1\"}";
    private static final String CREATED = "{\"id\":\"m-1\",\"name\":\"Li Na\"}";
    private static String token;

    @LocalServerPort
    int port;
    Gateway gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> TestInfra.redis().url());
        registry.add("jifen.gateway.issuer-uri", TestInfra::keycloakIssuerUri);
        registry.add("jifen.services.points", Downstream::nowhere);
        for (String service : new String[] {"tenant", "member", "campaign", "analytics"}) {
            registry.add("jifen.services." + service, MEMBER::url);
        }
    }

    @BeforeAll
    static void token() {
        token = Identities.platformAdminToken();
        MEMBER.failWith("/api/v1/members/unavailable", 503);
        MEMBER.failWith("/api/v1/members/broken", 500);
        MEMBER.answer("/api/v1/members/paused", 400,
                Map.of("Content-Type", "text/html;charset=utf-8", "Content-Language", "en"), ERROR_PAGE);
        MEMBER.answer("/api/v1/members/crashed", 500, Map.of("Content-Type", "text/html"), ERROR_PAGE);
        MEMBER.answer("/api/v1/members/invalid", 400,
                Map.of("Content-Type", "application/problem+json", "Content-Language", "en"), VALIDATION_PROBLEM);
        MEMBER.answer("/api/v1/members/created", 201,
                Map.of("Content-Type", "application/json", "Location", "/api/v1/members/m-1"), CREATED);
    }

    @AfterAll
    static void stop() {
        MEMBER.stop();
    }

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port);
    }

    @Test
    void shouldAnswerAServiceUnavailableProblemWhenTheServiceIsDown() {
        for (HttpResponse<String> response : new HttpResponse[] {gateway.get("/api/v1/purchases", token),
                gateway.post("/api/v1/purchases", token)}) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(code(response)).isEqualTo("service_unavailable");
            assertThat(Gateway.json(response).path("instance").asString()).isEqualTo("/api/v1/purchases");
            assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        }
    }

    @Test
    void shouldAnswerTheSameProblemWhenTheExpressLaneFindsTheServiceDown() {
        String tenantToken = Identities.tenantUserToken(UUID.randomUUID().toString());
        assertThat(gateway.get("/api/v1/members/created", tenantToken).statusCode()).isEqualTo(201);
        JsonNode viaChain = Gateway.json(gateway.post("/api/v1/purchases", token));

        for (HttpResponse<String> response : List.of(gateway.post("/api/v1/purchases", tenantToken),
                gateway.get("/api/v1/members/m-1/points", tenantToken))) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            JsonNode problem = Gateway.json(response);
            for (String field : List.of("type", "title", "status", "detail", "code")) {
                assertThat(problem.get(field)).as(field).isEqualTo(viaChain.get(field));
            }
        }
        String metrics = gateway.get("/actuator/prometheus", null).body();
        assertThat(metrics).contains("jifen_gateway_express_calls_total{application=\"gateway\",route=\"points\"} 1.0")
                .contains("jifen_gateway_express_calls_total{application=\"gateway\",route=\"points-of-member\"} 1.0");
    }

    @Test
    void shouldRetryReadsButNeverWrites() {
        assertThat(gateway.get("/api/v1/members/unavailable", token).statusCode()).isEqualTo(503);
        assertThat(MEMBER.hits("GET", "/api/v1/members/unavailable")).isEqualTo(3);

        assertThat(gateway.post("/api/v1/members/unavailable", token).statusCode()).isEqualTo(503);
        assertThat(MEMBER.hits("POST", "/api/v1/members/unavailable")).isEqualTo(1);
    }

    @Test
    void shouldNotRetryAServiceThatAnsweredWithAnError() {
        assertThat(gateway.get("/api/v1/members/broken", token).statusCode()).isEqualTo(500);
        assertThat(MEMBER.hits("GET", "/api/v1/members/broken")).isEqualTo(1);
    }

    @Test
    void shouldTurnAContainersOwnErrorPageIntoTheServiceUnavailableProblem() {
        JsonNode serviceDown = Gateway.json(gateway.post("/api/v1/purchases", token));

        HttpResponse<String> paused = gateway.post("/api/v1/members/paused", token);
        HttpResponse<String> crashed = gateway.get("/api/v1/members/crashed", token);

        for (HttpResponse<String> response : List.of(paused, crashed)) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(response.headers().firstValue("Content-Language")).isEmpty();
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
            JsonNode problem = Gateway.json(response);
            assertThat(problem.propertyNames()).containsExactlyElementsOf(serviceDown.propertyNames());
            for (String field : List.of("type", "title", "status", "detail", "code")) {
                assertThat(problem.get(field)).as(field).isEqualTo(serviceDown.get(field));
            }
            assertThat(problem.path("requestId").asString())
                    .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        }
        assertThat(Gateway.json(paused).path("instance").asString()).isEqualTo("/api/v1/members/paused");
        assertThat(MEMBER.hits("POST", "/api/v1/members/paused")).isEqualTo(1);
    }

    @Test
    void shouldPassAServicesOwnProblemThroughUnchanged() {
        HttpResponse<String> response = gateway.post("/api/v1/members/invalid", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(VALIDATION_PROBLEM);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Content-Language")).hasValue("en");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void shouldPassSuccessfulAnswersThroughUnchanged() {
        HttpResponse<String> response = gateway.post("/api/v1/members/created", token);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(CREATED);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/members/m-1");
    }
}
