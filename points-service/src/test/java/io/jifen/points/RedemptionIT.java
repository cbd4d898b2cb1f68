package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
        assertThat(jdbc.queryForList("select type from outbox_event where tenant_id = ? order by seq, position",
                String.class, tenant.id())).contains("points.redeemed", "reward.redeemed");
        Api.Response poor = redeem(tenant, member, reward, 2, key());
        assertThat(poor.status()).as(poor.toString()).isEqualTo(422);
        assertThat(poor.code()).isEqualTo("insufficient_points");
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(3);
    }

    @Test
    void shouldEnforceDailyAndLifetimeLimitsPerMember() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID other = newMember(tenant);
        earn(tenant, member, 100);
        earn(tenant, other, 100);
        UUID daily = createReward(tenant, with(reward("service", 1), "dailyLimit", 2));
        UUID lifetime = createReward(tenant, with(reward("service", 1), "lifetimeLimit", 3));

        assertThat(redeem(tenant, member, daily, 2, key()).status()).isEqualTo(201);
        Api.Response overDaily = redeem(tenant, member, daily);
        assertThat(overDaily.status()).as(overDaily.toString()).isEqualTo(422);
        assertThat(overDaily.code()).isEqualTo("daily_limit_reached");
        assertThat(redeem(tenant, other, daily).status()).as("another member's allowance").isEqualTo(201);
        jdbc.update("update redemption set created_at = created_at - interval '1 day' where tenant_id = ?"
                + " and member_id = ? and reward_id = ?", tenant.id(), member, daily);
        assertThat(redeem(tenant, member, daily).status()).as("a new day").isEqualTo(201);

        UUID first = idOf(redeem(tenant, member, lifetime, 3, key()));
        Api.Response overLifetime = redeem(tenant, member, lifetime);
        assertThat(overLifetime.status()).isEqualTo(422);
        assertThat(overLifetime.code()).isEqualTo("lifetime_limit_reached");
        cancel(tenant, first, key());
        assertThat(redeem(tenant, member, lifetime).status()).as("a cancelled redemption does not count")
                .isEqualTo(201);
        assertThat(balance(tenant, member)).isEqualTo(100 - 3 - 1);
    }

    @Test
    void shouldCountTheDailyLimitFromMidnightInTheTenantsTimeZone() {
        Tenant tenant = newTenant();
        jdbc.update("insert into tenant_settings (tenant_id, timezone) values (?, 'Asia/Shanghai')", tenant.id());
        UUID member = newMember(tenant);
        earn(tenant, member, 100);
        UUID daily = createReward(tenant, with(reward("service", 1), "dailyLimit", 1));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant shanghaiMidnight = LocalDate.now(shanghai).atStartOfDay(shanghai).toInstant();
        UUID first = idOf(redeem(tenant, member, daily));

        // Shanghai's day starts 8 hours before or 16 hours after UTC's, so one of these two fails a UTC count.
        moveTo(tenant, first, shanghaiMidnight.minusSeconds(1));
        Api.Response yesterday = redeem(tenant, member, daily);
        assertThat(yesterday.status()).as("a redemption before the tenant's midnight: " + yesterday).isEqualTo(201);
        moveTo(tenant, idOf(yesterday), shanghaiMidnight);
        Api.Response today = redeem(tenant, member, daily);
        assertThat(today.status()).as("one at the tenant's midnight counts: " + today).isEqualTo(422);
        assertThat(today.code()).isEqualTo("daily_limit_reached");
    }

    private void moveTo(Tenant tenant, UUID redemption, Instant createdAt) {
        jdbc.update("update redemption set created_at = ? where tenant_id = ? and id = ?",
                java.sql.Timestamp.from(createdAt), tenant.id(), redemption);
    }

    @Test
    void shouldRefuseMembersOutsideTheTiersTheWindowOrFrozen() {
        Tenant tenant = newTenant();
        UUID gold = MemberServiceStub.registerInTier(tenant.id(), "gold");
        UUID silver = MemberServiceStub.registerInTier(tenant.id(), "silver");
        UUID noTier = newMember(tenant);
        for (UUID member : List.of(gold, silver, noTier)) {
            earn(tenant, member, 50);
        }
        UUID goldOnly = createReward(tenant, with(reward("service", 5), "allowedTiers", List.of("gold", "platinum")));
        assertThat(redeem(tenant, gold, goldOnly).status()).isEqualTo(201);
        for (UUID member : List.of(silver, noTier)) {
            Api.Response refused = redeem(tenant, member, goldOnly);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("tier_not_eligible");
        }

        UUID future = createReward(tenant, with(reward("service", 5), "availableFrom", "2999-01-01T00:00:00Z"));
        UUID past = createReward(tenant, with(with(reward("service", 5), "availableFrom", "2000-01-01T00:00:00Z"),
                "availableUntil", "2001-01-01T00:00:00Z"));
        UUID inactive = createReward(tenant, with(reward("service", 5), "active", false));
        for (UUID reward : List.of(future, past, inactive)) {
            Api.Response refused = redeem(tenant, gold, reward);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("reward_not_available");
        }
        UUID open = createReward(tenant, with(with(reward("service", 5), "availableFrom", "2000-01-01T00:00:00Z"),
                "availableUntil", "2999-01-01T00:00:00Z"));
        assertThat(redeem(tenant, silver, open).status()).isEqualTo(201);

        UUID frozen = newMember(tenant);
        earn(tenant, frozen, 50);
        jdbc.update("update member set status = 'frozen' where tenant_id = ? and member_id = ?", tenant.id(), frozen);
        Api.Response refused = redeem(tenant, frozen, open);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("member_frozen");
        assertThat(balance(tenant, frozen)).isEqualTo(50);
        assertThat(redemptions(tenant)).isEqualTo(2);
    }

    @Test
    void shouldReplayARepeatedRedemptionAndDebitOnce() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 100);
        UUID reward = createReward(tenant, with(reward("service", 10), "stock", 10));
        String key = key();

        Api.Response first = redeem(tenant, member, reward, 1, key);
        Api.Response repeat = redeem(tenant, member, reward, 1, key);
        Api.Response otherBody = redeem(tenant, member, reward, 2, key);
        Api.Response noKey = redeem(tenant, member, reward, 1, null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.code()).isEqualTo("idempotency_key_reused");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(balance(tenant, member)).isEqualTo(90);
        assertThat(redemptions(tenant)).isEqualTo(1);
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(9);
    }

    @Test
    void shouldAnswer404AndChangeNothingWhenTenantBNamesTenantAsRewardsAndRedemptions() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        UUID member = newMember(a);
        earn(a, member, 100);
        UUID coupon = createReward(a, with(reward("coupon", 10), "stock", 5));
        api.post("/api/v1/rewards/" + coupon + "/coupon-codes", a.adminToken(), null, Map.of("codes", List.of("A")));
        UUID goods = createReward(a, reward("goods", 10));
        UUID redemption = idOf(redeem(a, member, goods));
        UUID memberOfB = newMember(b);
        earn(b, memberOfB, 100);

        List<Api.Response> attempts = List.of(
                api.get("/api/v1/rewards/" + coupon, b.adminToken()),
                api.put("/api/v1/rewards/" + coupon, b.adminToken(), reward("coupon", 1)),
                api.post("/api/v1/rewards/" + coupon + "/coupon-codes", b.adminToken(), null,
                        Map.of("codes", List.of("B"))),
                redeem(b, memberOfB, coupon, 1, key()),
                redeem(b, member, goods, 1, key()),
                api.get("/api/v1/redemptions/" + redemption, b.adminToken()),
                cancel(b, redemption, key()),
                api.post("/api/v1/redemptions/" + redemption + "/fulfilment", b.adminToken(), null,
                        Map.of("status", "delivered")));

        for (Api.Response attempt : attempts) {
            assertThat(attempt.status()).as(attempt.toString()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/rewards", b.adminToken()).json().path("items").size()).isZero();
        assertThat(api.get("/api/v1/redemptions", b.adminToken()).json().path("items").size()).isZero();
        Api.Response reward = api.get("/api/v1/rewards/" + coupon, a.adminToken());
        assertThat(reward.longAt("pointsCost")).isEqualTo(10);
        assertThat(reward.longAt("couponCodesAvailable")).isEqualTo(1);
        Api.Response unchanged = api.get("/api/v1/redemptions/" + redemption, a.adminToken());
        assertThat(unchanged.json().path("status").asString()).isEqualTo("completed");
        assertThat(unchanged.json().path("fulfilment").asString()).isEqualTo("placed");
        assertThat(balance(a, member)).isEqualTo(90);
        assertThat(balance(b, memberOfB)).isEqualTo(100);
        assertThat(redemptions(b)).isZero();
    }

    @Test
    void shouldAnswer400ForBadRedemptionsAndStoreNothing() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        earn(tenant, member, 100);
        UUID reward = createReward(tenant, with(reward("service", 1), "stock", 10));
        String m = member.toString();
        String r = reward.toString();
        List<String> bad = List.of(
                body(m, r, "0"), body(m, r, "-1"), body(m, r, "1001"), body(m, r, "99999999999999999999"),
                body(m, r, "\"ten\""), body(m, r, "1.5"), body(m, r, "null"), body("12", r, "1"),
                body(m, "not-a-uuid", "1"),
                "{\"memberId\":\"" + m + "\",\"rewardId\":\"" + r + "\",\"quantity\":1,\"pointsSpent\":0}",
                "{\"memberId\":\"" + m + "\",\"rewardId\":\"" + r + "\",\"quantity\":1,\"tenantId\":\"x\"}",
                "{\"memberId\":\"" + m + "\",\"rewardId\":\"" + r + "\"}",
                "{\"quantity\": [[[[[[]]]]]]}", "not json", "");
        for (String body : bad) {
            Api.Response response = api.post("/api/v1/redemptions", tenant.adminToken(), key(), body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
        }
        assertThat(api.post("/api/v1/redemptions/12/cancel", tenant.adminToken(), key(), Map.of()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/redemptions?memberId=nope", tenant.adminToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/redemptions?size=0", tenant.adminToken()).status()).isEqualTo(400);
        Api.Response unknown = redeem(tenant, member, UUID.randomUUID(), 1, key());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("reward_not_found");
        assertThat(redemptions(tenant)).isZero();
        assertThat(balance(tenant, member)).isEqualTo(100);
        assertThat(api.get("/api/v1/rewards/" + reward, tenant.adminToken()).longAt("stock")).isEqualTo(10);
    }

    private static String body(String member, String reward, String quantity) {
        return "{\"memberId\":\"" + member + "\",\"rewardId\":\"" + reward + "\",\"quantity\":" + quantity + "}";
    }
}
