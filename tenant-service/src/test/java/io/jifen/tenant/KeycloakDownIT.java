package io.jifen.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service pointed at a Keycloak that is not there (its own Spring context). */
class KeycloakDownIT extends TenantServiceTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void unreachableKeycloak(DynamicPropertyRegistry registry) {
        registry.add("jifen.tenant.keycloak.url", () -> "http://127.0.0.1:" + closedPort());
    }

    @Test
    void shouldAnswerServiceUnavailableAndKeepNothingWhenKeycloakIsDown() {
        String slug = uniqueSlug("down");

        TestHttp.Response response = api.post("/api/v1/tenants", null, signupBody(slug));

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.json().get("code").asString()).isEqualTo("identity_provider_unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("30");
        assertThat(jdbc.queryForObject("select count(*) from tenant where slug = ?", Long.class, slug)).isZero();
        TestHttp.Response again = api.post("/api/v1/tenants", null, signupBody(slug));
        assertThat(again.json().get("code").asString()).as("the slug was released").isEqualTo(
                "identity_provider_unavailable");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
