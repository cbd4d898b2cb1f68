package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.testsupport.TestIdentities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VelocityGuardIT extends PointsServiceTestBase {

    private static final String REVIEWS = "/api/v1/points/reviews";

    @Test
    void shouldHoldWhatExceedsTheDailyCapAndActivateItOnceOnApproval() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(150L, null).applyTo(api, tenant);
        credit(tenant, member, 500); // an admin adjustment is not an earning: the cap ignores it

        Api.Response first = recordPurchase(tenant, member, "o-1", "100.00");
        Api.Response second = recordPurchase(tenant, member, "o-2", "100.00");
        JsonNode queue = api.get(REVIEWS, tenant.adminToken()).json().path("items");
        Api.Response pointsWhileHeld = api.get("/api/v1/members/" + member + "/points", tenant.adminToken());
        String id = queue.path(0).path("id").asString();

        Api.Response approved = decide(tenant, id, "approve", "known customer");
        Api.Response approvedAgain = decide(tenant, id, "approve", "known customer, again");
        Api.Response rejectedAfter = decide(tenant, id, "reject", "changed my mind");

        assertThat(first.longAt("pointsHeld")).isZero();
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.longAt("pointsAwarded")).isEqualTo(100);
        assertThat(second.longAt("pointsHeld")).isEqualTo(50);
        assertThat(second.longAt("balance")).isEqualTo(650);
        assertThat(queue).hasSize(1);
        assertThat(queue.path(0).path("points").asLong()).isEqualTo(50);
        assertThat(queue.path(0).path("cause").asString()).isEqualTo("daily-cap");
        assertThat(queue.path(0).path("sourceId").asString()).isEqualTo("o-2");
        assertThat(pointsWhileHeld.longAt("pending")).isEqualTo(50);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("approved");
        assertThat(approved.json().path("decidedBy").asString()).isNotBlank();
        assertThat(approved.json().path("decisionReason").asString()).isEqualTo("known customer");
        assertThat(approvedAgain.status()).isEqualTo(200);
        assertThat(approvedAgain.json().path("decisionReason").asString()).isEqualTo("known customer");
        assertThat(rejectedAfter.status()).isEqualTo(409);
        assertThat(rejectedAfter.code()).isEqualTo("review_decided");
        assertThat(balance(tenant, member)).isEqualTo(700);
        assertThat(jdbc.queryForObject("""
                select count(*) from ledger_entry where tenant_id = ? and kind = 'earn' and source_id = 'o-2'
                  and actor is not null""", Long.class, tenant.id())).as("approval audited on the entry")
                .isEqualTo(1);
        assertThat(api.get(REVIEWS + "?status=open", tenant.adminToken()).json().path("items")).isEmpty();
        assertThat(api.get(REVIEWS + "?status=approved", tenant.adminToken()).json().path("items")).hasSize(1);
    }

    @Test
    void shouldKeepTheDailyCapWhenEarnsArriveAtOnce() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(150L, null).applyTo(api, tenant);
        List<Callable<Api.Response>> purchases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String order = "o-par-" + i;
            purchases.add(() -> recordPurchase(tenant, member, order, "40.00"));
        }

        long held = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(purchases.size())) {
            for (Future<Api.Response> purchase : pool.invokeAll(purchases)) {
                assertThat(purchase.get().status()).as(purchase.get().toString()).isEqualTo(201);
                held += purchase.get().longAt("pointsHeld");
            }
        }

        assertThat(balance(tenant, member)).isEqualTo(150);
        assertThat(held).isEqualTo(6 * 40 - 150);
        assertThat(api.get("/api/v1/members/" + member + "/points", tenant.adminToken()).longAt("pending"))
                .isEqualTo(held);
    }

    @Test
    void shouldHoldAnEarnAboveTheThresholdWholeAndCancelItOnceOnRejection() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(null, 500L).applyTo(api, tenant);

        Api.Response big = recordPurchase(tenant, member, "o-big", "600.00");
        Api.Response small = recordPurchase(tenant, member, "o-small", "500.00");
        String id = api.get(REVIEWS, tenant.adminToken()).json().path("items").path(0).path("id").asString();
        long entriesBefore = entries(tenant);

        Api.Response rejected = decide(tenant, id, "reject", "farming");
        Api.Response rejectedAgain = decide(tenant, id, "reject", "farming");
        Api.Response approvedAfter = decide(tenant, id, "approve", "oops");

        assertThat(big.status()).isEqualTo(201);
        assertThat(big.longAt("pointsHeld")).isEqualTo(600);
        assertThat(big.longAt("balance")).isZero();
        assertThat(small.longAt("pointsHeld")).isZero();
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("rejected");
        assertThat(rejected.json().path("cause").asString()).isEqualTo("above-threshold");
        assertThat(rejectedAgain.status()).isEqualTo(200);
        assertThat(approvedAfter.status()).isEqualTo(409);
        Api.Response points = api.get("/api/v1/members/" + member + "/points", tenant.adminToken());
        assertThat(points.longAt("balance")).isEqualTo(500);
        assertThat(points.longAt("pending")).isZero();
        assertThat(entries(tenant)).isEqualTo(entriesBefore);
    }

    @Test
    void shouldCancelHeldPointsOnARefundAndCloseTheirReview() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(null, 50L).applyTo(api, tenant);
        recordPurchase(tenant, member, "o-h", "80.00");

        Api.Response refund = api.post("/api/v1/purchases/o-h/refunds", tenant.adminToken(), key(),
                Map.of("refundId", "rf-1", "amount", new BigDecimal("80.00")));

        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(refund.longAt("pointsCancelled")).isEqualTo(80);
        assertThat(refund.longAt("pointsReversed")).isZero();
        assertThat(api.get(REVIEWS, tenant.adminToken()).json().path("items")).isEmpty();
        assertThat(api.get(REVIEWS + "?status=cancelled", tenant.adminToken()).json().path("items")).hasSize(1);
        assertThat(api.get("/api/v1/members/" + member + "/points", tenant.adminToken()).longAt("pending")).isZero();
    }

    @Test
    void shouldAnswer404ToAnotherTenantsReviewAndChangeNothing() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(null, 10L).applyTo(api, tenant);
        recordPurchase(tenant, member, "o-iso", "20.00");
        String id = api.get(REVIEWS, tenant.adminToken()).json().path("items").path(0).path("id").asString();

        Api.Response approve = decide(other, id, "approve", "not mine");
        Api.Response reject = decide(other, id, "reject", "not mine");
        Api.Response unknown = decide(tenant, UUID.randomUUID().toString(), "approve", "none");

        for (Api.Response response : new Api.Response[] {approve, reject, unknown}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("review_not_found");
        }
        assertThat(api.get(REVIEWS, other.adminToken()).json().path("items")).isEmpty();
        assertThat(api.get(REVIEWS, tenant.adminToken()).json().path("items").path(0).path("status").asString())
                .isEqualTo("open");
        assertThat(api.get("/api/v1/members/" + member + "/points", tenant.adminToken()).longAt("pending"))
                .isEqualTo(20);
    }

    @Test
    void shouldRefuseBadDecisionsAndLetOnlyAdminsDecide() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().velocity(null, 10L).applyTo(api, tenant);
        recordPurchase(tenant, member, "o-bad", "20.00");
        String id = api.get(REVIEWS, tenant.adminToken()).json().path("items").path(0).path("id").asString();
        String staff = TestIdentities.tenantToken(tenant.id().toString(), "tenant-staff");

        Api.Response noReason = api.post(REVIEWS + "/" + id + "/approve", tenant.adminToken(), key(), Map.of());
        Api.Response extraField = api.post(REVIEWS + "/" + id + "/approve", tenant.adminToken(), key(),
                Map.of("reason", "ok", "points", 1000));
        Api.Response noKey = api.post(REVIEWS + "/" + id + "/approve", tenant.adminToken(), null,
                Map.of("reason", "ok"));
        Api.Response byStaff = api.post(REVIEWS + "/" + id + "/approve", staff, key(), Map.of("reason", "ok"));
        Api.Response badStatus = api.get(REVIEWS + "?status=maybe", tenant.adminToken());
        Api.Response badId = api.post(REVIEWS + "/not-a-uuid/approve", tenant.adminToken(), key(),
                Map.of("reason", "ok"));

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("validation_failed");
        assertThat(extraField.status()).isEqualTo(400);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("idempotency_key_required");
        assertThat(byStaff.status()).isEqualTo(403);
        assertThat(api.get(REVIEWS, staff).status()).isEqualTo(200);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(api.get(REVIEWS, tenant.adminToken()).json().path("items").path(0).path("status").asString())
                .isEqualTo("open");
        assertThat(balance(tenant, member)).isZero();
    }

    private Api.Response decide(Tenant tenant, String id, String decision, String reason) {
        return api.post(REVIEWS + "/" + id + "/" + decision, tenant.adminToken(), key(), Map.of("reason", reason));
    }
}
