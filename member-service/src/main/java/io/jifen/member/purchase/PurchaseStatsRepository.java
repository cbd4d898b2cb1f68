package io.jifen.member.purchase;

import io.jifen.member.tier.GrowthLedger;
import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code member_stats}: additive upserts, so events may arrive in any order; a run of events adds its sums per member
 * in one statement ({@link #addAll}). Plain SQL: tenant explicit.
 */
@Repository
public class PurchaseStatsRepository {

    private static final String SELECT = """
            select member_id, total_spend, refunded, purchase_count, first_purchase_at, last_purchase_at
            from member_stats where tenant_id = ? and member_id = any(?)""";

    // Rows in member order, so that two runs meeting on members lock them in the same order.
    private static final String ADD_ALL = """
            insert into member_stats (tenant_id, member_id, total_spend, refunded, purchase_count, first_purchase_at,
                last_purchase_at)
            select ?, s.member_id, s.total_spend::numeric, s.refunded::numeric, s.purchase_count,
                s.first_purchase_at::timestamptz, s.last_purchase_at::timestamptz
            from unnest(?::uuid[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[])
                as s (member_id, total_spend, refunded, purchase_count, first_purchase_at, last_purchase_at)
            order by s.member_id
            on conflict (tenant_id, member_id) do update set
                total_spend = member_stats.total_spend + excluded.total_spend,
                refunded = member_stats.refunded + excluded.refunded,
                purchase_count = member_stats.purchase_count + excluded.purchase_count,
                first_purchase_at = least(member_stats.first_purchase_at, excluded.first_purchase_at),
                last_purchase_at = greatest(member_stats.last_purchase_at, excluded.last_purchase_at)""";

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

    /**
     * {@link #addPurchase} and {@link #addRefund} for each of a run's new entries, summed per member first: one row
     * per member, in one statement. A member with refunds only gets no purchase dates, as {@link #addRefund} gives
     * none ({@code least} and {@code greatest} pass over a null).
     */
    void addAll(TenantId tenant, List<GrowthLedger.Entry> recorded) {
        Map<UUID, Sums> sums = new LinkedHashMap<>();
        for (GrowthLedger.Entry entry : recorded) {
            sums.computeIfAbsent(entry.memberId(), member -> new Sums()).add(entry);
        }
        if (sums.isEmpty()) {
            return;
        }
        List<Sums> rows = List.copyOf(sums.values());
        jdbc.update(ADD_ALL, ps -> {
            ps.setObject(1, tenant.value());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", sums.keySet().toArray()));
            ps.setArray(3, array(ps, "text", rows, row -> row.spend.toPlainString()));
            ps.setArray(4, array(ps, "text", rows, row -> row.refunded.toPlainString()));
            ps.setArray(5, array(ps, "int8", rows, row -> row.purchases));
            ps.setArray(6, array(ps, "text", rows, row -> row.first == null ? null : row.first.toString()));
            ps.setArray(7, array(ps, "text", rows, row -> row.last == null ? null : row.last.toString()));
        });
    }

    /** One member's share of a run. */
    private static final class Sums {
        private BigDecimal spend = BigDecimal.ZERO;
        private BigDecimal refunded = BigDecimal.ZERO;
        private long purchases;
        private Instant first;
        private Instant last;

        void add(GrowthLedger.Entry entry) {
            if (entry.source() == GrowthLedger.Source.REFUND) {
                spend = spend.subtract(entry.amount());
                refunded = refunded.add(entry.amount());
                return;
            }
            spend = spend.add(entry.amount());
            purchases++;
            Instant at = entry.occurredAt();
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }
    }

    private static Array array(PreparedStatement ps, String type, List<Sums> rows, Function<Sums, ?> column)
            throws SQLException {
        return ps.getConnection().createArrayOf(type, rows.stream().map(column).toArray());
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
