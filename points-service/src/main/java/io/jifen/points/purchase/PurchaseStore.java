package io.jifen.points.purchase;

import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Purchases and their refunds (native SQL: the tenant is named in every statement). */
@Repository
class PurchaseStore {

    private final JdbcTemplate jdbc;

    PurchaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Purchase(String orderId, UUID memberId, BigDecimal amount, String requestHash, long pointsAwarded,
            long balanceAfter, long pointsPending, long pointsHeld) {
    }

    record Refund(String refundId, BigDecimal amount, long pointsDue, long pointsReversed, long balanceAfter,
            long pointsCancelled, long paymentPointsReturned) {
    }

    /**
     * Serializes everything about one order id in this tenant until the transaction ends, also for an order not
     * written yet (two first attempts at once must not both award points).
     */
    void lockOrder(String orderId) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 0))", tenant() + "/" + orderId);
    }

    Optional<Purchase> find(String orderId) {
        return jdbc.query("""
                select order_id, member_id, amount, request_hash, points_awarded, balance_after, points_pending,
                       points_held from purchase
                where tenant_id = ? and order_id = ?""", (row, i) -> new Purchase(row.getString(1),
                row.getObject(2, UUID.class), row.getBigDecimal(3), row.getString(4), row.getLong(5), row.getLong(6),
                row.getLong(7), row.getLong(8)),
                tenant(), orderId).stream().findFirst();
    }

    void insert(Purchase purchase, String currency, Instant occurredAt, UUID entryId) {
        jdbc.update("""
                insert into purchase (tenant_id, order_id, member_id, amount, currency, occurred_at, request_hash,
                                      points_awarded, entry_id, balance_after, points_pending, points_held)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tenant(), purchase.orderId(), purchase.memberId(),
                purchase.amount(), currency, Timestamp.from(occurredAt), purchase.requestHash(),
                purchase.pointsAwarded(), entryId, purchase.balanceAfter(), purchase.pointsPending(),
                purchase.pointsHeld());
    }

    List<Refund> refunds(String orderId) {
        return jdbc.query("""
                select refund_id, amount, points_due, points_reversed, balance_after, points_cancelled,
                       payment_points_returned
                from purchase_refund
                where tenant_id = ? and order_id = ? order by created_at""", (row, i) -> new Refund(row.getString(1),
                row.getBigDecimal(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7)),
                tenant(), orderId);
    }

    /** {@code entryId}: the reversal of earned points; {@code paymentEntryId}: the points payment's give-back. */
    void insertRefund(String orderId, Refund refund, UUID entryId, UUID paymentEntryId) {
        jdbc.update("""
                insert into purchase_refund (tenant_id, order_id, refund_id, amount, points_due, points_reversed,
                                             entry_id, balance_after, points_cancelled, payment_points_returned,
                                             payment_entry_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tenant(), orderId, refund.refundId(), refund.amount(),
                refund.pointsDue(), refund.pointsReversed(), entryId, refund.balanceAfter(), refund.pointsCancelled(),
                refund.paymentPointsReturned(), paymentEntryId);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
