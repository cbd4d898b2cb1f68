package io.jifen.testsupport.spring;

import io.jifen.testsupport.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the real test servers. Every value is a supplier, so a server starts only when the
 * application actually reads its address (the analytics service starts Elasticsearch; the others do not).
 */
public final class InfraProperties {

    private InfraProperties() {
    }

    /**
     * A fresh database on the shared PostgreSQL (owned by {@link TestInfra#OWNER_ROLE}, which migrates it; the
     * service logs in as {@link TestInfra#APP_ROLE}), the shared Redis, Elasticsearch on demand (started when the
     * application reads {@code spring.elasticsearch.uris}, i.e. only in a service that uses it), and the test
     * Keycloak's issuer. Reading the issuer does not start Keycloak (Spring Boot reads it at startup, but fetches
     * the issuer's keys only for the first bearer token it checks): a test that needs tokens gets them from
     * {@link TestInfra#accessToken}, which starts Keycloak at that address.
     */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        String database = TestInfra.newAppDatabase(databasePrefix);
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> TestInfra.APP_ROLE);
        registry.add("spring.datasource.password", () -> TestInfra.APP_PASSWORD);
        registry.add("spring.flyway.user", () -> TestInfra.OWNER_ROLE);
        registry.add("spring.flyway.password", () -> TestInfra.OWNER_PASSWORD);
        registry.add("spring.data.redis.url", () -> TestInfra.redis().url());
        registry.add("spring.elasticsearch.uris", () -> TestInfra.elasticsearch().url());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestInfra::keycloakIssuerUri);
    }
}
