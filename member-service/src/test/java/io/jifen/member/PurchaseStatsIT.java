package io.jifen.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PurchaseStatsIT extends MemberServiceTestBase {

    @Test
    void shouldCountPurchasesAndSubtractRefundsOnceEvenWhenEventsAreDeliveredTwice() {
        Tenant tenant = newTenant();
        String id = register(tenant).get("id").asString();
        Map<String, Object> first = Map.of("memberId", id, "orderId", "o-1", "amount", "100.50", "currency", "CNY",
                "occurredAt", "2026-01-10T08:00:00Z");
        Map<String, Object> second = Map.of("memberId", id, "orderId", "o-2", "amount", "300", "currency", "CNY",
                "occurredAt", "2026-02-10T08:00:00Z");
        Map<String, Object> refund = Map.of("memberId", id, "orderId", "o-2", "refundId", "r-1", "amount", "50.50");
        String firstId = publish(tenant, "purchase.recorded", first);

        publish(firstId, tenant, "purchase.recorded", first); // the same event redelivered
        publish(tenant, "purchase.recorded", first);           // the same order announced again
        publish(tenant, "purchase.recorded", second);
        String refundId = publish(tenant, "purchase.refunded", refund);
        publish(refundId, tenant, "purchase.refunded", refund);
        publish(tenant, "purchase.recorded", Map.of("memberId", id, "orderId", "marker", "amount", "0.01",
                "currency", "CNY", "occurredAt", "2026-03-01T00:00:00Z"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stats(tenant, id).get("purchaseCount").asLong()).isEqualTo(3));
        JsonNode stats = stats(tenant, id);
        assertThat(stats.get("totalSpend").decimalValue()).isEqualByComparingTo("350.01");
        assertThat(stats.get("refunded").decimalValue()).isEqualByComparingTo("50.50");
        assertThat(stats.get("averageOrderValue").decimalValue()).isEqualByComparingTo("116.67");
        assertThat(stats.get("firstPurchaseAt").asString()).isEqualTo("2026-01-10T08:00:00Z");
        assertThat(stats.get("lastPurchaseAt").asString()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(api.get("/api/v1/members/" + id + "/tier", tenant.staff()).json().get("growthValue").asLong())
                .isEqualTo(100 + 300 - 50);
    }

    @Test
    void shouldIgnoreAPurchaseOfAnotherTenantsMember() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String id = register(a).get("id").asString();

        publish(b, "purchase.recorded", Map.of("memberId", id, "orderId", "x-1", "amount", "999",
                "currency", "CNY", "occurredAt", "2026-01-10T08:00:00Z"));
        // A producer whose mapper writes timestamps as epoch seconds is understood too.
        publish(a, "purchase.recorded", Map.of("memberId", id, "orderId", "a-1", "amount", 1,
                "currency", "CNY", "occurredAt", 1767225600));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stats(a, id).get("purchaseCount").asLong()).isEqualTo(1));
        assertThat(stats(a, id).get("totalSpend").decimalValue()).isEqualByComparingTo("1");
        assertThat(stats(a, id).get("firstPurchaseAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
    }

    private JsonNode stats(Tenant tenant, String id) {
        return api.get("/api/v1/members/" + id, tenant.staff()).json().get("stats");
    }
}
