package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Helpers for the rewards and redemption suites: a catalog, points from purchases, redemptions. */
abstract class RewardTestBase extends PointsServiceTestBase {

    /** A reward body: unlimited stock, no limits, every tier, always available. */
    static Map<String, Object> reward(String type, long pointsCost) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("name", type + " costing " + pointsCost);
        body.put("pointsCost", pointsCost);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    UUID createReward(Tenant tenant, Map<String, Object> body) {
        Api.Response response = api.post("/api/v1/rewards", tenant.adminToken(), null, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    /** Gives the member {@code points} points from a purchase of that many whole units (the default program). */
    UUID earn(Tenant tenant, UUID member, long points) {
        String orderId = "order-" + UUID.randomUUID();
        Api.Response response = recordPurchase(tenant, member, orderId, points + ".00");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return jdbc.queryForObject("""
                select l.id from lot l join purchase p on p.tenant_id = l.tenant_id and p.entry_id = l.source_entry_id
                where p.tenant_id = ? and p.order_id = ?""", UUID.class, tenant.id(), orderId);
    }

    Api.Response redeem(Tenant tenant, UUID member, UUID reward, Object quantity, String idempotencyKey) {
        return api.post("/api/v1/redemptions", tenant.adminToken(), idempotencyKey,
                Map.of("memberId", member.toString(), "rewardId", reward.toString(), "quantity", quantity));
    }

    Api.Response redeem(Tenant tenant, UUID member, UUID reward) {
        return redeem(tenant, member, reward, 1, key());
    }

    Api.Response cancel(Tenant tenant, UUID redemption, String idempotencyKey) {
        return api.post("/api/v1/redemptions/" + redemption + "/cancel", tenant.adminToken(), idempotencyKey,
                Map.of());
    }

    static UUID idOf(Api.Response response) {
        return UUID.fromString(response.json().path("id").asString());
    }

    long redemptions(Tenant tenant) {
        return jdbc.queryForObject("select count(*) from redemption where tenant_id = ?", Long.class, tenant.id());
    }
}
