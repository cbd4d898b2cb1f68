package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefundIT extends PointsServiceTestBase {

    @Test
    void shouldReverseExactlyTheRefundedShareOverSeveralPartialRefunds() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordPurchase(tenant, member, "order-r", "100.00");

        Api.Response first = refund(tenant, "order-r", "refund-1", "30.00", key());
        Api.Response second = refund(tenant, "order-r", "refund-2", "30.00", key());
        Api.Response repeated = refund(tenant, "order-r", "refund-2", "30.00", key());

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.longAt("pointsReversed")).isEqualTo(30);
        assertThat(second.longAt("pointsReversed")).isEqualTo(30);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json()).isEqualTo(second.json());
        assertThat(balance(tenant, member)).isEqualTo(40);
        assertThat(refund(tenant, "order-r", "refund-3", "40.00", key()).longAt("pointsReversed")).isEqualTo(40);
        assertThat(balance(tenant, member)).isZero();
        Api.Response beyond = refund(tenant, "order-r", "refund-4", "0.01", key());
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.code()).isEqualTo("refund_exceeds_purchase");
    }

    @Test
    void shouldRoundEachRefundDownAndStillReverseEverythingOnAFullRefund() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordPurchase(tenant, member, "order-odd", "7.50");

        long a = refund(tenant, "order-odd", "r1", "2.50", key()).longAt("pointsReversed");
        long b = refund(tenant, "order-odd", "r2", "2.50", key()).longAt("pointsReversed");
        long c = refund(tenant, "order-odd", "r3", "2.50", key()).longAt("pointsReversed");

        assertThat(new long[] {a, b, c}).containsExactly(2, 2, 3);
        assertThat(balance(tenant, member)).isZero();
        assertThat(emitted(tenant, "points.reversed")).isEqualTo(7);
    }

    @Test
    void shouldRefuseAnotherAmountUnderAnExistingRefundIdAndAnUnknownOrder() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordPurchase(tenant, member, "order-c", "20.00");
        refund(tenant, "order-c", "refund-1", "5.00", key());

        Api.Response otherAmount = refund(tenant, "order-c", "refund-1", "6.00", key());
        Api.Response unknown = refund(tenant, "no-such-order", "refund-1", "6.00", key());

        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.code()).isEqualTo("refund_exists");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("purchase_not_found");
        assertThat(balance(tenant, member)).isEqualTo(15);
    }

    @Test
    void shouldTakeOnlyWhatIsLeftWhenThePointsWereSpentUnderTheDefaultClampPolicy() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        recordPurchase(tenant, member, "order-spent", "100.00");
        adjust(tenant, member, -80, key());

        Api.Response response = refund(tenant, "order-spent", "refund-1", "50.00", key());

        assertThat(response.longAt("pointsReversed")).isEqualTo(20);
        assertThat(response.longAt("balance")).isZero();
        // The forgiven 30 are not clawed back by the next refund: it reverses its own share only.
        credit(tenant, member, 100);
        assertThat(refund(tenant, "order-spent", "refund-2", "10.00", key()).longAt("pointsReversed")).isEqualTo(10);
        assertThat(balance(tenant, member)).isEqualTo(90);
    }

    @Test
    void shouldLeaveADebtThatLaterEarningsRepayWhenTheTenantAllowsIt() {
        Tenant tenant = newTenant();
        jdbc.update("insert into tenant_settings (tenant_id, refund_debt) values (?, 'allow')", tenant.id());
        UUID member = newMember(tenant);
        recordPurchase(tenant, member, "order-debt", "100.00");
        adjust(tenant, member, -80, key());

        Api.Response response = refund(tenant, "order-debt", "refund-1", "100.00", key());

        assertThat(response.longAt("pointsReversed")).isEqualTo(100);
        assertThat(response.longAt("balance")).isEqualTo(-80);
        recordPurchase(tenant, member, "order-next", "100.00");
        assertThat(balance(tenant, member)).isEqualTo(20);
        Long inLots = jdbc.queryForObject("select sum(remaining) from lot where tenant_id = ?", Long.class,
                tenant.id());
        assertThat(inLots).isEqualTo(20);
    }

    Api.Response refund(Tenant tenant, String orderId, String refundId, String amount, String key) {
        return api.post("/api/v1/purchases/" + orderId + "/refunds", tenant.adminToken(), key,
                Map.of("refundId", refundId, "amount", new BigDecimal(amount)));
    }

    long emitted(Tenant tenant, String type) {
        return jdbc.queryForObject("""
                select coalesce(sum((payload->>'points')::bigint), 0) from outbox_event
                where tenant_id = ? and type = ?""", Long.class, tenant.id(), type);
    }
}
