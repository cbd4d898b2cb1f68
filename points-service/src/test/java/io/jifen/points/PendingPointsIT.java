package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.points.expiry.LotJobs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PendingPointsIT extends PointsServiceTestBase {

    @Autowired
    LotJobs jobs;

    @Test
    void shouldShowPurchasePointsAsPendingUntilTheWindowEndsAndThenActivateThemOnce() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().pendingDays(14).expiry("days-after-earn", 365).applyTo(api, tenant);
        credit(tenant, member, 5);

        Api.Response purchase = recordPurchase(tenant, member, "o-p", "100.00");
        Api.Response during = points(tenant, member);
        jobs.activatePending(Instant.now().plus(Duration.ofDays(13)));
        Api.Response early = points(tenant, member);
        jobs.activatePending(Instant.now().plus(Duration.ofDays(15)));
        jobs.activatePending(Instant.now().plus(Duration.ofDays(15)));
        Api.Response after = points(tenant, member);

        assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
        assertThat(purchase.longAt("pointsAwarded")).isEqualTo(100);
        assertThat(purchase.longAt("pointsPending")).isEqualTo(100);
        assertThat(purchase.longAt("balance")).isEqualTo(5);
        assertThat(during.longAt("balance")).isEqualTo(5);
        assertThat(during.longAt("pending")).isEqualTo(100);
        assertThat(early.json()).isEqualTo(during.json());
        assertThat(after.longAt("balance")).isEqualTo(105);
        assertThat(after.longAt("pending")).isZero();
        assertThat(after.longAt("lifetimeEarned")).isEqualTo(105);
        assertThat(jdbc.queryForList("""
                select points from ledger_entry where tenant_id = ? and kind = 'earn' and source_id = 'o-p'""",
                Long.class, tenant.id())).containsExactly(100L);
        assertThat(jdbc.queryForObject("""
                select expires_at is not null from lot where tenant_id = ? and source_id = 'o-p'""", Boolean.class,
                tenant.id())).as("stamped when the points became active").isTrue();
        assertThat(earned(tenant)).isEqualTo(105);
    }

    @Test
    void shouldCancelPendingPointsOnARefundInsideTheWindowWithoutTouchingTheBalance() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 20);
        PointsPolicy.defaults().pendingDays(14).applyTo(api, tenant);
        recordPurchase(tenant, member, "o-r", "100.00");
        long entriesBefore = entries(tenant);

        Api.Response partial = refund(tenant, "o-r", "rf-1", "40.00");
        Api.Response repeated = refund(tenant, "o-r", "rf-1", "40.00");
        Api.Response middle = points(tenant, member);
        long entriesAfterCancel = entries(tenant);
        jobs.activatePending(Instant.now().plus(Duration.ofDays(15)));
        Api.Response rest = refund(tenant, "o-r", "rf-2", "60.00");

        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        assertThat(partial.longAt("pointsCancelled")).isEqualTo(40);
        assertThat(partial.longAt("pointsReversed")).isZero();
        assertThat(partial.longAt("balance")).isEqualTo(20);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json()).isEqualTo(partial.json());
        assertThat(middle.longAt("balance")).isEqualTo(20);
        assertThat(middle.longAt("pending")).isEqualTo(60);
        assertThat(entriesAfterCancel).as("a cancellation writes no entry").isEqualTo(entriesBefore);
        // After the window the rest of the points are in the balance: a refund reverses them as usual.
        assertThat(rest.longAt("pointsCancelled")).isZero();
        assertThat(rest.longAt("pointsReversed")).isEqualTo(60);
        assertThat(rest.longAt("balance")).isEqualTo(20);
        assertThat(points(tenant, member).longAt("pending")).isZero();
    }

    @Test
    void shouldCancelAllPendingPointsOnAFullRefundSoNothingActivatesLater() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        PointsPolicy.defaults().pendingDays(7).applyTo(api, tenant);
        recordPurchase(tenant, member, "o-full", "30.00");

        Api.Response refunded = refund(tenant, "o-full", "rf-1", "30.00");
        jobs.activatePending(Instant.now().plus(Duration.ofDays(8)));

        assertThat(refunded.longAt("pointsCancelled")).isEqualTo(30);
        Api.Response points = points(tenant, member);
        assertThat(points.longAt("balance")).isZero();
        assertThat(points.longAt("pending")).isZero();
        assertThat(jdbc.queryForObject("select status from lot where tenant_id = ? and source_id = 'o-full'",
                String.class, tenant.id())).isEqualTo("cancelled");
    }

    @Test
    void shouldNeverSpendPendingPoints() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 10);
        PointsPolicy.defaults().pendingDays(14).applyTo(api, tenant);
        recordPurchase(tenant, member, "o-x", "100.00");

        Api.Response spend = adjust(tenant, member, -20, key());

        assertThat(spend.status()).as(spend.toString()).isEqualTo(422);
        assertThat(spend.code()).isEqualTo("insufficient_points");
        assertThat(adjust(tenant, member, -10, key()).status()).isEqualTo(201);
        assertThat(points(tenant, member).longAt("pending")).isEqualTo(100);
    }

    private Api.Response refund(Tenant tenant, String orderId, String refundId, String amount) {
        return api.post("/api/v1/purchases/" + orderId + "/refunds", tenant.adminToken(), key(),
                Map.of("refundId", refundId, "amount", new BigDecimal(amount)));
    }

    private long earned(Tenant tenant) {
        return jdbc.queryForObject("""
                select coalesce(sum((payload->>'points')::bigint), 0) from outbox_event
                where tenant_id = ? and type = 'points.earned'""", Long.class, tenant.id());
    }
}
