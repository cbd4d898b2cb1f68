package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Growth value (成长值) entries, dated, one per purchase or refund (keyed by its order or refund id, so a purchase
 * announced twice counts once). The growth value of a member is a sum over a date range: rolling windows need no
 * expiry job. Every purchase asks for that sum, so it is not taken over the entries, which would read the whole
 * window (or, for a lifetime ladder, the member's whole history) each time: the statement that inserts an entry also
 * adds it to the member's {@code growth_bucket} rows for its UTC day, its UTC month and ever, and sums are read from
 * those ({@link GrowthWindow}). Plain SQL: the tenant is explicit.
 */
@Repository
public class GrowthLedger {

    // Nothing reaches the buckets when the entry already existed: the insert returns no row then.
    private static final String RECORD = """
            with entry as (
                insert into growth_entry (tenant_id, member_id, source, source_ref, growth, amount, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                returning tenant_id, member_id, growth, (occurred_at at time zone 'UTC')::date as day)
            insert into growth_bucket (tenant_id, member_id, span, starts_on, growth)
            select e.tenant_id, e.member_id, b.span, b.starts_on, e.growth
            from entry e, lateral (values ('day', e.day), ('month', date_trunc('month', e.day)::date),
                                          ('ever', '-infinity'::date)) b (span, starts_on)
            on conflict (tenant_id, member_id, span, starts_on)
            do update set growth = growth_bucket.growth + excluded.growth""";

    private static final String EVER = """
            select member_id, growth from growth_bucket
            where tenant_id = ? and member_id = any(?) and span = 'ever'""";

    private static final String WINDOW = """
            select member_id, sum(growth) from (
                select member_id, growth from growth_entry
                where tenant_id = ? and member_id = any(?) and occurred_at >= ? and occurred_at < ?
                union all
                select member_id, growth from growth_bucket
                where tenant_id = ? and member_id = any(?) and span = 'day' and starts_on >= ? and starts_on < ?
                union all
                select member_id, growth from growth_bucket
                where tenant_id = ? and member_id = any(?) and span = 'month' and starts_on >= ?
            ) w group by member_id""";

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
        return jdbc.update(RECORD, tenant.value(), memberId, source.name().toLowerCase(Locale.ROOT), sourceRef, growth,
                amount, Timestamp.from(occurredAt)) > 0;
    }

    /** The growth value earned since {@code from} (null: ever), never below zero. */
    long since(TenantId tenant, UUID memberId, Instant from) {
        return since(tenant, List.of(memberId), from).getOrDefault(memberId, 0L);
    }

    /** {@link #since} for many members at once (one query per batch of the re-evaluation job). */
    Map<UUID, Long> since(TenantId tenant, Collection<UUID> memberIds, Instant from) {
        Map<UUID, Long> sums = new HashMap<>();
        RowCallbackHandler sum = rs -> sums.put(rs.getObject(1, UUID.class), Math.max(0, rs.getLong(2)));
        if (from == null) {
            jdbc.query(EVER, ps -> {
                ps.setObject(1, tenant.value());
                ps.setArray(2, uuids(ps, memberIds));
            }, sum);
            return sums;
        }
        GrowthWindow window = GrowthWindow.since(from);
        jdbc.query(WINDOW, ps -> {
            Array members = uuids(ps, memberIds);
            for (int part = 0; part < 3; part++) {
                ps.setObject(1 + part * 4, tenant.value());
                ps.setArray(2 + part * 4, members);
            }
            ps.setTimestamp(3, Timestamp.from(window.from()));
            ps.setTimestamp(4, Timestamp.from(window.firstWholeDayStart()));
            ps.setObject(7, window.firstWholeDay());
            ps.setObject(8, window.firstWholeMonth());
            ps.setObject(11, window.firstWholeMonth());
        }, sum);
        return sums;
    }

    private static Array uuids(PreparedStatement ps, Collection<UUID> ids) throws SQLException {
        return ps.getConnection().createArrayOf("uuid", ids.toArray());
    }

    static Instant windowStart(TierLadder.Qualification qualification, Instant now) {
        return qualification.basis() == TierLadder.Basis.LIFETIME ? null
                : now.atOffset(ZoneOffset.UTC).minusMonths(qualification.windowMonths()).toInstant();
    }
}
