package io.jifen.points.payment;

import io.jifen.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Points payments, one per order (native SQL: the tenant is named in every statement). */
@Repository
class PaymentStore {

    private static final String COLUMNS = """
            order_id, member_id, points, discount, status, balance_after, spend_entry_id, refund_entry_id, created_at,
            reversed_at, points_returned""";

    private final JdbcTemplate jdbc;

    PaymentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes everything about one order's payment in this tenant, also before its row exists. */
    void lockOrder(String orderId) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 0))",
                tenant() + "/points-payment/" + orderId);
    }

    Optional<PaymentResponse> find(String orderId) {
        return jdbc.query("select " + COLUMNS + " from points_payment where tenant_id = ? and order_id = ?",
                PaymentStore::payment, tenant(), orderId).stream().findFirst();
    }

    void insert(ApplyPaymentRequest request, BigDecimal discount, UUID spendEntryId, long balanceAfter) {
        jdbc.update("""
                insert into points_payment (tenant_id, order_id, member_id, points, discount, order_amount, currency,
                                            status, spend_entry_id, balance_after)
                values (?, ?, ?, ?, ?, ?, ?, 'applied', ?, ?)""", tenant(), request.orderId(), request.memberId(),
                request.points(), discount, request.orderAmount(), request.currency(), spendEntryId, balanceAfter);
    }

    /** {@code returned} of its points are back in all, the latest by {@code refundEntryId}. */
    void markReturned(String orderId, long returned, String status, UUID refundEntryId, long balanceAfter) {
        jdbc.update("""
                update points_payment set points_returned = ?, status = ?, refund_entry_id = ?, balance_after = ?,
                                          reversed_at = case when ? then clock_timestamp() end
                where tenant_id = ? and order_id = ?""", returned, status, refundEntryId, balanceAfter,
                PaymentResponse.REVERSED.equals(status), tenant(), orderId);
    }

    private static PaymentResponse payment(ResultSet row, int i) throws SQLException {
        Timestamp reversedAt = row.getTimestamp("reversed_at");
        return new PaymentResponse(row.getString("order_id"), row.getObject("member_id", UUID.class),
                row.getLong("points"), row.getBigDecimal("discount"), row.getString("status"),
                row.getLong("balance_after"), row.getObject("spend_entry_id", UUID.class),
                row.getObject("refund_entry_id", UUID.class), row.getTimestamp("created_at").toInstant(),
                reversedAt == null ? null : reversedAt.toInstant(), row.getLong("points_returned"));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
