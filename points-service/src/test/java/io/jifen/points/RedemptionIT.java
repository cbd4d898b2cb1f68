package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedemptionIT extends RewardTestBase {

    @Test
    void shouldRedeemARewardForPoints() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 100);
        UUID reward = createReward(tenant, with(reward("service", 30), "stock", 5));

        Api.Response redeemed = redeem(tenant, member, reward, 2, key());

        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        assertThat(redeemed.json().path("status").asString()).isEqualTo("completed");
        assertThat(redeemed.longAt("pointsSpent")).isEqualTo(60);
        assertThat(redeemed.longAt("quantity")).isEqualTo(2);
        assertThat(redeemed.longAt("balance")).isEqualTo(40);
        assertThat(balance(tenant, member)).isEqualTo(40);
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(3);
        Api.Response read = api.get("/api/v1/redemptions/" + idOf(redeemed), tenant.adminToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.longAt("pointsSpent")).isEqualTo(60);
        assertThat(jdbc.queryForList("select type from outbox where tenant_id = ? order by occurred_at",
                String.class, tenant.id())).contains("points.redeemed", "reward.redeemed");
        Api.Response poor = redeem(tenant, member, reward, 2, key());
        assertThat(poor.status()).as(poor.toString()).isEqualTo(422);
        assertThat(poor.code()).isEqualTo("insufficient_points");
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(3);
    }
}
