package io.jifen.tenancy;

import io.jifen.infra.Postgres;
import io.jifen.tenancy.testapp.TenancyTestApplication;
import io.jifen.testsupport.TestInfra;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The test service on a real server port, over a fresh database on the shared real PostgreSQL. Every subclass
 * shares the one application context (and database); tests stay independent by using fresh tenants.
 */
@SpringBootTest(classes = TenancyTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TenancyIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestInfra.newDatabase("tenancy");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> Postgres.SUPERUSER);
        registry.add("spring.datasource.password", () -> "");
    }

    static TenantId newTenant() {
        return new TenantId(UUID.randomUUID());
    }
}
