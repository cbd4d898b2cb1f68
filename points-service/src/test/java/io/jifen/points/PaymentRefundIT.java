package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A purchase refund of an order that points paid part of gives back the refunded share of those points, to the lots
 * they came from, in the refund's transaction; the explicit reversal then gives back only what is left.
 */
class PaymentRefundIT extends RewardTestBase {

    @Test
    void shouldGiveBackTheRefundedShareRoundedDownAndExactlyTheRestWithTheCompletingRefund() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 500);
        assertThat(pay(tenant, member, "shop-1", 97).status()).isEqualTo(201);
        assertThat(recordPurchase(tenant, member, "shop-1", "100.00").status()).isEqualTo(201);

        Api.Response first = refund(tenant, "shop-1", "r1", "30.00", key());
        Api.Response repeated = refund(tenant, "shop-1", "r1", "30.00", key());
        Api.Response afterRepeat = payment(tenant, "shop-1");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.longAt("paymentPointsReturned")).as("floor(97 × 30.00 / 100.00)").isEqualTo(29);
        assertThat(first.longAt("pointsReversed")).isEqualTo(30);
        assertThat(first.longAt("balance")).isEqualTo(500 - 97 + 100 + 29 - 30);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json()).isEqualTo(first.json());
        assertThat(afterRepeat.longAt("pointsReturned")).as("the repeat gave nothing back").isEqualTo(29);
        assertThat(afterRepeat.json().path("status").asString()).isEqualTo("partially_reversed");
        assertThat(afterRepeat.json().path("reversedAt").isNull()).isTrue();

        long second = refund(tenant, "shop-1", "r2", "30.00", key()).longAt("paymentPointsReturned");
        long third = refund(tenant, "shop-1", "r3", "39.99", key()).longAt("paymentPointsReturned");
        long last = refund(tenant, "shop-1", "r4", "0.01", key()).longAt("paymentPointsReturned");

        assertThat(new long[] {second, third, last}).as("58 − 29, floor(96.99) − 58, then the rest")
                .containsExactly(29, 38, 1);
        Api.Response paid = payment(tenant, "shop-1");
        assertThat(paid.longAt("pointsReturned")).isEqualTo(97);
        assertThat(paid.json().path("status").asString()).isEqualTo("reversed");
        assertThat(paid.json().path("reversedAt").isNull()).isFalse();
        assertThat(balance(tenant, member)).isEqualTo(500);
        Api.Response reversal = reverse(tenant, "shop-1");
        assertThat(reversal.status()).isEqualTo(200);
        assertThat(reversal.json()).as("nothing left to reverse").isEqualTo(paid.json());
        assertThat(restoredOf(tenant, paid)).isEqualTo(97);
        assertThat(emitted(tenant, "points.restored")).isEqualTo(97);
        assertThat(jdbc.queryForList("""
                select (payload->>'points') || ' ' || (payload->>'discount') || ' ' || (payload->>'refundId')
                       || ' ' || (payload->>'status') from outbox_event
                where tenant_id = ? and type = 'points.payment-reversed' order by seq, position""", String.class,
                tenant.id())).containsExactly("29 0.29 r1 partially_reversed", "29 0.29 r2 partially_reversed",
                "38 0.38 r3 partially_reversed", "1 0.01 r4 reversed");
        assertLiabilityIsTheSumOfBalances(tenant);
    }

    @Test
    void shouldReverseOnlyWhatIsLeftAfterAPartialGiveBackAndGiveNothingBackAfterwards() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 300);
        pay(tenant, member, "shop-2", 120);
        recordPurchase(tenant, member, "shop-2", "100.00");
        assertThat(refund(tenant, "shop-2", "r1", "25.00", key()).longAt("paymentPointsReturned")).isEqualTo(30);

        Api.Response reversed = reverse(tenant, "shop-2");
        Api.Response again = reverse(tenant, "shop-2");
        Api.Response later = refund(tenant, "shop-2", "r2", "75.00", key());

        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        assertThat(reversed.json().path("status").asString()).isEqualTo("reversed");
        assertThat(reversed.longAt("pointsReturned")).isEqualTo(120);
        assertThat(again.json()).isEqualTo(reversed.json());
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.longAt("paymentPointsReturned")).isZero();
        assertThat(later.longAt("pointsReversed")).isEqualTo(75);
        assertThat(jdbc.queryForList("""
                select points from ledger_entry where tenant_id = ? and restores_entry_id = ?
                order by created_at""", Long.class, tenant.id(), spendOf(reversed))).containsExactly(30L, 90L);
        assertThat(jdbc.queryForObject("""
                select (payload->>'points') || ' ' || coalesce(payload->>'refundId', 'none') from outbox_event
                where tenant_id = ? and type = 'points.payment-reversed' and payload->>'status' = 'reversed'""",
                String.class, tenant.id())).isEqualTo("90 none");
        assertThat(balance(tenant, member)).isEqualTo(300);
        assertLiabilityIsTheSumOfBalances(tenant);
    }

    /**
     * Lots A (expires in 10 days), B (in 20) and C (never) pay 250 of an order of 100.00, which earns 100 more
     * (lot D). Points go back soonest-expiring first, each lot at most what the payment took from it, with its
     * expiry untouched; the reversal of the earned share then takes from the soonest-expiring lots as every debit.
     */
    @Test
    void shouldPutTheGivenBackPointsInTheirOriginalLotsSoonestExpiringFirst() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID a = expiring(tenant, earn(tenant, member, 100), "10 days");
        UUID b = expiring(tenant, earn(tenant, member, 100), "20 days");
        UUID c = earn(tenant, member, 100);
        Map<UUID, Timestamp> expiries = expiries(tenant);
        pay(tenant, member, "shop-3", 250);
        recordPurchase(tenant, member, "shop-3", "100.00");
        UUID d = lotOfPurchase(tenant, "shop-3");

        Api.Response first = refund(tenant, "shop-3", "r1", "40.00", key());

        assertThat(first.longAt("paymentPointsReturned")).isEqualTo(100);
        assertThat(restorationsByLot(tenant)).isEqualTo(Map.of(a, 100L));
        assertThat(remaining(tenant)).as("A got 100 back, then gave 40 to the earned share's reversal")
                .isEqualTo(Map.of(a, 60L, b, 0L, c, 50L, d, 100L));

        Api.Response rest = refund(tenant, "shop-3", "r2", "60.00", key());

        assertThat(rest.longAt("paymentPointsReturned")).isEqualTo(150);
        assertThat(restorationsByLot(tenant)).as("never more back than the payment took from a lot")
                .isEqualTo(Map.of(a, 100L, b, 100L, c, 50L));
        assertThat(remaining(tenant)).isEqualTo(Map.of(a, 0L, b, 100L, c, 100L, d, 100L));
        assertThat(expiries(tenant)).containsAllEntriesOf(expiries);
        assertThat(balance(tenant, member)).isEqualTo(300);
        assertLiabilityIsTheSumOfBalances(tenant);
    }

    /** As a whole restore does: a lot that expired meanwhile gets its points back, and they expire with it. */
    @Test
    void shouldGiveALotThatExpiredMeanwhileItsShareWhichThenExpires() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID a = expiring(tenant, earn(tenant, member, 100), "10 days");
        UUID c = earn(tenant, member, 100);
        pay(tenant, member, "shop-4", 150);
        recordPurchase(tenant, member, "shop-4", "100.00");
        UUID d = lotOfPurchase(tenant, "shop-4");
        // Spent whole, so the lot has nothing left to expire yet.
        jdbc.update("update lot set expires_at = now() - interval '1 second' where tenant_id = ? and id = ?",
                tenant.id(), a);

        Api.Response refunded = refund(tenant, "shop-4", "r1", "50.00", key());

        assertThat(refunded.longAt("paymentPointsReturned")).isEqualTo(75);
        assertThat(restorationsByLot(tenant)).isEqualTo(Map.of(a, 75L));
        assertThat(jdbc.queryForObject("""
                select -points from ledger_entry where tenant_id = ? and kind = 'expire' and source_id = ?""",
                Long.class, tenant.id(), a.toString())).as("the reversal's debit expired them first").isEqualTo(75);
        assertThat(remaining(tenant)).isEqualTo(Map.of(a, 0L, c, 0L, d, 100L));
        assertThat(refunded.longAt("balance")).isEqualTo(200 - 150 + 100 + 75 - 75 - 50);
        assertLiabilityIsTheSumOfBalances(tenant);
    }

    @Test
    void shouldLeaveAPaymentAloneWhenAnotherOrderOrAnOrderPaidWithoutPointsIsRefunded() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 200);
        pay(tenant, member, "paid", 50);
        recordPurchase(tenant, member, "paid", "10.00");
        recordPurchase(tenant, member, "cash-only", "10.00");
        Api.Response before = payment(tenant, "paid");

        Api.Response refunded = refund(tenant, "cash-only", "r1", "10.00", key());

        assertThat(refunded.status()).isEqualTo(201);
        assertThat(refunded.longAt("paymentPointsReturned")).isZero();
        assertThat(payment(tenant, "paid").json()).isEqualTo(before.json());
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ? and kind = 'refund'",
                Long.class, tenant.id())).isZero();
        assertThat(emitted(tenant, "points.payment-reversed")).isZero();
    }

    @Test
    void shouldStoreNothingOfTheGiveBackWhenARefundIsRefused() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 200);
        pay(tenant, member, "shop-5", 80);
        recordPurchase(tenant, member, "shop-5", "10.00");
        Api.Response before = payment(tenant, "shop-5");
        long entries = entries(tenant);

        Api.Response tooMuch = refund(tenant, "shop-5", "r1", "10.01", key());
        List<Api.Response> malformed = List.of(refund(tenant, "shop-5", "r2", "0.00", key()),
                refund(tenant, "shop-5", "r3", "-1.00", key()), refund(tenant, "shop-5", "r4", "1.001", key()),
                api.post("/api/v1/purchases/shop-5/refunds", tenant.adminToken(), key(),
                        Map.of("refundId", "r5", "amount", 1, "paymentPointsReturned", 80)));

        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("refund_exceeds_purchase");
        for (Api.Response response : malformed) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
        }
        assertThat(payment(tenant, "shop-5").json()).isEqualTo(before.json());
        assertThat(entries(tenant)).isEqualTo(entries);
    }

    @Test
    void shouldGiveBackExactlyThePaidPointsUnderConcurrentPartialRefunds() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 200);
        pay(tenant, member, "shop-6", 97);
        recordPurchase(tenant, member, "shop-6", "100.00");
        List<Future<Api.Response>> replies = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                String refundId = "r" + i;
                replies.add(pool.submit(() -> {
                    start.await();
                    return refund(tenant, "shop-6", refundId, "10.00", key());
                }));
            }
            start.countDown();
        }

        long givenBack = 0;
        for (Future<Api.Response> reply : replies) {
            Api.Response response = reply.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            givenBack += response.longAt("paymentPointsReturned");
        }
        assertThat(givenBack).isEqualTo(97);
        assertThat(payment(tenant, "shop-6").json().path("status").asString()).isEqualTo("reversed");
        assertThat(balance(tenant, member)).isEqualTo(200);
    }

    // Helpers.

    private Api.Response pay(Tenant tenant, UUID member, String orderId, long points) {
        Api.Response response = api.post("/api/v1/points/payments", tenant.adminToken(), key(),
                Map.of("memberId", member.toString(), "orderId", orderId, "points", points));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private Api.Response payment(Tenant tenant, String orderId) {
        Api.Response response = api.get("/api/v1/points/payments/" + orderId, tenant.adminToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private Api.Response reverse(Tenant tenant, String orderId) {
        return api.post("/api/v1/points/payments/" + orderId + "/reversal", tenant.adminToken(), key(), Map.of());
    }

    private Api.Response refund(Tenant tenant, String orderId, String refundId, String amount, String key) {
        return api.post("/api/v1/purchases/" + orderId + "/refunds", tenant.adminToken(), key,
                Map.of("refundId", refundId, "amount", new BigDecimal(amount)));
    }

    private UUID expiring(Tenant tenant, UUID lot, String in) {
        jdbc.update("update lot set expires_at = now() + ?::interval where tenant_id = ? and id = ?", in, tenant.id(),
                lot);
        return lot;
    }

    private UUID lotOfPurchase(Tenant tenant, String orderId) {
        return jdbc.queryForObject("""
                select l.id from lot l join purchase p on p.tenant_id = l.tenant_id and p.entry_id = l.source_entry_id
                where p.tenant_id = ? and p.order_id = ?""", UUID.class, tenant.id(), orderId);
    }

    private Map<UUID, Long> remaining(Tenant tenant) {
        return lotColumn(tenant, "select id, remaining from lot where tenant_id = ?");
    }

    private Map<UUID, Long> restorationsByLot(Tenant tenant) {
        return lotColumn(tenant, "select lot_id, sum(points) from lot_restoration where tenant_id = ? group by lot_id");
    }

    private Map<UUID, Long> lotColumn(Tenant tenant, String sql) {
        Map<UUID, Long> values = new HashMap<>();
        jdbc.query(sql, row -> {
            values.put(row.getObject(1, UUID.class), row.getLong(2));
        }, tenant.id());
        return values;
    }

    private Map<UUID, Timestamp> expiries(Tenant tenant) {
        Map<UUID, Timestamp> expiries = new HashMap<>();
        jdbc.query("select id, expires_at from lot where tenant_id = ? and expires_at is not null", row -> {
            expiries.put(row.getObject(1, UUID.class), row.getTimestamp(2));
        }, tenant.id());
        return expiries;
    }

    private static UUID spendOf(Api.Response payment) {
        return UUID.fromString(payment.json().path("spendEntryId").asString());
    }

    private long restoredOf(Tenant tenant, Api.Response payment) {
        return jdbc.queryForObject("""
                select coalesce(sum(points), 0) from ledger_entry where tenant_id = ? and restores_entry_id = ?""",
                Long.class, tenant.id(), spendOf(payment));
    }

    private long emitted(Tenant tenant, String type) {
        return jdbc.queryForObject("""
                select coalesce(sum((payload->>'points')::bigint), 0) from outbox_event
                where tenant_id = ? and type = ?""", Long.class, tenant.id(), type);
    }

    /** tenant-service's liability (earned + restored − redeemed − expired − reversed) against the accounts. */
    private void assertLiabilityIsTheSumOfBalances(Tenant tenant) {
        long liability = emitted(tenant, "points.earned") + emitted(tenant, "points.restored")
                - emitted(tenant, "points.redeemed") - emitted(tenant, "points.expired")
                - emitted(tenant, "points.reversed");
        assertThat(liability).isEqualTo(jdbc.queryForObject(
                "select coalesce(sum(balance), 0) from account where tenant_id = ?", Long.class, tenant.id()));
    }
}
