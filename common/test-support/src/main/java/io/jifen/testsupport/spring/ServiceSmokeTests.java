package io.jifen.testsupport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every Jifen service must do once started against real PostgreSQL and Redis (and Elasticsearch where it
 * uses it): report healthy with each of its backing services, expose metrics and its OpenAPI document, have run its
 * Flyway baseline, and refuse unauthenticated calls to its API. A service's {@code *ApplicationIT} extends this.
 */
public abstract class ServiceSmokeTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Value("${spring.application.name}")
    String applicationName;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry, "smoke");
    }

    /** Health components this service must report UP (besides the database and Redis). */
    protected List<String> extraHealthComponents() {
        return List.of();
    }

    @Test
    void shouldReportHealthyWithEachBackingService() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        for (String component : concat(List.of("db", "redis"), extraHealthComponents())) {
            assertThat(health.body()).as("health component " + component)
                    .containsPattern("\"" + component + "\":\\{\"status\":\"UP\"");
        }
    }

    @Test
    void shouldExposePrometheusMetricsTaggedWithTheService() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("application=\"" + applicationName + "\"");
    }

    @Test
    void shouldPublishItsOpenApiDocument() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).startsWith("{").contains("\"openapi\":\"3.");
    }

    @Test
    void shouldHaveAppliedItsFlywayBaseline() throws Exception {
        List<String> versions = new java.util.ArrayList<>();
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        assertThat(versions).contains("1");
    }

    @Test
    void shouldRefuseApiCallsWithoutAValidToken() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/anything");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.body()).contains("\"code\":\"unauthorized\"");
    }

    /**
     * The gateway keeps a pool of connections to each service: a service that closed them every hundred calls
     * (Tomcat's default) made the gateway open a new one forty times a second under load (docs/benchmarks.md, run 23).
     */
    @Test
    void shouldKeepACallersConnectionOpenAcrossManyCalls() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            byte[] request = ("GET /actuator/health/liveness HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            for (int call = 1; call <= 300; call++) {
                out.write(request);
                out.flush();
                assertThat(in.readLine()).as("status line of call " + call).startsWith("HTTP/1.1 200");
                boolean chunked = false;
                int length = 0;
                for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    assertThat(lower).as("call " + call).isNotEqualTo("connection: close");
                    chunked |= lower.equals("transfer-encoding: chunked");
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(lower.substring("content-length:".length()).strip());
                    }
                }
                // The body is ASCII JSON, one char per byte.
                if (chunked) {
                    for (int chunk = Integer.parseInt(in.readLine().strip(), 16); chunk > 0;
                            chunk = Integer.parseInt(in.readLine().strip(), 16)) {
                        assertThat(in.skip(chunk)).isEqualTo(chunk);
                        in.readLine();
                    }
                    in.readLine();
                } else {
                    assertThat(in.skip(length)).isEqualTo(length);
                }
            }
        }
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
