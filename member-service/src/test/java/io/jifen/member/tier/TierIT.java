package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.member.MemberServiceTestBase;
import io.jifen.testsupport.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TierIT extends MemberServiceTestBase {

    static Map<String, Object> tier(String code, String name, long threshold) {
        return Map.of("code", code, "name", name, "threshold", threshold, "benefits", Map.of(
                "pointsMultiplier", 1.5, "discountPercent", 5, "birthdayBonus", 100, "perks", List.of("lounge")));
    }

    static Map<String, Object> ladder(List<Map<String, Object>> tiers) {
        return Map.of("tiers", tiers, "qualification", Map.of(
                "basis", "rolling", "windowMonths", 12, "downgradePolicy", "never", "graceDays", 0));
    }

    static final Map<String, Object> SILVER_GOLD_PLATINUM = ladder(List.of(tier("silver", "Silver", 0),
            tier("gold", "Gold", 1000), tier("platinum", "Platinum", 5000)));

    @Test
    void shouldGiveANewTenantAOneTierDefaultLadder() {
        JsonNode ladder = api.get("/api/v1/tiers", newTenant().staff()).json();

        assertThat(ladder.get("tiers")).hasSize(1);
        assertThat(ladder.get("tiers").get(0).get("code").asString()).isEqualTo("member");
        assertThat(ladder.get("tiers").get(0).get("threshold").asLong()).isZero();
        assertThat(ladder.get("qualification").get("basis").asString()).isEqualTo("rolling");
    }

    @Test
    void shouldRefuseLaddersWithDuplicateCodesOrThresholdsNotRisingFromZero() {
        Tenant tenant = newTenant();

        for (var bad : List.of(ladder(List.of(tier("a", "A", 0), tier("a", "A2", 10))),
                ladder(List.of(tier("a", "A", 5))), ladder(List.of(tier("a", "A", 0), tier("b", "B", 0))))) {
            TestHttp.Response response = api.put("/api/v1/tiers", tenant.admin(), bad);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().get("code").asString()).isEqualTo("invalid_tier_ladder");
        }
        assertThat(api.put("/api/v1/tiers", tenant.staff(), SILVER_GOLD_PLATINUM).status()).isEqualTo(403);
    }

    @Test
    void shouldUpgradeAMemberAsSoonAsAPurchaseQualifies() {
        Tenant tenant = newTenant();
        assertThat(api.put("/api/v1/tiers", tenant.admin(), SILVER_GOLD_PLATINUM).status()).isEqualTo(200);
        String id = register(tenant).get("id").asString();
        assertThat(tierOf(tenant, id).get("tier").get("code").asString()).isEqualTo("silver");

        publish(tenant, "purchase.recorded", Map.of("memberId", id, "orderId", "o-1", "amount", "1200.80",
                "currency", "CNY", "occurredAt", java.time.Instant.now().toString()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(tierOf(tenant, id).get("tier").get("code").asString()).isEqualTo("gold"));
        JsonNode tier = tierOf(tenant, id);
        assertThat(tier.get("growthValue").asLong()).isEqualTo(1200);
        assertThat(tier.get("nextTier").get("code").asString()).isEqualTo("platinum");
        assertThat(tier.get("growthToNextTier").asLong()).isEqualTo(3800);
        assertThat(outboxPayloads("tier.changed", id)).singleElement()
                .satisfies(p -> assertThat(p).contains("\"from\": \"silver\"", "\"to\": \"gold\""));
        assertThat(api.get("/api/v1/members/" + id + "/tier/history", tenant.staff()).json()).hasSize(1);
        assertThat(api.put("/api/v1/tiers", tenant.admin(), ladder(List.of(tier("silver", "Silver", 0))))
                .json().get("code").asString()).isEqualTo("tier_in_use");
    }

    @Test
    void shouldKeepAFloorButLetAOneOffAssignmentBeReplacedByTheRules() {
        Tenant tenant = newTenant();
        api.put("/api/v1/tiers", tenant.admin(), SILVER_GOLD_PLATINUM);
        String floored = register(tenant).get("id").asString();
        String oneOff = register(tenant).get("id").asString();

        JsonNode floor = assign(tenant, floored, "gold", "floor");
        JsonNode once = assign(tenant, oneOff, "platinum", "one-off");

        assertThat(floor.get("tier").get("code").asString()).isEqualTo("gold");
        assertThat(floor.get("floor").get("code").asString()).isEqualTo("gold");
        assertThat(once.get("tier").get("code").asString()).isEqualTo("platinum");
        assertThat(once.get("floor").isNull()).isTrue();
        // A one-off may also go down; a floor never lowers a member.
        assertThat(assign(tenant, oneOff, "silver", "one-off").get("tier").get("code").asString()).isEqualTo("silver");
        assertThat(assign(tenant, floored, "silver", "floor").get("tier").get("code").asString()).isEqualTo("gold");
        assertThat(api.post("/api/v1/members/" + floored + "/tier", tenant.staff(),
                Map.of("tierCode", "gold", "reason", "x", "mode", "floor")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/members/" + floored + "/tier", tenant.admin(),
                Map.of("tierCode", "diamond", "reason", "x", "mode", "floor")).json().get("code").asString())
                .isEqualTo("unknown_tier");
        assertThat(api.post("/api/v1/members/" + floored + "/tier", tenant.admin(),
                Map.of("tierCode", "gold", "reason", "x", "mode", "forever")).status()).isEqualTo(400);
    }

    private JsonNode assign(Tenant tenant, String id, String code, String mode) {
        TestHttp.Response response = api.post("/api/v1/members/" + id + "/tier", tenant.admin(),
                Map.of("tierCode", code, "reason", "VIP customer", "mode", mode));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode tierOf(Tenant tenant, String id) {
        return api.get("/api/v1/members/" + id + "/tier", tenant.staff()).json();
    }
}
