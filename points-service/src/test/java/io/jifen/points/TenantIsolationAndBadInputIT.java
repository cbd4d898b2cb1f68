package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantIsolationAndBadInputIT extends PointsServiceTestBase {

    @Test
    void shouldAnswer404AndChangeNothingWhenTenantBNamesTenantAsMember() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID member = newMember(a);
        recordPurchase(a, member, "order-a", "50.00");

        List<Api.Response> attempts = List.of(
                api.get("/api/v1/members/" + member + "/points", b.adminToken()),
                api.get("/api/v1/members/" + member + "/points/entries", b.adminToken()),
                recordPurchase(b, member, "order-b", "10.00"),
                adjust(b, member, -10, key()),
                api.post("/api/v1/points/transfers", b.adminToken(), key(), Map.of("fromMemberId",
                        member.toString(), "toMemberId", newMember(b).toString(), "points", 1)),
                api.post("/api/v1/purchases/order-a/refunds", b.adminToken(), key(),
                        Map.of("refundId", "r-b", "amount", new BigDecimal("50.00"))));

        for (Api.Response attempt : attempts) {
            assertThat(attempt.status()).as(attempt.toString()).isEqualTo(404);
        }
        Api.Response batch = api.post("/api/v1/purchases/batch", b.adminToken(), key(),
                Map.of("purchases", List.of(purchase(member, "order-b", "10.00"))));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("results").get(0).path("status").asString()).isEqualTo("rejected");
        assertThat(batch.json().path("results").get(0).path("code").asString()).isEqualTo("member_not_found");
        assertThat(balance(a, member)).isEqualTo(50);
        assertThat(entries(b)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from member where tenant_id = ?", Long.class, b.id()))
                .isZero();
    }

    @Test
    void shouldAnswer400ProblemsForBadPurchasesAndNever500() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        List<Object> bad = List.of(
                with(member, "amount", 0), with(member, "amount", -5), with(member, "amount", "1e400"),
                with(member, "amount", new BigDecimal("100000000.00")), with(member, "amount", "ten"),
                with(member, "amount", new BigDecimal("1.001")), with(member, "orderId", "x".repeat(1000)),
                with(member, "currency", "euro"), with(member, "balance", 1_000),
                with(member, "tenantId", UUID.randomUUID().toString()), with(member, "memberId", "not-a-uuid"),
                with(member, "cardNumber", "CARD-2"), with(member, "occurredAt", "+10000-01-01T00:00:00Z"),
                with(member, "occurredAt", "1969-12-31T23:59:59Z"),
                with(member, "occurredAt", Instant.now().plus(Duration.ofDays(2)).toString()),
                with(member, "occurredAt", "yesterday"), "{\"amount\": [[[[[[]]]]]]}", "not json", "");

        for (Object body : bad) {
            Api.Response response = api.post("/api/v1/purchases", tenant.adminToken(), key(), body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
            if (body instanceof Map<?, ?> fields && fields.get("occurredAt") instanceof String time
                    && !time.equals("yesterday")) {
                assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("occurredAt");
            }
        }
        assertThat(entries(tenant)).isZero();
    }

    @Test
    void shouldAnswer400ProblemsForBadPurchaseBatchesAndNever500() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        List<Object> bad = List.of(Map.of("purchases", List.of(with(member, "amount", 0))),
                Map.of("purchases", List.of(purchase(member, "ok", "1.00"), with(member, "balance", 5))),
                Map.of("purchases", "not a list"), Map.of("purchases", List.of(1)), Map.of("purchases", List.of()),
                Map.of("purchases", java.util.Collections.nCopies(1001, purchase(member, "o", "1.00"))),
                Map.of("purchases", List.of(purchase(member, "ok", "1.00")), "tenantId", tenant.id().toString()),
                Map.of("purchases", List.of(purchase(member, "ok", "1.00"),
                        with(member, "occurredAt", "+10000-01-01T00:00:00Z"))),
                "[]", "{}", "not json");

        for (Object body : bad) {
            Api.Response response = api.post("/api/v1/purchases/batch", tenant.adminToken(), key(), body);
            assertThat(response.status()).as(body.toString().substring(0, Math.min(200, body.toString().length()))
                    + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
        }
        assertThat(entries(tenant)).isZero();
    }

    @Test
    void shouldAnswer400ProblemsForBadAdjustmentsRefundsAndQueries() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        String adjustments = "/api/v1/points/adjustments";
        List<String> badAdjustments = List.of(
                "{\"memberId\":\"" + member + "\",\"points\":1.5,\"reason\":\"r\"}",
                "{\"memberId\":\"" + member + "\",\"points\":0,\"reason\":\"r\"}",
                "{\"memberId\":\"" + member + "\",\"points\":99999999999999999999,\"reason\":\"r\"}",
                "{\"memberId\":\"" + member + "\",\"points\":\"5\",\"reason\":\"" + "r".repeat(501) + "\"}",
                "{\"memberId\":\"" + member + "\",\"points\":5,\"reason\":\"r\",\"balance\":5}");

        for (String body : badAdjustments) {
            Api.Response response = api.post(adjustments, tenant.adminToken(), key(), body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
        }
        Api.Response refund = api.post("/api/v1/purchases/o/refunds", tenant.adminToken(), key(),
                Map.of("refundId", "r", "amount", -1));
        Api.Response kind = api.get("/api/v1/members/" + member + "/points/entries?kind=gift", tenant.adminToken());
        Api.Response size = api.get("/api/v1/members/" + member + "/points/entries?size=100000", tenant.adminToken());
        Api.Response id = api.get("/api/v1/members/12/points", tenant.adminToken());
        for (Api.Response response : List.of(refund, kind, size, id)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
        }
        assertThat(entries(tenant)).isZero();
    }

    private static Map<String, Object> with(UUID member, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(purchase(member, "order-bad", "10.00"));
        body.put(field, value);
        return body;
    }
}
