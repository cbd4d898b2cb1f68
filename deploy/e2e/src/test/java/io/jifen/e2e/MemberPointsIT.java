package io.jifen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.testsupport.TestHttp;
import io.jifen.testsupport.TestInfra;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A merchant's backend at the till, through the gateway: register a member, record a purchase (retried, as a flaky
 * network makes a POS do), refund part of it. The events flow on: member-service's statistics and tenant-service's
 * view of the tenant (members, points liability) follow without anyone calling them.
 */
class MemberPointsIT {

    private static RunningPlatform platform;
    private static TestHttp gateway;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        gateway = new TestHttp(platform.gateway());
    }

    @Test
    void shouldEarnOnAPurchaseOnceReverseTheRefundedShareAndLetTheOtherServicesFollow() {
        Merchants.Tenant shop = Merchants.signUp(platform);
        String member = register(shop, "Li Lei");
        Map<String, Object> purchase = Map.of("memberId", member, "orderId", "order-1",
                "amount", new BigDecimal("128.50"), "currency", "CNY");
        String key = UUID.randomUUID().toString();

        TestHttp.Response earned = gateway.post("/api/v1/purchases", shop.token(), purchase, key);
        TestHttp.Response retried = gateway.post("/api/v1/purchases", shop.token(), purchase, key);

        assertThat(earned.status()).as(earned.body()).isEqualTo(201);
        assertThat(earned.json().path("pointsAwarded").asLong()).isEqualTo(128);
        assertThat(earned.headers().get("X-Request-Id")).as("the gateway's request id, and only once").hasSize(1);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(earned.body());

        TestHttp.Response refunded = gateway.post("/api/v1/purchases/order-1/refunds", shop.token(),
                Map.of("refundId", "refund-1", "amount", new BigDecimal("28.50")), UUID.randomUUID().toString());
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
        assertThat(refunded.json().path("pointsReversed").asLong()).isEqualTo(28); // floor(128 × 28.50 / 128.50)

        JsonNode points = gateway.get("/api/v1/members/" + member + "/points", shop.token()).json();
        assertThat(points.path("balance").asLong()).isEqualTo(100);
        assertThat(points.path("lifetimeEarned").asLong()).isEqualTo(128);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode stats = gateway.get("/api/v1/members/" + member, shop.token()).json().path("stats");
            assertThat(stats.path("purchaseCount").asLong()).isEqualTo(1);
            assertThat(stats.path("refunded").decimalValue()).isEqualByComparingTo("28.50");
        });
        String admin = TestInfra.accessToken("admin", TestInfra.PLATFORM_ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode tenant = gateway.get("/api/v1/admin/tenants/" + shop.id(), admin).json();
            assertThat(tenant.path("memberCount").asLong()).isEqualTo(1);
            assertThat(tenant.path("pointsLiability").asLong()).isEqualTo(100);
        });
    }

    @Test
    void shouldKeepOneTenantsMembersAndPointsOutOfAnothersReach() {
        Merchants.Tenant a = Merchants.signUp(platform);
        Merchants.Tenant b = Merchants.signUp(platform);
        String member = register(a, "Han Meimei");

        assertThat(gateway.get("/api/v1/members/" + member, b.token()).status()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/members/" + member + "/points", b.token()).status()).isEqualTo(404);
        TestHttp.Response foreign = gateway.post("/api/v1/purchases", b.token(), Map.of("memberId", member,
                "orderId", "order-b", "amount", new BigDecimal("10"), "currency", "CNY"), UUID.randomUUID().toString());
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/members/" + member + "/points", a.token()).json().path("balance").asLong())
                .isZero();
    }

    @Test
    void shouldRefuseAPurchaseWithoutIdempotencyKeyOrWithBadAmountsAndStoreNothing() {
        Merchants.Tenant shop = Merchants.signUp(platform);
        String member = register(shop, "Wang Fang");

        TestHttp.Response noKey = gateway.post("/api/v1/purchases", shop.token(), Map.of("memberId", member,
                "orderId", "o-1", "amount", new BigDecimal("10"), "currency", "CNY"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("idempotency_key_required");
        for (Object amount : new Object[] {0, -5, "ten", new BigDecimal("1e12"), new BigDecimal("1.005")}) {
            TestHttp.Response bad = gateway.post("/api/v1/purchases", shop.token(), Map.of("memberId", member,
                    "orderId", "o-2", "amount", amount, "currency", "CNY"), UUID.randomUUID().toString());
            assertThat(bad.status()).as(amount + ": " + bad.body()).isEqualTo(400);
        }
        assertThat(gateway.get("/api/v1/members/" + member + "/points", shop.token()).json().path("balance").asLong())
                .isZero();
    }

    private static String register(Merchants.Tenant shop, String name) {
        TestHttp.Response created = gateway.post("/api/v1/members", shop.token(), Map.of("name", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("cardNumber").asString()).isNotBlank();
        return created.json().path("id").asString();
    }
}
