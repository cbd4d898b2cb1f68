package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.member.MemberServiceTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Upgrades decided by the purchase consumer: at the threshold, within the window, never down. */
class TierUpgradeIT extends MemberServiceTestBase {

    @Test
    void shouldUpgradeExactlyAtTheThresholdCountingOnlyTheWindow() {
        Tenant tenant = newTenant();
        assertThat(api.put("/api/v1/tiers", tenant.admin(), TierIT.SILVER_GOLD_PLATINUM).status()).isEqualTo(200);
        String id = register(tenant).get("id").asString();
        Instant now = Instant.now();

        purchase(tenant, id, "old", "700", now.atOffset(ZoneOffset.UTC).minusMonths(13).toInstant());
        purchase(tenant, id, "almost", "999.99", now);
        awaitPurchases(tenant, id, 2);
        JsonNode below = tierOf(tenant, id);
        purchase(tenant, id, "enough", "1", now);
        awaitPurchases(tenant, id, 3);

        assertThat(below.get("growthValue").asLong()).isEqualTo(999);
        assertThat(below.get("tier").get("code").asString()).isEqualTo("silver");
        JsonNode reached = tierOf(tenant, id);
        assertThat(reached.get("growthValue").asLong()).isEqualTo(1000);
        assertThat(reached.get("tier").get("code").asString()).isEqualTo("gold");
        assertThat(outboxPayloads("tier.changed", id)).singleElement()
                .satisfies(p -> assertThat(p).contains("\"to\": \"gold\"", TierUpgrades.REASON));
    }

    @Test
    void shouldNeverLowerATierOnARefundOrASmallerPurchase() {
        Tenant tenant = newTenant();
        api.put("/api/v1/tiers", tenant.admin(), TierIT.SILVER_GOLD_PLATINUM);
        String id = register(tenant).get("id").asString();
        purchase(tenant, id, "o-1", "1200", Instant.now());
        publish(tenant, "purchase.refunded", Map.of("memberId", id, "orderId", "o-1", "refundId", "r-1",
                "amount", "900"));
        purchase(tenant, id, "o-2", "10", Instant.now());

        awaitPurchases(tenant, id, 2);

        JsonNode tier = tierOf(tenant, id);
        assertThat(tier.get("growthValue").asLong()).isEqualTo(1200 - 900 + 10);
        assertThat(tier.get("tier").get("code").asString()).isEqualTo("gold");
        assertThat(outboxPayloads("tier.changed", id)).hasSize(1);
    }

    @Test
    void shouldKeepAMemberOnTheTopTierThereWhileItsGrowthStillCounts() {
        Tenant tenant = newTenant();
        api.put("/api/v1/tiers", tenant.admin(), TierIT.SILVER_GOLD_PLATINUM);
        String id = register(tenant).get("id").asString();
        assertThat(api.post("/api/v1/members/" + id + "/tier", tenant.admin(), Map.of("tierCode", "platinum",
                "reason", "VIP", "mode", "one-off")).status()).isEqualTo(200);

        purchase(tenant, id, "o-1", "20", Instant.now());
        awaitPurchases(tenant, id, 1);

        JsonNode tier = tierOf(tenant, id);
        assertThat(tier.get("tier").get("code").asString()).isEqualTo("platinum");
        assertThat(tier.get("growthValue").asLong()).isEqualTo(20);
        assertThat(outboxPayloads("tier.changed", id)).singleElement()
                .satisfies(p -> assertThat(p).contains("VIP"));
    }

    @Test
    void shouldEvaluateTheNextPurchaseWithTheLadderAsItWasJustReplaced() {
        Tenant tenant = newTenant();
        api.put("/api/v1/tiers", tenant.admin(), TierIT.SILVER_GOLD_PLATINUM);
        String id = register(tenant).get("id").asString();
        purchase(tenant, id, "o-1", "900", Instant.now());
        awaitPurchases(tenant, id, 1); // evaluated with gold at 1000: still silver, and that ladder is now cached

        // Gold moves out of reach: 1100 would have reached the old threshold.
        api.put("/api/v1/tiers", tenant.admin(), TierIT.ladder(List.of(TierIT.tier("silver", "Silver", 0),
                TierIT.tier("gold", "Gold", 2000), TierIT.tier("platinum", "Platinum", 5000))));
        purchase(tenant, id, "o-2", "200", Instant.now());
        awaitPurchases(tenant, id, 2);
        String afterRaise = tierOf(tenant, id).get("tier").get("code").asString();
        // Gold comes within reach: 1101 is below the previous threshold.
        api.put("/api/v1/tiers", tenant.admin(), TierIT.ladder(List.of(TierIT.tier("silver", "Silver", 0),
                TierIT.tier("gold", "Gold", 1050), TierIT.tier("platinum", "Platinum", 5000))));
        purchase(tenant, id, "o-3", "1", Instant.now());
        awaitPurchases(tenant, id, 3);

        assertThat(afterRaise).isEqualTo("silver");
        assertThat(tierOf(tenant, id).get("tier").get("code").asString()).isEqualTo("gold");
    }

    @Test
    void shouldEvaluateEachTenantWithItsOwnLadderAndOnlyItsOwnMembers() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        api.put("/api/v1/tiers", a.admin(), TierIT.SILVER_GOLD_PLATINUM);
        api.put("/api/v1/tiers", b.admin(), TierIT.ladder(List.of(TierIT.tier("silver", "Silver", 0),
                TierIT.tier("gold", "Gold", 100))));
        String ofA = register(a).get("id").asString();
        String ofB = register(b).get("id").asString();

        purchase(b, ofB, "b-1", "500", Instant.now());
        purchase(b, ofA, "b-2", "5000", Instant.now()); // names a member B does not have
        purchase(a, ofA, "a-1", "500", Instant.now());
        awaitPurchases(b, ofB, 1);
        awaitPurchases(a, ofA, 1);

        assertThat(tierOf(b, ofB).get("tier").get("code").asString()).isEqualTo("gold");
        JsonNode tier = tierOf(a, ofA);
        assertThat(tier.get("tier").get("code").asString()).isEqualTo("silver");
        assertThat(tier.get("growthValue").asLong()).isEqualTo(500);
    }

    void purchase(Tenant tenant, String memberId, String orderId, String amount, Instant at) {
        publish(tenant, "purchase.recorded", Map.of("memberId", memberId, "orderId", orderId, "amount", amount,
                "currency", "CNY", "occurredAt", at.toString()));
    }

    /** Events of one tenant are handled in stream order: once the last purchase counts, the ones before it did. */
    void awaitPurchases(Tenant tenant, String memberId, long count) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get("/api/v1/members/" + memberId,
                tenant.staff()).json().get("stats").get("purchaseCount").asLong()).isEqualTo(count));
    }

    JsonNode tierOf(Tenant tenant, String memberId) {
        return api.get("/api/v1/members/" + memberId + "/tier", tenant.staff()).json();
    }
}
