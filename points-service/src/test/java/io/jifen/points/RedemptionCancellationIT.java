package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedemptionCancellationIT extends RewardTestBase {

    @Test
    void shouldRestoreCancelledPointsToTheirOriginalLotsWithTheirExpiry() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID later = earn(tenant, member, 30);
        UUID sooner = earn(tenant, member, 50);
        jdbc.update("update lot set expires_at = now() + interval '10 days' where tenant_id = ? and id = ?",
                tenant.id(), later);
        jdbc.update("update lot set expires_at = now() + interval '5 days' where tenant_id = ? and id = ?",
                tenant.id(), sooner);
        Map<UUID, Timestamp> expiry = Map.of(later, expiresAt(tenant, later), sooner, expiresAt(tenant, sooner));
        UUID reward = createReward(tenant, with(reward("goods", 20), "stock", 7));

        Api.Response redeemed = redeem(tenant, member, reward, 3, key());

        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        UUID redemption = idOf(redeemed);
        assertThat(remaining(tenant, sooner)).as("the soonest-expiring lot is spent first").isZero();
        assertThat(remaining(tenant, later)).isEqualTo(20);
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(4);

        String cancelKey = key();
        Api.Response cancelled = cancel(tenant, redemption, cancelKey);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.longAt("balance")).isEqualTo(80);
        assertThat(remaining(tenant, sooner)).isEqualTo(50);
        assertThat(remaining(tenant, later)).isEqualTo(30);
        assertThat(expiresAt(tenant, sooner)).isEqualTo(expiry.get(sooner));
        assertThat(expiresAt(tenant, later)).isEqualTo(expiry.get(later));
        assertThat(balance(tenant, member)).isEqualTo(80);
        Api.Response summary = api.get("/api/v1/members/" + member + "/points", tenant.adminToken());
        assertThat(summary.longAt("lifetimeSpent")).isZero();
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(7);
        assertThat(jdbc.queryForList("""
                select kind || '/' || reason from ledger_entry where tenant_id = ? and points > 0 and kind <> 'earn'""",
                String.class, tenant.id())).containsExactly("refund/redemption");
        assertThat(jdbc.queryForList("select type from outbox_event where tenant_id = ?", String.class, tenant.id()))
                .contains("points.restored", "redemption.cancelled");

        Api.Response again = cancel(tenant, redemption, key());
        Api.Response replayed = cancel(tenant, redemption, cancelKey);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(cancelled.body());
        assertThat(replayed.body()).isEqualTo(cancelled.body());
        assertThat(balance(tenant, member)).isEqualTo(80);
        assertThat(remaining(tenant, sooner)).isEqualTo(50);
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(7);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry where tenant_id = ? and kind = 'refund'",
                Long.class, tenant.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                select count(*) from outbox_event where tenant_id = ? and type = 'redemption.cancelled'""", Long.class,
                tenant.id())).isEqualTo(1);
    }

    @Test
    void shouldRepayARefundDebtBeforeRefillingLotsWhenCancelling() {
        Tenant tenant = newTenant();
        jdbc.update("insert into tenant_settings (tenant_id, refund_debt) values (?, 'allow')", tenant.id());
        UUID member = newMember(tenant);
        assertThat(recordPurchase(tenant, member, "order-a", "100.00").status()).isEqualTo(201);
        assertThat(recordPurchase(tenant, member, "order-b", "50.00").status()).isEqualTo(201);
        UUID reward = createReward(tenant, reward("service", 120));
        UUID redemption = idOf(redeem(tenant, member, reward));
        Api.Response refund = api.post("/api/v1/purchases/order-a/refunds", tenant.adminToken(), key(),
                Map.of("refundId", "r-1", "amount", new BigDecimal("100.00")));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(balance(tenant, member)).isEqualTo(-70);

        Api.Response cancelled = cancel(tenant, redemption, key());

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(balance(tenant, member)).isEqualTo(50);
        assertThat(jdbc.queryForObject("""
                select sum(remaining) from lot where tenant_id = ? and member_id = ?""", Long.class, tenant.id(),
                member)).as("the lots hold the balance, not the debt they repaid").isEqualTo(50);
    }

    @Test
    void shouldMoveGoodsForwardOnlyAndRefuseToCancelDeliveredOnes() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 100);
        UUID goods = createReward(tenant, reward("goods", 10));
        UUID redemption = idOf(redeem(tenant, member, goods));
        String path = "/api/v1/redemptions/" + redemption + "/fulfilment";
        assertThat(api.get("/api/v1/redemptions/" + redemption, tenant.adminToken()).json().path("fulfilment")
                .asString()).isEqualTo("placed");

        Api.Response shipped = api.post(path, tenant.adminToken(), null,
                Map.of("status", "shipped", "trackingNumber", "SF123"));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
        assertThat(shipped.json().path("fulfilment").asString()).isEqualTo("shipped");
        assertThat(shipped.json().path("trackingNumber").asString()).isEqualTo("SF123");
        Api.Response back = api.post(path, tenant.adminToken(), null, Map.of("status", "placed"));
        assertThat(back.status()).as(back.toString()).isEqualTo(409);
        assertThat(back.code()).isEqualTo("fulfilment_backwards");
        assertThat(api.post(path, tenant.adminToken(), null, Map.of("status", "shipped")).status()).isEqualTo(200);
        assertThat(api.post(path, tenant.adminToken(), null, Map.of("status", "delivered")).json().path("fulfilment")
                .asString()).isEqualTo("delivered");

        Api.Response cancelDelivered = cancel(tenant, redemption, key());
        assertThat(cancelDelivered.status()).as(cancelDelivered.toString()).isEqualTo(409);
        assertThat(cancelDelivered.code()).isEqualTo("already_delivered");
        assertThat(balance(tenant, member)).isEqualTo(90);

        UUID service = createReward(tenant, reward("service", 10));
        UUID serviceRedemption = idOf(redeem(tenant, member, service));
        Api.Response notGoods = api.post("/api/v1/redemptions/" + serviceRedemption + "/fulfilment",
                tenant.adminToken(), null, Map.of("status", "shipped"));
        assertThat(notGoods.status()).isEqualTo(409);
        assertThat(notGoods.code()).isEqualTo("not_goods");

        UUID placed = idOf(redeem(tenant, member, goods));
        assertThat(cancel(tenant, placed, key()).status()).isEqualTo(200);
        Api.Response shipCancelled = api.post("/api/v1/redemptions/" + placed + "/fulfilment", tenant.adminToken(),
                null, Map.of("status", "shipped"));
        assertThat(shipCancelled.status()).isEqualTo(409);
        assertThat(shipCancelled.code()).isEqualTo("redemption_cancelled");
        Api.Response badStatus = api.post(path, tenant.adminToken(), null, Map.of("status", "lost"));
        assertThat(badStatus.status()).isEqualTo(400);
    }

    @Test
    void shouldVoidTheCouponCodeOfACancelledRedemption() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 10);
        UUID coupon = createReward(tenant, reward("coupon", 5));
        api.post("/api/v1/rewards/" + coupon + "/coupon-codes", tenant.adminToken(), null,
                Map.of("codes", List.of("ONLY-ONE")));
        Api.Response redeemed = redeem(tenant, member, coupon);
        assertThat(redeemed.json().path("couponCode").asString()).isEqualTo("ONLY-ONE");

        Api.Response cancelled = cancel(tenant, idOf(redeemed), key());

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(balance(tenant, member)).isEqualTo(10);
        assertThat(jdbc.queryForObject("select status from coupon_code where tenant_id = ?", String.class,
                tenant.id())).isEqualTo("voided");
        Api.Response next = redeem(tenant, member, coupon);
        assertThat(next.status()).as(next.toString()).isEqualTo(409);
        assertThat(next.code()).isEqualTo("out_of_stock");
    }

    @Test
    void shouldListRedemptionsByMemberAndStatus() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID other = newMember(tenant);
        earn(tenant, member, 100);
        earn(tenant, other, 100);
        UUID goods = createReward(tenant, reward("goods", 10));
        UUID first = idOf(redeem(tenant, member, goods));
        redeem(tenant, member, goods);
        redeem(tenant, other, goods);
        cancel(tenant, first, key());

        Api.Response mine = api.get("/api/v1/redemptions?memberId=" + member, tenant.adminToken());
        Api.Response cancelled = api.get("/api/v1/redemptions?memberId=" + member + "&status=cancelled",
                tenant.adminToken());
        Api.Response placed = api.get("/api/v1/redemptions?status=placed&size=1", tenant.adminToken());

        assertThat(mine.json().path("items").size()).isEqualTo(2);
        assertThat(cancelled.json().path("items").size()).isEqualTo(1);
        assertThat(cancelled.json().path("items").get(0).path("id").asString()).isEqualTo(first.toString());
        assertThat(placed.json().path("items").size()).isEqualTo(1);
        assertThat(placed.json().path("hasMore").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/redemptions?status=lost", tenant.adminToken()).status()).isEqualTo(400);
    }

    private long remaining(Tenant tenant, UUID lot) {
        return jdbc.queryForObject("select remaining from lot where tenant_id = ? and id = ?", Long.class,
                tenant.id(), lot);
    }

    private Timestamp expiresAt(Tenant tenant, UUID lot) {
        return jdbc.queryForObject("select expires_at from lot where tenant_id = ? and id = ?", Timestamp.class,
                tenant.id(), lot);
    }
}
