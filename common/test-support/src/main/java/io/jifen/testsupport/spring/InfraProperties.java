package io.jifen.testsupport.spring;

import io.jifen.infra.Postgres;
import io.jifen.testsupport.TestInfra;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the real test servers. Every value is a supplier, so a server starts only when the
 * application actually reads its address (the analytics service starts Elasticsearch; the others do not).
 */
public final class InfraProperties {

    private InfraProperties() {
    }

    /** A fresh database on the shared PostgreSQL, the shared Redis, and Elasticsearch on demand. */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        String database = TestInfra.newDatabase(databasePrefix);
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> Postgres.SUPERUSER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.redis.url", () -> TestInfra.redis().url());
    }
}
