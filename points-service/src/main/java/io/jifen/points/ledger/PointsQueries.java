package io.jifen.points.ledger;

import io.jifen.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the ledger for members and merchants. */
@Service
@Transactional(readOnly = true)
class PointsQueries {

    static final Duration EXPIRING_WINDOW = Duration.ofDays(90);

    /**
     * A member's lots expiring within the window, summed per expiry date (joined to its account's row). The window is
     * part of the text, not a parameter: with a parameter there, PostgreSQL estimated more expiring lots for its
     * generic plan than for a plan made for the value, kept planning the statement on every call of a member with
     * many lots, and the planning cost seven times the execution (docs/benchmarks.md, run 23).
     */
    private static final String EXPIRING_LOTS = """
            left join lateral (
                select sum(remaining) as points, expires_at from lot
                where tenant_id = a.tenant_id and member_id = a.member_id and point_type = a.point_type and remaining > 0
                  and expires_at > now() and expires_at <= now() + interval '%d days'
                group by expires_at
            ) e on true""".formatted(EXPIRING_WINDOW.toDays());

    private final JdbcTemplate jdbc;

    PointsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The member's summary in one statement and no transaction (a balance read is the most frequent call), when the
     * member projection knows the member and it is not erased; empty otherwise, and the caller then resolves the
     * member as every other endpoint does (member-service for one registered a moment ago, 404 for none).
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<PointsSummary> summaryOfKnownMember(UUID memberId) {
        UUID tenant = TenantContext.require().value();
        return summary("""
                from member m
                left join account a on a.tenant_id = m.tenant_id and a.member_id = m.member_id and a.point_type = ?
                %s
                where m.tenant_id = ? and m.member_id = ? and lower(m.status) <> 'erased'""".formatted(EXPIRING_LOTS),
                Ledger.POINTS, tenant, memberId);
    }

    /** Zeros for a member who has not earned yet. */
    PointsSummary summary(UUID memberId) {
        UUID tenant = TenantContext.require().value();
        return summary("""
                from (select 1) as one
                left join account a on a.tenant_id = ? and a.member_id = ? and a.point_type = ?
                %s""".formatted(EXPIRING_LOTS),
                tenant, memberId, Ledger.POINTS).orElseThrow();
    }

    /**
     * The account and its expiring lots in one statement: one row per expiry date within the window, or one row
     * without an expiry when nothing expires soon; empty when {@code from} yields no row.
     */
    private Optional<PointsSummary> summary(String from, Object... args) {
        long[] account = new long[4];
        List<PointsSummary.Expiring> expiring = new ArrayList<>();
        boolean[] found = {false};
        jdbc.query("select a.balance, a.pending, a.lifetime_earned, a.lifetime_spent, e.points, e.expires_at "
                + from + " order by e.expires_at", row -> {
            found[0] = true;
            account[0] = row.getLong(1);
            account[1] = row.getLong(2);
            account[2] = row.getLong(3);
            account[3] = row.getLong(4);
            if (row.getTimestamp(6) != null) {
                expiring.add(new PointsSummary.Expiring(row.getLong(5), row.getTimestamp(6).toInstant()));
            }
        }, args);
        return found[0] ? Optional.of(new PointsSummary(account[0], account[1], account[2], account[3],
                List.copyOf(expiring))) : Optional.empty();
    }

    EntryPage entries(UUID memberId, EntryKind kind, Instant from, Instant to, int page, int size) {
        StringBuilder sql = new StringBuilder("""
                select id, kind, points, balance_after, reason, source_id, note, created_at from ledger_entry
                where tenant_id = ? and member_id = ? and point_type = ?""");
        List<Object> args = new ArrayList<>(List.of(TenantContext.require().value(), memberId, Ledger.POINTS));
        if (kind != null) {
            sql.append(" and kind = ?");
            args.add(kind.value());
        }
        if (from != null) {
            sql.append(" and created_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and created_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" order by created_at desc, id limit ? offset ?");
        args.add(size + 1);
        args.add((long) page * size);
        List<EntryView> rows = jdbc.query(sql.toString(), (row, i) -> new EntryView(row.getObject(1, UUID.class),
                row.getString(2), row.getLong(3), row.getLong(4), row.getString(5), row.getString(6),
                row.getString(7), row.getTimestamp(8).toInstant()), args.toArray());
        boolean more = rows.size() > size;
        return new EntryPage(more ? rows.subList(0, size) : rows, page, size, more);
    }
}
