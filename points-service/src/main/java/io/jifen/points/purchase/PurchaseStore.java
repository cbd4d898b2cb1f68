package io.jifen.points.purchase;

import io.jifen.points.rules.Award;
import io.jifen.points.transaction.SqlArray;
import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Purchases and their refunds (native SQL: the tenant is named in every statement). */
@Repository
class PurchaseStore {

    /**
     * What {@link #purchase} reads, of the {@code purchase} table aliased {@code p}. The balance after the purchase is
     * its row's or, for one written before its account was locked (V23, ADR 0029), its entry's.
     */
    static final String PURCHASE_COLUMNS = """
            p.order_id, p.member_id, p.amount, p.request_hash, p.points_awarded,
            coalesce(p.balance_after, (select e.balance_after from ledger_entry e
                                       where e.tenant_id = p.tenant_id and e.id = p.entry_id)) as balance_after,
            p.points_pending, p.points_held, p.awards""";

    /** A purchase's awards as its row keeps them: a JSON array of {@link Award}s, in their order. */
    private static final JsonMapper AWARDS = JsonMapper.builder().build();
    private static final TypeReference<List<Award>> AWARD_LIST = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    PurchaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A purchase as recorded, with the awards it got (in their order; none when the rules gave nothing). */
    record Purchase(String orderId, UUID memberId, BigDecimal amount, String requestHash, long pointsAwarded,
            long balanceAfter, long pointsPending, long pointsHeld, List<Award> awards) {

        Purchase {
            awards = List.copyOf(awards);
        }
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

    /**
     * {@link #lockOrder} for many orders in one statement, in the order given (sorted by the caller: two batches
     * take their common orders in the same order).
     */
    void lockOrders(List<String> orderIds) {
        jdbc.query("""
                select count(pg_advisory_xact_lock(hashtextextended(? || '/' || o.order_id, 0)))
                from unnest(?::text[]) with ordinality as o(order_id, n)""",
                SqlArray.bind(tenant().toString(), SqlArray.of("text", orderIds)), (RowCallbackHandler) row -> {
                });
    }

    Optional<Purchase> find(String orderId) {
        return findAll(List.of(orderId)).values().stream().findFirst();
    }

    /** The purchases recorded under any of these order ids, by order id. */
    Map<String, Purchase> findAll(Collection<String> orderIds) {
        Map<String, Purchase> found = new HashMap<>();
        jdbc.query("select " + PURCHASE_COLUMNS + " from purchase p where tenant_id = ? and order_id = any(?::text[])",
                SqlArray.bind(tenant(), SqlArray.of("text", orderIds)), (RowCallbackHandler) row -> {
                    Purchase purchase = purchase(row);
                    found.put(purchase.orderId(), purchase);
                });
        return found;
    }

    /** A stored purchase from a row holding {@link #PURCHASE_COLUMNS}. */
    static Purchase purchase(ResultSet row) throws SQLException {
        return new Purchase(row.getString("order_id"), row.getObject("member_id", UUID.class),
                row.getBigDecimal("amount"), row.getString("request_hash"), row.getLong("points_awarded"),
                row.getLong("balance_after"), row.getLong("points_pending"), row.getLong("points_held"),
                AWARDS.readValue(row.getString("awards"), AWARD_LIST));
    }

    /**
     * A purchase to write with its items (in their order).
     *
     * @param balanceOnEntry written before its member's account is locked (ADR 0029): its balance after is its entry's
     *                       (which it must have), not {@code purchase().balanceAfter()}
     */
    record NewPurchase(Purchase purchase, String currency, Instant occurredAt, UUID entryId, List<PurchaseItem> items,
            boolean balanceOnEntry) {

        NewPurchase {
            if (balanceOnEntry && entryId == null) {
                throw new IllegalArgumentException("A purchase without an entry keeps its balance on its row");
            }
        }
    }

    /**
     * Writes purchases (with their awards) and their lines, one statement for all purchases and one for all lines,
     * however many (one purchase, or a batch's).
     */
    void insertAll(List<NewPurchase> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into purchase (tenant_id, order_id, member_id, amount, currency, occurred_at, request_hash,
                                      points_awarded, entry_id, balance_after, points_pending, points_held, awards)
                select ?, order_id, member_id, amount::numeric, currency, occurred_at::timestamptz, request_hash,
                       points_awarded, entry_id, balance_after, points_pending, points_held, awards::jsonb
                from unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::uuid[],
                            ?::int8[], ?::int8[], ?::int8[], ?::text[])
                     as p(order_id, member_id, amount, currency, occurred_at, request_hash, points_awarded, entry_id,
                          balance_after, points_pending, points_held, awards)""", SqlArray.bind(tenant(),
                SqlArray.column("text", rows, row -> row.purchase().orderId()),
                SqlArray.column("uuid", rows, row -> row.purchase().memberId()),
                SqlArray.column("text", rows, row -> row.purchase().amount().toPlainString()),
                SqlArray.column("text", rows, NewPurchase::currency),
                SqlArray.column("text", rows, row -> row.occurredAt().toString()),
                SqlArray.column("text", rows, row -> row.purchase().requestHash()),
                SqlArray.column("int8", rows, row -> row.purchase().pointsAwarded()),
                SqlArray.column("uuid", rows, NewPurchase::entryId),
                SqlArray.column("int8", rows, row -> row.balanceOnEntry() ? null : row.purchase().balanceAfter()),
                SqlArray.column("int8", rows, row -> row.purchase().pointsPending()),
                SqlArray.column("int8", rows, row -> row.purchase().pointsHeld()),
                SqlArray.column("text", rows, row -> AWARDS.writeValueAsString(row.purchase().awards()))));
        List<Object[]> lines = new ArrayList<>();
        for (NewPurchase row : rows) {
            List<PurchaseItem> items = row.items() == null ? List.of() : row.items();
            for (int i = 0; i < items.size(); i++) {
                PurchaseItem item = items.get(i);
                lines.add(new Object[] {row.purchase().orderId(), i, item.sku(), item.category(), item.quantity(),
                        item.unitPrice().toPlainString()});
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into purchase_line (tenant_id, order_id, line_no, sku, category, quantity, unit_price)
                select ?, order_id, line_no, sku, category, quantity, unit_price::numeric
                from unnest(?::text[], ?::int4[], ?::text[], ?::text[], ?::int4[], ?::text[])
                     as l(order_id, line_no, sku, category, quantity, unit_price)""", SqlArray.bind(tenant(),
                SqlArray.column("text", lines, line -> line[0]), SqlArray.column("int4", lines, line -> line[1]),
                SqlArray.column("text", lines, line -> line[2]), SqlArray.column("text", lines, line -> line[3]),
                SqlArray.column("int4", lines, line -> line[4]), SqlArray.column("text", lines, line -> line[5])));
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
