package io.jifen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.infra.Keycloak;
import io.jifen.infra.Proc;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestInfraTest {

    @Test
    void shouldShareOneRunningPostgresAndHandOutFreshDatabases() throws Exception {
        assertThat(TestInfra.postgres()).isSameAs(TestInfra.postgres());
        String first = TestInfra.newDatabase("shared");
        String second = TestInfra.newDatabase("shared");
        assertThat(first).isNotEqualTo(second);
        try (Connection connection = DriverManager.getConnection(first, "postgres", "");
             ResultSet row = connection.createStatement().executeQuery("SELECT current_database()")) {
            row.next();
            assertThat(first).endsWith("/" + row.getString(1));
        }
    }

    @Test
    void shouldShareOneRedisAndStartSeparateOnesOnRequest() {
        assertThat(TestInfra.redis()).isSameAs(TestInfra.redis());
        var own = TestInfra.newRedis();
        assertThat(own.port()).isNotEqualTo(TestInfra.redis().port());
        own.stop();
        assertThat(own.isReady()).isFalse();
        assertThat(TestInfra.redis().isReady()).isTrue();
    }

    @Test
    void shouldShareOneElasticsearch() {
        assertThat(TestInfra.elasticsearch()).isSameAs(TestInfra.elasticsearch());
        assertThat(TestInfra.elasticsearch().isReady()).isTrue();
    }

    @Test
    void shouldAnnounceTheKeycloakIssuerWithoutStartingItAndStartItThereOnFirstUse() {
        String issuer = TestInfra.keycloakIssuerUri();
        int port = Integer.parseInt(issuer.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/realms/jifen$", "$1"));
        assertThat(TestInfra.keycloakIssuerUri()).isEqualTo(issuer);
        assertThat(Proc.portFree(port)).as("reserved for Keycloak").isFalse();

        String token = TestInfra.accessToken(Keycloak.PLATFORM_ADMIN, TestInfra.PLATFORM_ADMIN_PASSWORD);
        assertThat(TestInfra.keycloak()).isSameAs(TestInfra.keycloak());
        assertThat(TestInfra.keycloak().issuerUri()).isEqualTo(issuer);
        assertThat(Keycloak.claims(token)).contains("\"iss\":\"" + issuer + "\"").contains("platform-admin");
    }
}
