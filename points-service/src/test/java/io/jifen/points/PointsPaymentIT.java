package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestIdentities;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PointsPaymentIT extends RewardTestBase {

    @Test
    void shouldQuoteUnderTheDefaultTermsAndTheTenantsOwn() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 300);

        Api.Response big = quote(tenant, member, "10.00");
        Api.Response small = quote(tenant, member, "4.01");

        assertThat(big.status()).as(big.toString()).isEqualTo(200);
        assertThat(big.longAt("pointsPerUnit")).isEqualTo(100);
        assertThat(big.longAt("maxPoints")).as("the balance caps it").isEqualTo(300);
        assertThat(big.json().path("maxDiscount").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(small.longAt("maxPoints")).as("half of 4.01 is 200.5 points, rounded down").isEqualTo(200);

        String staff = TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");
        Map<String, Object> terms = Map.of("pointsPerUnit", 10, "maxShare", new BigDecimal("0.25"));
        assertThat(api.put("/api/v1/points/payment-settings", staff, terms).status()).isEqualTo(403);
        Api.Response saved = api.put("/api/v1/points/payment-settings", tenant.adminToken(), terms);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        Api.Response quoted = quote(tenant, member, "100.00");
        assertThat(quoted.longAt("maxPoints")).isEqualTo(250);
        assertThat(quoted.json().path("maxDiscount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(quote(newTenant(), newMember(tenant), "10.00").status()).as("another tenant's member")
                .isEqualTo(404);
    }

    @Test
    void shouldPayWithPointsOnceAndReverseToTheOriginalLots() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID lot = earn(tenant, member, 300);
        String key = key();

        Api.Response paid = pay(tenant, member, "order-1", 120, "100.00", key);
        Api.Response replayed = pay(tenant, member, "order-1", 120, "100.00", key);
        Api.Response sameOrder = pay(tenant, member, "order-1", 120, "100.00", key());
        Api.Response otherPoints = pay(tenant, member, "order-1", 121, "100.00", key());

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().path("discount").decimalValue()).isEqualByComparingTo("1.20");
        assertThat(paid.longAt("balance")).isEqualTo(180);
        assertThat(replayed.body()).isEqualTo(paid.body());
        assertThat(sameOrder.status()).isEqualTo(200);
        assertThat(otherPoints.status()).isEqualTo(409);
        assertThat(otherPoints.code()).isEqualTo("payment_exists");
        assertThat(balance(tenant, member)).isEqualTo(180);
        assertThat(jdbc.queryForObject("""
                select reason from ledger_entry where tenant_id = ? and kind = 'spend'""", String.class, tenant.id()))
                .isEqualTo("redemption");

        Api.Response overShare = pay(tenant, member, "order-2", 60, "1.00", key());
        Api.Response overBalance = pay(tenant, member, "order-3", 181, null, key());
        assertThat(overShare.status()).isEqualTo(422);
        assertThat(overShare.code()).isEqualTo("points_exceed_max_share");
        assertThat(overBalance.status()).isEqualTo(422);
        assertThat(overBalance.code()).isEqualTo("insufficient_points");

        String reversal = "/api/v1/points/payments/order-1/reversal";
        Api.Response reversed = api.post(reversal, tenant.adminToken(), key(), Map.of());
        Api.Response again = api.post(reversal, tenant.adminToken(), key(), Map.of());

        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        assertThat(reversed.json().path("status").asString()).isEqualTo("reversed");
        assertThat(again.body()).isEqualTo(reversed.body());
        assertThat(balance(tenant, member)).isEqualTo(300);
        assertThat(jdbc.queryForObject("select remaining from lot where tenant_id = ? and id = ?", Long.class,
                tenant.id(), lot)).isEqualTo(300);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ? and kind = 'refund'",
                Long.class, tenant.id())).isEqualTo(1);
    }

    @Test
    void shouldAnswer404ToAnotherTenantAnd400ToBadPayments() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID member = newMember(a);
        earn(a, member, 100);
        assertThat(pay(a, member, "order-a", 10, null, key()).status()).isEqualTo(201);

        assertThat(api.post("/api/v1/points/payments/order-a/reversal", b.adminToken(), key(), Map.of()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/points/payments/order-a", b.adminToken()).status()).isEqualTo(404);
        assertThat(pay(b, member, "order-b", 10, null, key()).status()).isEqualTo(404);

        List<Map<String, Object>> bad = List.of(
                body(member, "o", 0, null), body(member, "o", -5, null), body(member, "o", "ten", null),
                body(member, "o", 1.5, null), body(member, "o", new BigDecimal("1e30"), null),
                body(member, "x".repeat(129), 1, null), body(member, "o", 1, "-1.00"),
                with(body(member, "o", 1, null), "balance", 5), with(body(member, "o", 1, null), "currency", "euro"));
        for (Map<String, Object> body : bad) {
            Api.Response response = api.post("/api/v1/points/payments", a.adminToken(), key(), body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
        }
        assertThat(api.put("/api/v1/points/payment-settings", a.adminToken(),
                Map.of("pointsPerUnit", 0, "maxShare", 0.5)).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/points/payment-settings", a.adminToken(),
                Map.of("pointsPerUnit", 100, "maxShare", 1.5)).status()).isEqualTo(400);
        assertThat(balance(a, member)).isEqualTo(90);
        assertThat(jdbc.queryForObject("select count(*) from points_payment where tenant_id in (?, ?)", Long.class,
                a.id(), b.id())).isEqualTo(1);
    }

    private Api.Response quote(Tenant tenant, UUID member, String amount) {
        return api.post("/api/v1/points/payment-quotes", tenant.adminToken(), null,
                Map.of("memberId", member.toString(), "orderAmount", new BigDecimal(amount), "currency", "EUR"));
    }

    private Api.Response pay(Tenant tenant, UUID member, String orderId, long points, String orderAmount,
            String idempotencyKey) {
        Map<String, Object> body = body(member, orderId, points, orderAmount);
        if (orderAmount != null) {
            body.put("currency", "EUR");
        }
        return api.post("/api/v1/points/payments", tenant.adminToken(), idempotencyKey, body);
    }

    private static Map<String, Object> body(UUID member, String orderId, Object points, String orderAmount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("memberId", member.toString());
        body.put("orderId", orderId);
        body.put("points", points);
        if (orderAmount != null) {
            body.put("orderAmount", new BigDecimal(orderAmount));
        }
        return body;
    }
}
