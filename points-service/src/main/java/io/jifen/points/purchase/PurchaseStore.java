package io.jifen.points.purchase;

import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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

    /** A line of a purchase, as refunds price it. */
    record Line(String sku, long quantity, BigDecimal unitPrice) {
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

    /** The purchase's items, in one statement (none without items): recording a purchase is the hot path. */
    void insertLines(String orderId, List<PurchaseItem> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        UUID tenant = tenant();
        List<Object> args = new ArrayList<>(items.size() * 7);
        for (int i = 0; i < items.size(); i++) {
            PurchaseItem item = items.get(i);
            args.addAll(Arrays.asList(tenant, orderId, i, item.sku(), item.category(), item.quantity(),
                    item.unitPrice()));
        }
        jdbc.update("insert into purchase_line (tenant_id, order_id, line_no, sku, category, quantity, unit_price) "
                + "values " + String.join(", ", Collections.nCopies(items.size(), "(?, ?, ?, ?, ?, ?, ?)")),
                args.toArray());
    }

    /** The purchase's lines in their order. */
    List<Line> lines(String orderId) {
        return jdbc.query("""
                select sku, quantity, unit_price from purchase_line
                where tenant_id = ? and order_id = ? order by line_no""", (row, i) -> new Line(row.getString(1),
                row.getLong(2), row.getBigDecimal(3)), tenant(), orderId);
    }

    /** Units of each SKU taken back by the order's items refunds so far ({@code refundId} null), or by one. */
    Map<String, Long> refundedQuantities(String orderId, String refundId) {
        Map<String, Long> quantities = new TreeMap<>();
        jdbc.query("""
                select sku, sum(quantity) from purchase_refund_line
                where tenant_id = ? and order_id = ? and (cast(? as text) is null or refund_id = ?)
                group by sku""", (RowCallbackHandler) row -> quantities.put(row.getString(1), row.getLong(2)),
                tenant(), orderId, refundId, refundId);
        return quantities;
    }

    void insertRefundLines(String orderId, String refundId, Map<String, Long> quantities) {
        jdbc.batchUpdate("""
                insert into purchase_refund_line (tenant_id, order_id, refund_id, sku, quantity)
                values (?, ?, ?, ?, ?)""", quantities.entrySet().stream().map(line -> new Object[] {tenant(),
                orderId, refundId, line.getKey(), line.getValue()}).toList());
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
