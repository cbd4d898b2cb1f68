package io.jifen.member.tier;

import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Growth value (成长值) entries, dated, one per purchase or refund (keyed by its order or refund id, so a purchase
 * announced twice counts once). The growth value of a member is a sum over a date range: rolling windows need no
 * expiry job. Every purchase asks for that sum, so it is not taken over the entries, which would read the whole
 * window (or, for a lifetime ladder, the member's whole history) each time: the statement that inserts an entry also
 * adds it to the member's {@code growth_bucket} rows for its UTC day, its UTC month and ever, and sums are read from
 * those ({@link GrowthWindow}). A run of events records its entries with {@link #recordAll}, one statement for the
 * entries and their buckets together. Plain SQL: the tenant is explicit.
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

    // One entry per key (the caller's list has no repeats), in key order and the buckets in member order: two runs
    // that meet lock in the same order, and a bucket of a member that bought twice on one day is added to once.
    // The select at the end answers which entries were new.
    private static final String RECORD_ALL = """
            with entry as (
                insert into growth_entry (tenant_id, member_id, source, source_ref, growth, amount, occurred_at)
                select ?, e.member_id, e.source, e.source_ref, e.growth, e.amount::numeric, e.occurred_at::timestamptz
                from unnest(?::uuid[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[])
                    as e (member_id, source, source_ref, growth, amount, occurred_at)
                order by e.source, e.source_ref
                on conflict do nothing
                returning tenant_id, member_id, source, source_ref, growth,
                    (occurred_at at time zone 'UTC')::date as day),
            bucket as (
                insert into growth_bucket (tenant_id, member_id, span, starts_on, growth)
                select e.tenant_id, e.member_id, b.span, b.starts_on, sum(e.growth)::bigint
                from entry e, lateral (values (1, 'day', e.day), (2, 'month', date_trunc('month', e.day)::date),
                                              (3, 'ever', '-infinity'::date)) b (rank, span, starts_on)
                group by e.tenant_id, e.member_id, b.rank, b.span, b.starts_on
                order by e.member_id, b.rank, b.starts_on
                on conflict (tenant_id, member_id, span, starts_on)
                do update set growth = growth_bucket.growth + excluded.growth)
            select source, source_ref from entry""";

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

    public enum Source {
        PURCHASE, REFUND;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A purchase (keyed by its order id) or a refund (by its refund id) to record.
     *
     * @param occurredAt kept to the microsecond, as PostgreSQL keeps it, rounded half up as the JDBC driver rounds a
     *                   timestamp: a run sends times as text, which PostgreSQL would round its own way
     */
    public record Entry(UUID memberId, Source source, String sourceRef, BigDecimal amount, Instant occurredAt) {

        public Entry {
            occurredAt = occurredAt.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        }

        /** 1 growth per whole currency unit; a refund takes back the whole units it returns. */
        public long growth() {
            return amount.longValue() * (source == Source.REFUND ? -1 : 1);
        }

        private Key key() {
            return new Key(source, sourceRef);
        }
    }

    private record Key(Source source, String sourceRef) {
    }

    /** Records an entry; false when this purchase or refund was recorded before (nothing changed). */
    public boolean record(TenantId tenant, UUID memberId, Source source, String sourceRef, BigDecimal amount,
            Instant occurredAt) {
        Entry entry = new Entry(memberId, source, sourceRef, amount, occurredAt);
        return jdbc.update(RECORD, tenant.value(), memberId, source.column(), sourceRef, entry.growth(), amount,
                Timestamp.from(entry.occurredAt())) > 0;
    }

    /**
     * {@link #record} on each entry in order, in one statement: returns the entries that were new, in their order.
     * An entry whose key was recorded before, or repeats an earlier entry of the list, changes nothing and is left
     * out, as {@link #record} would have returned false for it.
     */
    public List<Entry> recordAll(TenantId tenant, List<Entry> entries) {
        Map<Key, Entry> first = new LinkedHashMap<>();
        entries.forEach(entry -> first.putIfAbsent(entry.key(), entry));
        if (first.isEmpty()) {
            return List.of();
        }
        List<Entry> distinct = List.copyOf(first.values());
        Set<Key> recorded = new HashSet<>(jdbc.query(RECORD_ALL, ps -> {
            ps.setObject(1, tenant.value());
            ps.setArray(2, array(ps, "uuid", distinct, Entry::memberId));
            ps.setArray(3, array(ps, "text", distinct, entry -> entry.source().column()));
            ps.setArray(4, array(ps, "text", distinct, Entry::sourceRef));
            ps.setArray(5, array(ps, "int8", distinct, Entry::growth));
            ps.setArray(6, array(ps, "text", distinct, entry -> entry.amount().toPlainString()));
            ps.setArray(7, array(ps, "text", distinct, entry -> entry.occurredAt().toString()));
        }, (rs, i) -> new Key(Source.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getString(2))));
        return distinct.stream().filter(entry -> recorded.contains(entry.key())).toList();
    }

    /** The growth value earned since {@code from} (null: ever), never below zero. */
    long since(TenantId tenant, UUID memberId, Instant from) {
        return since(tenant, List.of(memberId), from).getOrDefault(memberId, 0L);
    }

    /** {@link #since} for many members at once (one query per batch of the re-evaluation job). */
    Map<UUID, Long> since(TenantId tenant, Collection<UUID> memberIds, Instant from) {
        Map<UUID, Long> sums = sums(tenant, memberIds, from);
        sums.replaceAll((member, sum) -> Math.max(0, sum));
        return sums;
    }

    /**
     * The entries' growth since {@code from} (null: ever) as it adds up, below zero too: what a run of entries just
     * recorded can be taken back out of, to replay the value after each of them ({@link TierUpgrades#upgradeAll}).
     * Members without entries are absent.
     */
    Map<UUID, Long> sums(TenantId tenant, Collection<UUID> memberIds, Instant from) {
        Map<UUID, Long> sums = new HashMap<>();
        RowCallbackHandler sum = rs -> sums.put(rs.getObject(1, UUID.class), rs.getLong(2));
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

    private static Array array(PreparedStatement ps, String type, List<Entry> entries, Function<Entry, ?> column)
            throws SQLException {
        return ps.getConnection().createArrayOf(type, entries.stream().map(column).toArray());
    }

    static Instant windowStart(TierLadder.Qualification qualification, Instant now) {
        return qualification.basis() == TierLadder.Basis.LIFETIME ? null
                : now.atOffset(ZoneOffset.UTC).minusMonths(qualification.windowMonths()).toInstant();
    }
}
