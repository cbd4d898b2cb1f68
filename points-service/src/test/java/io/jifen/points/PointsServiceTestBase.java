package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.jifen.infra.Postgres;
import io.jifen.testsupport.TestIdentities;
import io.jifen.testsupport.TestInfra;
import io.jifen.testsupport.spring.InfraProperties;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * The running service against real PostgreSQL, Redis and Keycloak (one Spring context shared by the subclasses),
 * member-service stood in for by {@link MemberServiceStub}. Every test makes fresh tenants; after each class the
 * ledger invariant is checked on every account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PointsServiceTestBase {

    @LocalServerPort
    int port;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    /**
     * The tests' own view of the service's database, as the superuser: past row security, so a check sees every
     * tenant's rows (the service's role would see none outside a tenant, and "nothing stored" would pass vacuously).
     */
    JdbcTemplate jdbc;

    private HikariDataSource superuser;

    Api api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry, "points");
        registry.add("jifen.points.member-service.url", MemberServiceStub::url);
        // Tests run the lot jobs themselves, at the instants they choose.
        registry.add("jifen.points.jobs.enabled", () -> "false");
    }

    @BeforeAll
    static void startKeycloak() {
        TestInfra.keycloak();
    }

    @BeforeAll
    void superuserView() {
        superuser = new HikariDataSource();
        superuser.setJdbcUrl(databaseUrl);
        superuser.setUsername(Postgres.SUPERUSER);
        superuser.setPassword("");
        superuser.setMaximumPoolSize(4);
        jdbc = new JdbcTemplate(superuser);
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @AfterAll
    void ledgerInvariantHolds() {
        try {
            LedgerInvariant.assertHolds(jdbc);
        } finally {
            superuser.close();
        }
    }

    /** A new tenant with an admin's token. */
    record Tenant(UUID id, String adminToken) {
    }

    static Tenant newTenant() {
        UUID id = UUID.randomUUID();
        return new Tenant(id, TestIdentities.tenantToken(id.toString(), "tenant-admin"));
    }

    static UUID newMember(Tenant tenant) {
        return MemberServiceStub.register(tenant.id(), "active", null, null);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static Map<String, Object> purchase(UUID memberId, String orderId, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("memberId", memberId.toString());
        body.put("orderId", orderId);
        body.put("amount", new BigDecimal(amount));
        body.put("currency", "EUR");
        return body;
    }

    Api.Response recordPurchase(Tenant tenant, UUID memberId, String orderId, String amount) {
        return api.post("/api/v1/purchases", tenant.adminToken(), key(), purchase(memberId, orderId, amount));
    }

    Api.Response adjust(Tenant tenant, UUID memberId, long points, String idempotencyKey) {
        return api.post("/api/v1/points/adjustments", tenant.adminToken(), idempotencyKey,
                Map.of("memberId", memberId.toString(), "points", points, "reason", "test"));
    }

    /** Gives a member points through an admin adjustment. */
    void credit(Tenant tenant, UUID memberId, long points) {
        Api.Response response = adjust(tenant, memberId, points, key());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    /** The member's points summary, which must be there (200). */
    Api.Response points(Tenant tenant, UUID memberId) {
        Api.Response response = api.get("/api/v1/members/" + memberId + "/points", tenant.adminToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    long balance(Tenant tenant, UUID memberId) {
        return points(tenant, memberId).longAt("balance");
    }

    static final String MEMBER_EVENTS = "jifen:events:member-service";
    static final String TENANT_EVENTS = "jifen:events:tenant-service";
    private static RedisClient streams;

    /** An event as another service's outbox relay writes it (common/events' envelope fields); answers its id. */
    static synchronized UUID publish(String stream, Tenant tenant, String type, Map<String, Object> payload) {
        if (streams == null) {
            streams = RedisClient.builder().fromURI(TestInfra.redis().url()).build();
        }
        UUID id = UUID.randomUUID();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id.toString());
        fields.put("type", type);
        fields.put("tenantId", tenant.id().toString());
        fields.put("occurredAt", java.time.Instant.now().toString());
        fields.put("version", "1");
        fields.put("payload", Api.JSON.writeValueAsString(payload));
        streams.xadd(stream, StreamEntryID.NEW_ENTRY, fields);
        return id;
    }

    /** A connection of the tests' own, as the superuser (past row security), e.g. to hold a row lock. */
    Connection superuserConnection() throws SQLException {
        return superuser.getConnection();
    }

    /** Takes the member's account row lock in {@code holder}'s open transaction (a writer then waits for it). */
    static void lockAccount(Connection holder, Tenant tenant, UUID member) throws SQLException {
        try (PreparedStatement lock = holder.prepareStatement(
                "select balance from account where tenant_id = ? and member_id = ? for update")) {
            lock.setObject(1, tenant.id());
            lock.setObject(2, member);
            lock.executeQuery().close();
        }
    }

    long entries(Tenant tenant) {
        return jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ?", Long.class, tenant.id());
    }
}
