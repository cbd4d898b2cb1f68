package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.jifen.infra.Postgres;
import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestIdentities;
import io.jifen.testsupport.TestInfra;
import io.jifen.testsupport.spring.InfraProperties;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The running service against real PostgreSQL, Redis and Keycloak (one Spring context shared by the subclasses).
 * Every test makes fresh tenants: a random tenant id on new Keycloak users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class MemberServiceTestBase {

    /** This context's own purchase stream, so no other test context's consumer group takes its events. */
    protected static final String PURCHASE_STREAM = "test:points-events:" + UUID.randomUUID();
    protected static final String TENANT_STREAM = "test:tenant-events:" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    protected StringRedisTemplate redis;

    /**
     * The tests' own view of the service's database, as the superuser: past row security, so a check sees every
     * tenant's rows (the service's role would see none outside a tenant).
     */
    protected JdbcTemplate jdbc;

    /** One pool per database (the subclasses share one context, hence one database), closed at JVM exit. */
    private static final Map<String, HikariDataSource> SUPERUSER = new ConcurrentHashMap<>();

    protected TestHttp api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry, "member");
        registry.add("jifen.member.purchase-stream", () -> PURCHASE_STREAM);
        registry.add("jifen.member.tenant-stream", () -> TENANT_STREAM);
    }

    @Autowired
    void superuserView(@Value("${spring.datasource.url}") String databaseUrl) {
        jdbc = new JdbcTemplate(SUPERUSER.computeIfAbsent(databaseUrl, url -> {
            HikariDataSource superuser = new HikariDataSource();
            superuser.setJdbcUrl(url);
            superuser.setUsername(Postgres.SUPERUSER);
            superuser.setPassword("");
            superuser.setMaximumPoolSize(4);
            return superuser;
        }));
    }

    @BeforeAll
    static void startKeycloak() {
        TestInfra.keycloak();
    }

    @BeforeEach
    void client() {
        api = TestHttp.onPort(port);
    }

    /** A new tenant with an admin and a staff token. */
    protected static Tenant newTenant() {
        String id = UUID.randomUUID().toString();
        return new Tenant(id, TestIdentities.tenantToken(id, "tenant-admin"), TestIdentities.tenantToken(id, "tenant-staff"));
    }

    protected static String unique(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    protected static String uniquePhone() {
        return "+86" + ThreadLocalRandom.current().nextLong(10_000_000_000L, 19_999_999_999L);
    }

    protected static Map<String, Object> memberBody(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        return body;
    }

    /** Registers a member and returns the response body. */
    protected JsonNode register(Tenant tenant, Map<String, Object> body) {
        TestHttp.Response response = api.post("/api/v1/members", tenant.staff(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    protected JsonNode register(Tenant tenant) {
        return register(tenant, memberBody("Li Lei"));
    }

    /** XADDs an event to the purchase stream exactly as common/events' relay writes an envelope. */
    protected String publish(Tenant tenant, String type, Map<String, Object> payload) {
        String eventId = UUID.randomUUID().toString();
        publish(eventId, tenant, type, payload);
        return eventId;
    }

    protected void publish(String eventId, Tenant tenant, String type, Map<String, Object> payload) {
        publish(PURCHASE_STREAM, eventId, tenant, type, payload);
    }

    protected void publish(String stream, String eventId, Tenant tenant, String type, Map<String, Object> payload) {
        Map<String, String> fields = new HashMap<>();
        fields.put("id", eventId);
        fields.put("type", type);
        fields.put("tenantId", tenant.id());
        fields.put("occurredAt", Instant.now().toString());
        fields.put("version", "1");
        fields.put("payload", TestHttp.JSON.writeValueAsString(payload));
        redis.opsForStream().add(StreamRecords.newRecord().in(stream).ofMap(fields));
    }

    /** The payloads of the events of a type this service wrote to its outbox for a member. */
    protected java.util.List<String> outboxPayloads(String type, String memberId) {
        return jdbc.queryForList("select payload::text from outbox_event where type = ? and payload->>'memberId' = ?",
                String.class, type, memberId);
    }

    protected record Tenant(String id, String admin, String staff) {
    }
}
