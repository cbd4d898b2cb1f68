package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Growth value (成长值) entries, dated, one per purchase or refund (keyed by its order or refund id, so a purchase
 * announced twice counts once). The growth value of a member is a sum over a date range: rolling windows need no
 * expiry job.
 */
@Repository
public class GrowthLedger {

    private final JdbcTemplate jdbc;

    GrowthLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public enum Source { PURCHASE, REFUND }

    /** Records an entry; false when this purchase or refund was recorded before (nothing changed). */
    public boolean record(TenantId tenant, UUID memberId, Source source, String sourceRef, BigDecimal amount,
            Instant occurredAt) {
        // 1 growth per whole currency unit; a refund takes back the whole units it returns.
        long growth = amount.longValue() * (source == Source.REFUND ? -1 : 1);
        return jdbc.update("""
                insert into growth_entry (tenant_id, member_id, source, source_ref, growth, amount, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                tenant.value(), memberId, source.name().toLowerCase(java.util.Locale.ROOT), sourceRef, growth, amount,
                Timestamp.from(occurredAt)) == 1;
    }

    /** The growth value earned since {@code from} (null: ever), never below zero. */
    long since(TenantId tenant, UUID memberId, Instant from) {
        Long sum = jdbc.queryForObject("""
                select coalesce(sum(growth), 0) from growth_entry
                where tenant_id = ? and member_id = ? and occurred_at >= ?""", Long.class,
                tenant.value(), memberId, Timestamp.from(from == null ? Instant.EPOCH : from));
        return Math.max(0, sum);
    }

    /** {@link #since} for many members at once (one query per batch of the re-evaluation job). */
    java.util.Map<UUID, Long> since(TenantId tenant, java.util.Collection<UUID> memberIds, Instant from) {
        java.util.Map<UUID, Long> sums = new java.util.HashMap<>();
        jdbc.query("""
                select member_id, coalesce(sum(growth), 0) from growth_entry
                where tenant_id = ? and member_id = any(?) and occurred_at >= ? group by member_id""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", memberIds.toArray()));
            ps.setTimestamp(3, Timestamp.from(from == null ? Instant.EPOCH : from));
        }, (java.sql.ResultSet rs) -> {
            sums.put(rs.getObject(1, UUID.class), Math.max(0, rs.getLong(2)));
        });
        return sums;
    }

    static Instant windowStart(TierLadder.Qualification qualification, Instant now) {
        return qualification.basis() == TierLadder.Basis.LIFETIME ? null
                : now.atOffset(ZoneOffset.UTC).minusMonths(qualification.windowMonths()).toInstant();
    }
}
