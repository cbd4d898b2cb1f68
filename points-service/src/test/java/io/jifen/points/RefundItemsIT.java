package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Refunds naming the purchase's items instead of an amount. */
class RefundItemsIT extends PointsServiceTestBase {

    @Test
    void shouldReverseTheShareOfTheRefundedItemsValueAndEverythingOnceAllAreBack() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        // 3 × 2.50 + 1 × 2.49 = 9.99: 9 points.
        assertThat(recordWithItems(tenant, member, "order-i").longAt("pointsAwarded")).isEqualTo(9);

        Api.Response first = refund(tenant, "order-i", "r-1", List.of(item("SKU-A", 1)));
        Api.Response rest = refund(tenant, "order-i", "r-2", List.of(item("SKU-B", 1), item("SKU-A", 2)));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("amount").decimalValue()).isEqualByComparingTo("2.50");
        // floor(9 × 2.50 / 9.99) = floor(2.25) = 2
        assertThat(first.longAt("pointsReversed")).isEqualTo(2);
        assertThat(first.json().path("items").get(0).path("sku").asString()).isEqualTo("SKU-A");
        assertThat(first.json().path("items").get(0).path("quantity").asLong()).isEqualTo(1);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(rest.json().path("amount").decimalValue()).isEqualByComparingTo("7.49");
        // all 9.99 back: floor(9 × 9.99 / 9.99) − 2 = 7
        assertThat(rest.longAt("pointsReversed")).isEqualTo(7);
        assertThat(balance(tenant, member)).isZero();
        Api.Response beyond = refund(tenant, "order-i", "r-3", List.of(item("SKU-A", 1)));
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.code()).isEqualTo("refund_quantity_exceeded");
    }

    @Test
    void shouldRefuseMoreThanBoughtOrAnUnknownSkuAndStoreNothing() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordWithItems(tenant, member, "order-x");
        refund(tenant, "order-x", "r-1", List.of(item("SKU-A", 2)));
        String before = stored(tenant);

        Api.Response exceeded = refund(tenant, "order-x", "r-2", List.of(item("SKU-A", 2)));
        Api.Response split = refund(tenant, "order-x", "r-3", List.of(item("SKU-A", 1), item("SKU-A", 1)));
        Api.Response unknown = refund(tenant, "order-x", "r-4", List.of(item("SKU-B", 1), item("SKU-Z", 1)));

        for (Api.Response response : List.of(exceeded, split)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(422);
            assertThat(response.code()).isEqualTo("refund_quantity_exceeded");
        }
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("refund_item_unknown");
        assertThat(stored(tenant)).isEqualTo(before);
        assertThat(balance(tenant, member)).isEqualTo(5); // 9 − floor(9 × 5.00 / 9.99)
    }

    @Test
    void shouldApplyARepeatedRefundIdOnceAndCountItsItemsOnce() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordWithItems(tenant, member, "order-rep");

        Api.Response first = refund(tenant, "order-rep", "r-1", List.of(item("SKU-A", 2)));
        Api.Response again = refund(tenant, "order-rep", "r-1", List.of(item("SKU-A", 2)));
        Api.Response otherItems = refund(tenant, "order-rep", "r-1", List.of(item("SKU-A", 1)));
        Api.Response asAmount = refund(tenant, "order-rep", "r-1", "5.00");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(otherItems.status()).isEqualTo(409);
        assertThat(otherItems.code()).isEqualTo("refund_exists");
        assertThat(asAmount.status()).isEqualTo(409);
        assertThat(balance(tenant, member)).isEqualTo(5);
        // Two of three SKU-A were counted once: the third can still be refunded, a fourth not.
        assertThat(refund(tenant, "order-rep", "r-2", List.of(item("SKU-A", 1))).status()).isEqualTo(201);
        assertThat(refund(tenant, "order-rep", "r-3", List.of(item("SKU-A", 1))).code())
                .isEqualTo("refund_quantity_exceeded");
    }

    @Test
    void shouldNeverRefundMoreThanThePurchaseWhenAmountAndItemsRefundsMix() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordWithItems(tenant, member, "order-mix");
        assertThat(refund(tenant, "order-mix", "r-amount", "5.00").status()).isEqualTo(201);
        assertThat(refund(tenant, "order-mix", "r-items", List.of(item("SKU-A", 1))).status()).isEqualTo(201);

        Api.Response beyond = refund(tenant, "order-mix", "r-more", List.of(item("SKU-A", 2), item("SKU-B", 1)));

        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(422);
        assertThat(beyond.code()).isEqualTo("refund_exceeds_purchase");
        assertThat(balance(tenant, member)).isEqualTo(3); // 9 − floor(9 × 7.50 / 9.99) = 9 − 6
    }

    @Test
    void shouldRefuseAnItemsRefundOfAPurchaseRecordedWithoutItems() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordPurchase(tenant, member, "order-plain", "10.00");

        Api.Response response = refund(tenant, "order-plain", "r-1", List.of(item("SKU-A", 1)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("purchase_has_no_items");
        assertThat(balance(tenant, member)).isEqualTo(10);
    }

    @Test
    void shouldKeepTheItemsOfPurchasesRecordedInABatch() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        Map<String, Object> purchase = withItems(member, "order-batch");
        Api.Response batch = api.post("/api/v1/purchases/batch", tenant.adminToken(), key(),
                Map.of("purchases", List.of(purchase)));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);

        Api.Response response = refund(tenant, "order-batch", "r-1", List.of(item("SKU-B", 1)));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("amount").decimalValue()).isEqualByComparingTo("2.49");
        assertThat(response.longAt("pointsReversed")).isEqualTo(2); // floor(9 × 2.49 / 9.99)
    }

    @Test
    void shouldAnswer400NamingTheFieldForBadRefundBodiesAndStoreNothing() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordWithItems(tenant, member, "order-bad");
        String before = stored(tenant);
        List<Object> bad = List.of(
                Map.of("refundId", "r", "amount", new BigDecimal("1.00"), "items", List.of(item("SKU-A", 1))),
                Map.of("refundId", "r"), Map.of("refundId", "r", "items", List.of()),
                Map.of("refundId", "r", "items", List.of(item("SKU-A", 0))),
                Map.of("refundId", "r", "items", List.of(item("SKU-A", -1))),
                Map.of("refundId", "r", "items", List.of(Map.of("sku", "SKU-A", "quantity", 1.5))),
                Map.of("refundId", "r", "items", List.of(Map.of("sku", "SKU-A", "quantity", "1e400"))),
                Map.of("refundId", "r", "items", List.of(Map.of("quantity", 1))),
                Map.of("refundId", "r", "items", List.of(Map.of("sku", "SKU-A", "quantity", 1, "price", 1))),
                Map.of("refundId", "r", "items", java.util.Collections.nCopies(501, item("SKU-A", 1))),
                "{\"refundId\":\"r\",\"items\":[null]}", "{\"refundId\":\"r\",\"items\":\"SKU-A\"}");

        for (Object body : bad) {
            Api.Response response = api.post("/api/v1/purchases/order-bad/refunds", tenant.adminToken(), key(), body);
            String shown = body.toString().substring(0, Math.min(200, body.toString().length()));
            assertThat(response.status()).as(shown + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).as(shown).isNotBlank();
        }
        Api.Response both = api.post("/api/v1/purchases/order-bad/refunds", tenant.adminToken(), key(), bad.get(0));
        assertThat(both.code()).isEqualTo("validation_failed");
        assertThat(both.json().path("errors").get(0).path("field").asString()).isEqualTo("amountOrItems");
        assertThat(stored(tenant)).isEqualTo(before);
    }

    private Api.Response recordWithItems(Tenant tenant, UUID member, String orderId) {
        Api.Response response = api.post("/api/v1/purchases", tenant.adminToken(), key(), withItems(member, orderId));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private static Map<String, Object> withItems(UUID member, String orderId) {
        Map<String, Object> body = new LinkedHashMap<>(purchase(member, orderId, "9.99"));
        body.put("items", List.of(
                Map.of("sku", "SKU-A", "category", "toys", "quantity", 3, "unitPrice", new BigDecimal("2.50")),
                Map.of("sku", "SKU-B", "quantity", 1, "unitPrice", new BigDecimal("2.49"))));
        return body;
    }

    private static Map<String, Object> item(String sku, long quantity) {
        return Map.of("sku", sku, "quantity", quantity);
    }

    private Api.Response refund(Tenant tenant, String orderId, String refundId, List<Map<String, Object>> items) {
        return api.post("/api/v1/purchases/" + orderId + "/refunds", tenant.adminToken(), key(),
                Map.of("refundId", refundId, "items", items));
    }

    private Api.Response refund(Tenant tenant, String orderId, String refundId, String amount) {
        return api.post("/api/v1/purchases/" + orderId + "/refunds", tenant.adminToken(), key(),
                Map.of("refundId", refundId, "amount", new BigDecimal(amount)));
    }

    /** The tenant's refunds, their lines and ledger entries, as one fingerprint. */
    private String stored(Tenant tenant) {
        return jdbc.queryForObject("""
                select (select count(*) from purchase_refund where tenant_id = ?) || '/'
                    || (select coalesce(sum(quantity), 0) from purchase_refund_line where tenant_id = ?) || '/'
                    || (select count(*) from ledger_entry where tenant_id = ?)""", String.class,
                tenant.id(), tenant.id(), tenant.id());
    }
}
