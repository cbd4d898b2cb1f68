package io.jifen.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jifen.testsupport.TestInfra;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway against real Redis and five small HTTP servers standing where the services would be; each echoes
 * its own name and the headers the gateway forwarded, so the test sees exactly where a path was routed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    private static final Map<String, HttpServer> DOWNSTREAM = new ConcurrentHashMap<>();
    private static String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.data.redis.url", () -> TestInfra.redis().url());
        registry.add("jifen.gateway.issuer-uri", TestInfra::keycloakIssuerUri);
        for (String service : new String[] {"tenant", "member", "points", "campaign", "analytics"}) {
            HttpServer server = echo(service);
            DOWNSTREAM.put(service, server);
            registry.add("jifen.services." + service, () -> "http://127.0.0.1:" + server.getAddress().getPort());
        }
    }

    @BeforeAll
    static void token() {
        token = Identities.platformAdminToken();
    }

    @AfterAll
    static void stopDownstream() {
        DOWNSTREAM.values().forEach(server -> server.stop(0));
    }

    @Test
    void shouldRouteEachResourceToTheServiceThatOwnsIt() throws Exception {
        assertThat(get("/api/v1/tenants/me").body()).startsWith("tenant /api/v1/tenants/me");
        assertThat(get("/api/v1/admin/tenants").body()).startsWith("tenant ");
        assertThat(get("/api/v1/members/m1").body()).startsWith("member /api/v1/members/m1");
        assertThat(get("/api/v1/tiers").body()).startsWith("member ");
        assertThat(get("/api/v1/members/m1/points").body()).startsWith("points /api/v1/members/m1/points");
        assertThat(get("/api/v1/members/m1/points/entries").body()).startsWith("points ");
        assertThat(get("/api/v1/purchases").body()).startsWith("points ");
        assertThat(get("/api/v1/campaigns/c1").body()).startsWith("campaign ");
        assertThat(get("/api/v1/segments").body()).startsWith("analytics ");
        assertThat(get("/openapi/points").body()).startsWith("points /v3/api-docs");
    }

    @Test
    void shouldDropClientSentTenantHeaderAndPropagateTheRequestId() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/members/m1"))
                .header("Authorization", "Bearer " + token)
                .header("X-Tenant-Id", "someone-else").header("X-Request-Id", "trace-1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContainIgnoringCase("x-tenant-id").contains("x-request-id=trace-1");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-1");

        HttpResponse<String> generated = get("/api/v1/members/m1");
        assertThat(generated.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void shouldBeHealthyWithRedisAndExposeMetricsAndSwaggerUi() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").containsPattern("\"redis\":\\{\"status\":\"UP\"");
        assertThat(get("/actuator/prometheus").body()).contains("application=\"gateway\"");
        HttpResponse<String> swagger = get("/v3/api-docs/swagger-config");
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertThat(swagger.body()).contains("/openapi/tenant").contains("/openapi/analytics");
    }

    @Test
    void shouldAnswerUnknownPathsWithANotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Gateway.code(response)).isEqualTo("not_found");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpServer echo(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            StringBuilder body = new StringBuilder(name + " " + exchange.getRequestURI().getPath());
            exchange.getRequestHeaders().forEach((header, values) ->
                    body.append(' ').append(header.toLowerCase()).append('=').append(String.join(",", values)));
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
