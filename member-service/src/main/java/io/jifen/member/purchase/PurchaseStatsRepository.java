package io.jifen.member.purchase;

import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code member_stats}: additive upserts, so events may arrive in any order. Plain SQL: tenant explicit. */
@Repository
public class PurchaseStatsRepository {

    private static final String SELECT = """
            select member_id, total_spend, refunded, purchase_count, first_purchase_at, last_purchase_at
            from member_stats where tenant_id = ? and member_id = any(?)""";

    private final JdbcTemplate jdbc;

    PurchaseStatsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void addPurchase(TenantId tenant, UUID memberId, BigDecimal amount, Instant at) {
        jdbc.update("""
                insert into member_stats (tenant_id, member_id, total_spend, purchase_count, first_purchase_at,
                    last_purchase_at) values (?, ?, ?, 1, ?, ?)
                on conflict (tenant_id, member_id) do update set
                    total_spend = member_stats.total_spend + excluded.total_spend,
                    purchase_count = member_stats.purchase_count + 1,
                    first_purchase_at = least(member_stats.first_purchase_at, excluded.first_purchase_at),
                    last_purchase_at = greatest(member_stats.last_purchase_at, excluded.last_purchase_at)""",
                tenant.value(), memberId, amount, Timestamp.from(at), Timestamp.from(at));
    }

    void addRefund(TenantId tenant, UUID memberId, BigDecimal amount) {
        jdbc.update("""
                insert into member_stats (tenant_id, member_id, total_spend, refunded) values (?, ?, ?, ?)
                on conflict (tenant_id, member_id) do update set
                    total_spend = member_stats.total_spend + excluded.total_spend,
                    refunded = member_stats.refunded + excluded.refunded""",
                tenant.value(), memberId, amount.negate(), amount);
    }

    /** The statistics of each given member; members without purchases are absent. */
    public Map<UUID, PurchaseStats> find(TenantId tenant, Collection<UUID> memberIds) {
        Map<UUID, PurchaseStats> stats = new HashMap<>();
        jdbc.query(SELECT, ps -> {
            ps.setObject(1, tenant.value());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", memberIds.toArray()));
        }, (java.sql.ResultSet rs) -> {
            stats.put(rs.getObject(1, UUID.class), row(rs));
        });
        return stats;
    }

    private static PurchaseStats row(ResultSet rs) throws SQLException {
        return PurchaseStats.of(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getLong(4), instant(rs, 5),
                instant(rs, 6));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
