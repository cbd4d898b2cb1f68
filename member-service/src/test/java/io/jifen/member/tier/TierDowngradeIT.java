package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jifen.member.MemberServiceTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TierDowngradeIT extends MemberServiceTestBase {

    @Autowired
    TierDowngradeJob job;

    @Test
    void shouldDowngradeAfterTheWindowAndGraceButKeepFloorsQualifiedMembersAndMembersInGrace() {
        Tenant tenant = newTenant();
        var ladder = Map.of("tiers", List.of(TierIT.tier("silver", "Silver", 0), TierIT.tier("gold", "Gold", 1000)),
                "qualification", Map.of("basis", "rolling", "windowMonths", 12, "downgradePolicy", "scheduled",
                        "graceDays", 30));
        assertThat(api.put("/api/v1/tiers", tenant.admin(), ladder).status()).isEqualTo(200);
        String lapsed = goldOneOff(tenant);
        String floored = register(tenant).get("id").asString();
        api.post("/api/v1/members/" + floored + "/tier", tenant.admin(),
                Map.of("tierCode", "gold", "reason", "partner", "mode", "floor"));
        String inGrace = goldOneOff(tenant);
        String qualified = register(tenant).get("id").asString();
        publish(tenant, "purchase.recorded", Map.of("memberId", qualified, "orderId", "big", "amount", "1500",
                "currency", "CNY", "occurredAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tierOf(tenant, qualified)).isEqualTo("gold"));
        backdateTier(tenant, lapsed, "14 months");
        backdateTier(tenant, floored, "14 months");
        backdateTier(tenant, qualified, "14 months");
        backdateTier(tenant, inGrace, "12 months 10 days");

        job.runOnce(Instant.now());
        job.runOnce(Instant.now());

        assertThat(tierOf(tenant, lapsed)).isEqualTo("silver");
        assertThat(tierOf(tenant, floored)).isEqualTo("gold");
        assertThat(tierOf(tenant, inGrace)).isEqualTo("gold");
        assertThat(tierOf(tenant, qualified)).isEqualTo("gold");
        assertThat(outboxPayloads("tier.changed", lapsed)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("\"to\": \"silver\"", TierReevaluation.REASON));
        assertThat(outboxPayloads("tier.changed", qualified)).hasSize(1);
        assertThat(api.get("/api/v1/members/" + qualified + "/tier", tenant.staff()).json()
                .get("nextEvaluationAt").asString()).startsWith(String.valueOf(Instant.now().atZone(
                        java.time.ZoneOffset.UTC).plusMonths(12).plusDays(30).getYear()));
    }

    private String goldOneOff(Tenant tenant) {
        String id = register(tenant).get("id").asString();
        assertThat(api.post("/api/v1/members/" + id + "/tier", tenant.admin(),
                Map.of("tierCode", "gold", "reason", "welcome gift", "mode", "one-off")).status()).isEqualTo(200);
        return id;
    }

    private void backdateTier(Tenant tenant, String memberId, String interval) {
        // Time travel for the test only: the tier was granted long ago.
        jdbc.update("update member set tier_since = now() - ?::interval where tenant_id = ? and id = ?",
                interval, UUID.fromString(tenant.id()), UUID.fromString(memberId));
    }

    private String tierOf(Tenant tenant, String id) {
        return api.get("/api/v1/members/" + id + "/tier", tenant.staff()).json().get("tier").get("code").asString();
    }
}
