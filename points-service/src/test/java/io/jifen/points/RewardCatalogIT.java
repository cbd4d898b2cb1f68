package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RewardCatalogIT extends RewardTestBase {

    @Test
    void shouldCreateReadListAndReplaceRewards() {
        Tenant tenant = newTenant();
        Map<String, Object> body = with(with(with(with(reward("goods", 500), "stock", 10), "dailyLimit", 1),
                "allowedTiers", List.of("gold")), "imageUrl", "https://cdn.example.com/mug.png");
        Api.Response created = api.post("/api/v1/rewards", tenant.adminToken(), null,
                with(body, "description", "A mug"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = idOf(created);
        assertThat(created.json().path("type").asString()).isEqualTo("goods");
        assertThat(created.longAt("stock")).isEqualTo(10);
        assertThat(created.json().path("allowedTiers").get(0).asString()).isEqualTo("gold");
        assertThat(created.json().path("active").asBoolean()).isTrue();

        Api.Response replaced = api.put("/api/v1/rewards/" + id, tenant.adminToken(),
                with(reward("goods", 300), "available" + "Until", "2030-01-01T00:00:00Z"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.longAt("pointsCost")).isEqualTo(300);
        assertThat(replaced.json().path("stock").isNull()).isTrue();
        assertThat(replaced.json().path("availableUntil").asString()).isEqualTo("2030-01-01T00:00:00Z");

        String staff = TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");
        Api.Response one = api.get("/api/v1/rewards/" + id, staff);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.longAt("pointsCost")).isEqualTo(300);
        createReward(tenant, reward("service", 20));
        Api.Response list = api.get("/api/v1/rewards?type=goods", staff);
        assertThat(list.json().path("items").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/rewards", staff).json().path("items").size()).isEqualTo(2);

        Api.Response typeChange = api.put("/api/v1/rewards/" + id, tenant.adminToken(), reward("coupon", 300));
        assertThat(typeChange.status()).as(typeChange.toString()).isEqualTo(409);
        assertThat(typeChange.code()).isEqualTo("reward_type_fixed");
    }

    @Test
    void shouldLetOnlyTenantAdminsWriteTheCatalog() {
        Tenant tenant = newTenant();
        String staff = TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");
        UUID id = createReward(tenant, reward("coupon", 5));
        List<Api.Response> refused = List.of(
                api.post("/api/v1/rewards", staff, null, reward("goods", 1)),
                api.put("/api/v1/rewards/" + id, staff, reward("coupon", 1)),
                api.post("/api/v1/rewards/" + id + "/coupon-codes", staff, null, Map.of("generate", 3)));
        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/rewards/" + id, tenant.adminToken()).longAt("pointsCost")).isEqualTo(5);
        assertThat(api.get("/api/v1/rewards/" + id, tenant.adminToken()).longAt("couponCodesAvailable")).isZero();

        UUID member = newMember(tenant);
        earn(tenant, member, 10);
        UUID service = createReward(tenant, reward("service", 4));
        Api.Response byStaff = api.post("/api/v1/redemptions", staff, key(),
                Map.of("memberId", member.toString(), "rewardId", service.toString(), "quantity", 1));
        assertThat(byStaff.status()).as(byStaff.toString()).isEqualTo(201);
        assertThat(api.get("/api/v1/redemptions/" + idOf(byStaff), staff).status()).isEqualTo(200);
    }

    @Test
    void shouldImportAndGenerateCouponCodesForCouponRewardsOnly() {
        Tenant tenant = newTenant();
        UUID coupon = createReward(tenant, reward("coupon", 5));
        Api.Response imported = api.post("/api/v1/rewards/" + coupon + "/coupon-codes", tenant.adminToken(), null,
                Map.of("codes", List.of("A-1", "A-2", "A-2")));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.longAt("added")).isEqualTo(2);
        assertThat(imported.longAt("skipped")).isEqualTo(1);
        Api.Response generated = api.post("/api/v1/rewards/" + coupon + "/coupon-codes", tenant.adminToken(), null,
                Map.of("generate", 5));
        assertThat(generated.longAt("added")).isEqualTo(5);
        assertThat(generated.longAt("available")).isEqualTo(7);
        assertThat(generated.json().path("generated").size()).isEqualTo(5);

        UUID goods = createReward(tenant, reward("goods", 5));
        Api.Response notCoupon = api.post("/api/v1/rewards/" + goods + "/coupon-codes", tenant.adminToken(), null,
                Map.of("codes", List.of("X")));
        assertThat(notCoupon.status()).as(notCoupon.toString()).isEqualTo(409);
        assertThat(notCoupon.code()).isEqualTo("not_a_coupon_reward");
    }

    @Test
    void shouldAnswer400ForBadRewardsAndStoreNothing() {
        Tenant tenant = newTenant();
        Map<String, Object> good = reward("goods", 10);
        List<Object> bad = new ArrayList<>(List.of(
                with(good, "pointsCost", -1), with(good, "pointsCost", 0), with(good, "pointsCost", "ten"),
                with(good, "pointsCost", 1.5), with(good, "pointsCost", "99999999999999999999999"),
                with(good, "stock", -1), with(good, "dailyLimit", 0), with(good, "type", "car"),
                with(good, "name", "n".repeat(201)), with(good, "description", "d".repeat(4001)),
                with(good, "imageUrl", "not a url"), with(good, "imageUrl", "javascript:alert(1)"),
                with(good, "imageUrl", "ftp://example.com/x.png"), with(good, "tenantId", tenant.id().toString()),
                with(good, "id", UUID.randomUUID().toString()), with(good, "allowedTiers", List.of("")),
                with(with(good, "availableFrom", "2030-01-02T00:00:00Z"), "availableUntil", "2030-01-01T00:00:00Z"),
                with(good, "availableFrom", "yesterday"), with(good, "couponCodesAvailable", 5),
                "{\"type\": [[[[[[]]]]]]}", "not json", ""));
        for (Object body : bad) {
            Api.Response response = api.post("/api/v1/rewards", tenant.adminToken(), null, body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isNotBlank();
        }
        assertThat(jdbc.queryForObject("select count(*) from reward where tenant_id = ?", Long.class, tenant.id()))
                .isZero();

        UUID coupon = createReward(tenant, reward("coupon", 5));
        List<Object> badCodes = List.of(Map.of(), Map.of("generate", 0), Map.of("generate", 10_001),
                Map.of("codes", List.of()), Map.of("codes", List.of("x".repeat(65))),
                Map.of("codes", List.of("has space")), Map.of("codes", List.of("A"), "generate", 1));
        for (Object body : badCodes) {
            Api.Response response = api.post("/api/v1/rewards/" + coupon + "/coupon-codes", tenant.adminToken(),
                    null, body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
        }
        assertThat(jdbc.queryForObject("select count(*) from coupon_code where tenant_id = ?", Long.class,
                tenant.id())).isZero();
        assertThat(api.put("/api/v1/rewards/" + coupon, tenant.adminToken(), with(reward("coupon", 5), "stock", -3))
                .status()).isEqualTo(400);
        assertThat(api.get("/api/v1/rewards?size=1000", tenant.adminToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/rewards/12", tenant.adminToken()).status()).isEqualTo(400);
    }
}
