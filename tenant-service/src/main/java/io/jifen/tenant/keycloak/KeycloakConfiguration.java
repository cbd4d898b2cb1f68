package io.jifen.tenant.keycloak;

import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin client. keycloak-admin-client runs on RESTEasy with Jackson 2 ({@code com.fasterxml}), which lives beside
 * Spring Boot's Jackson 3 ({@code tools.jackson}) without clashing: different packages, and MVC uses Jackson 3.
 * Building the RESTEasy client ourselves adds the timeouts the default one lacks (a hung Keycloak would hang signup).
 * Nothing connects until the first admin call, so the service starts even while Keycloak is down.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakProperties.class)
class KeycloakConfiguration {

    @Bean(destroyMethod = "close")
    Keycloak keycloakAdmin(KeycloakProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri) {
        var http = new ResteasyClientBuilderImpl()
                .connectionPoolSize(16)
                .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new JacksonProvider(), 100)
                .build();
        return KeycloakBuilder.builder()
                .serverUrl(properties.serverUrl(issuerUri))
                .realm(properties.adminRealm())
                .clientId(properties.adminClientId())
                .username(properties.adminUser())
                .password(properties.adminPassword())
                .grantType("password")
                .resteasyClient(http)
                .build();
    }
}
