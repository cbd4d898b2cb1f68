package io.jifen.gateway;

import static io.jifen.gateway.Gateway.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestInfra;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that is down answers 503 problems, never an HTML error or a made-up success; reads are retried, writes
 * never. The points service is nowhere (connections refused); the member service answers errors on some paths.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DownstreamFailureIT {

    private static final Downstream MEMBER = Downstream.start("member");
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
}
