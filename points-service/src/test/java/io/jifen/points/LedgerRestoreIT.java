package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jifen.points.ledger.EntryKind;
import io.jifen.points.ledger.Ledger;
import io.jifen.points.ledger.Posted;
import io.jifen.points.ledger.Posting;
import io.jifen.points.ledger.Reason;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.util.Map;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Ledger.restore} in parts, called directly on spends made through the API (redemptions, left as they are:
 * this is about the ledger, not the redemption).
 */
class LedgerRestoreIT extends RewardTestBase {

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldRestoreASpendInPartsToItsLotsNeverMoreThanItTookFromEach() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID a = earn(tenant, member, 60);
        UUID b = earn(tenant, member, 60);
        UUID spend = spend(tenant, member, 100);

        Posted first = restore(tenant, member, spend, 50);
        Posted second = restore(tenant, member, spend, 30);
        Map<UUID, Long> afterTwo = remaining(tenant);
        Posted rest = restore(tenant, member, spend, 1_000);
        Posted none = restore(tenant, member, spend, 1);

        assertThat(first.points()).isEqualTo(50);
        assertThat(second.points()).isEqualTo(30);
        assertThat(afterTwo).as("a took 60 and is full again, b took 40 and has 20 of it back")
                .isEqualTo(Map.of(a, 60L, b, 40L));
        assertThat(rest.points()).as("only what is left").isEqualTo(20);
        assertThat(rest.balanceAfter()).isEqualTo(120);
        assertThat(none.entryId()).isNull();
        assertThat(none.points()).isZero();
        assertThat(remaining(tenant)).isEqualTo(Map.of(a, 60L, b, 60L));
        assertThatThrownBy(() -> as(tenant, ledger -> ledger.restore(spend, posting(member))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("""
                select lifetime_spent from account where tenant_id = ? and member_id = ?""", Long.class, tenant.id(),
                member)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from ledger_entry where tenant_id = ? and restores_entry_id = ?""", Long.class,
                tenant.id(), spend)).isEqualTo(3);
    }

    @Test
    void shouldRepayARefundDebtFirstAndStillCountThosePointsAsRestored() {
        Tenant tenant = newTenant();
        jdbc.update("insert into tenant_settings (tenant_id, refund_debt) values (?, 'allow')", tenant.id());
        UUID member = newMember(tenant);
        UUID lot = earn(tenant, member, 100);
        UUID spend = spend(tenant, member, 100);
        String orderId = jdbc.queryForObject("""
                select p.order_id from purchase p join lot l on l.tenant_id = p.tenant_id and l.source_entry_id = p.entry_id
                where l.tenant_id = ? and l.id = ?""", String.class, tenant.id(), lot);
        Api.Response refund = api.post("/api/v1/purchases/" + orderId + "/refunds", tenant.adminToken(), key(),
                Map.of("refundId", "r", "amount", new BigDecimal("100.00")));
        assertThat(refund.longAt("balance")).isEqualTo(-100);

        Posted part = restore(tenant, member, spend, 30);
        Posted rest = restore(tenant, member, spend, 100);

        assertThat(part.balanceAfter()).isEqualTo(-70);
        assertThat(rest.points()).isEqualTo(70);
        assertThat(rest.balanceAfter()).isZero();
        assertThat(remaining(tenant)).as("all of it repaid the debt").isEqualTo(Map.of(lot, 0L));
        assertThat(jdbc.queryForObject("select sum(points) from lot_restoration where tenant_id = ?", Long.class,
                tenant.id())).isEqualTo(100);
    }

    @Test
    void shouldRefuseInTheDatabaseToGiveALotBackMoreThanTheSpendTookFromIt() {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        UUID lot = earn(tenant, member, 10);
        UUID other = earn(tenant, member, 10);
        UUID spend = spend(tenant, member, 10);
        restore(tenant, member, spend, 10);
        UUID anotherEntry = jdbc.queryForObject("select source_entry_id from lot where tenant_id = ? and id = ?",
                UUID.class, tenant.id(), lot);
        String insert = """
                insert into lot_restoration (tenant_id, entry_id, lot_id, spend_entry_id, points)
                values (?, ?, ?, ?, 1)""";

        assertThatThrownBy(() -> jdbc.update(insert, tenant.id(), anotherEntry, lot, spend))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("back more than it took");
        assertThatThrownBy(() -> jdbc.update(insert, tenant.id(), anotherEntry, other, spend))
                .as("a lot the spend did not consume").isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from lot_restoration where tenant_id = ?", Long.class,
                tenant.id())).isEqualTo(1);
    }

    /** Redeems {@code points} units of a 1-point reward; the spend entry. */
    private UUID spend(Tenant tenant, UUID member, long points) {
        Api.Response redeemed = redeem(tenant, member, createReward(tenant, reward("service", 1)), points, key());
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        return UUID.fromString(redeemed.json().path("spendEntryId").asString());
    }

    private Posted restore(Tenant tenant, UUID member, UUID spend, long points) {
        return as(tenant, ledger -> ledger.restore(spend, posting(member), points));
    }

    private <T> T as(Tenant tenant, Function<Ledger, T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        TenantContext.runAs(new TenantId(tenant.id()),
                () -> result.set(transactions.execute(status -> work.apply(ledger))));
        return result.get();
    }

    private static Posting posting(UUID member) {
        return Posting.of(member, EntryKind.REFUND, Reason.REDEMPTION, "ledger-restore-it");
    }

    private Map<UUID, Long> remaining(Tenant tenant) {
        Map<UUID, Long> remaining = new HashMap<>();
        jdbc.query("select id, remaining from lot where tenant_id = ?", row -> {
            remaining.put(row.getObject(1, UUID.class), row.getLong(2));
        }, tenant.id());
        return remaining;
    }
}
