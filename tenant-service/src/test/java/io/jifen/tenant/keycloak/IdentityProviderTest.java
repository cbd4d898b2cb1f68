package io.jifen.tenant.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityProviderTest {

    @Test
    void shouldAnswerIdentityProviderUnavailableWhenKeycloakIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KeycloakProperties properties = new KeycloakProperties("http://127.0.0.1:" + closedPort, null, null, null,
                null, "secret", Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (var keycloak = new KeycloakConfiguration().keycloakAdmin(properties, "")) {
            IdentityProvider identity = new IdentityProvider(keycloak, properties);

            assertThatThrownBy(() -> identity.createTenantAdmin(UUID.randomUUID(), "shop", "a@b.cn", "Password-1234"))
                    .isInstanceOfSatisfying(IdentityProviderUnavailableException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("identity_provider_unavailable");
                    });
        }
    }

    @Test
    void shouldDeriveKeycloaksAddressFromTheIssuerUnlessGiven() {
        KeycloakProperties derived = new KeycloakProperties(null, null, null, null, null, null, null, null);
        KeycloakProperties given = new KeycloakProperties("http://kc:8080/", null, null, null, null, null, null, null);

        assertThat(derived.serverUrl("http://127.0.0.1:8180/realms/jifen")).isEqualTo("http://127.0.0.1:8180");
        assertThat(derived.serverUrl("https://id.example.com/auth/realms/jifen")).isEqualTo(
                "https://id.example.com/auth");
        assertThat(given.serverUrl("http://127.0.0.1:8180/realms/jifen")).isEqualTo("http://kc:8080");
        assertThat(derived.realm()).isEqualTo("jifen");
    }
}
