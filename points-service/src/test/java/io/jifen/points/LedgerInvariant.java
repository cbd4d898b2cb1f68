package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ARCHITECTURE.md's ledger invariant over every account of every tenant: balance = Σ entries, Σ remaining of
 * active lots = max(balance, 0) (a lot past its expiry counts until its expire entry), pending = Σ remaining of
 * pending and held lots, and balance ≥ 0 unless the tenant allows refund debt; and every entry names an account,
 * every lot with an entry names one that exists (the references points V21 checks per statement).
 */
final class LedgerInvariant {

    private LedgerInvariant() {
    }

    static void assertHolds(JdbcTemplate jdbc) {
        List<Map<String, Object>> broken = jdbc.queryForList("""
                select a.tenant_id, a.member_id, a.balance, e.total as entries, l.total as lots, a.pending,
                       w.total as waiting, coalesce(s.refund_debt, 'clamp') as refund_debt
                from account a
                cross join lateral (select coalesce(sum(points), 0) as total from ledger_entry e
                    where e.tenant_id = a.tenant_id and e.member_id = a.member_id
                      and e.point_type = a.point_type) e
                cross join lateral (select coalesce(sum(remaining), 0) as total from lot l
                    where l.tenant_id = a.tenant_id and l.member_id = a.member_id and l.point_type = a.point_type
                      and l.status = 'active') l
                cross join lateral (select coalesce(sum(remaining), 0) as total from lot w
                    where w.tenant_id = a.tenant_id and w.member_id = a.member_id and w.point_type = a.point_type
                      and w.status in ('pending', 'held')) w
                left join tenant_settings s on s.tenant_id = a.tenant_id
                where a.balance <> e.total or l.total <> greatest(a.balance, 0) or a.pending <> w.total
                   or (a.balance < 0 and coalesce(s.refund_debt, 'clamp') <> 'allow')""");
        assertThat(broken).as("accounts breaking the ledger invariant").isEmpty();
        List<Map<String, Object>> dangling = jdbc.queryForList("""
                select 'entry' as row, e.tenant_id, e.id from ledger_entry e
                where not exists (select 1 from account a where a.tenant_id = e.tenant_id
                                  and a.member_id = e.member_id and a.point_type = e.point_type)
                union all
                select 'lot', l.tenant_id, l.id from lot l
                where l.source_entry_id is not null
                  and not exists (select 1 from ledger_entry e where e.tenant_id = l.tenant_id
                                  and e.id = l.source_entry_id)""");
        assertThat(dangling).as("entries without their account, lots without their entry").isEmpty();
        Long accounts = jdbc.queryForObject("select count(*) from account", Long.class);
        assertThat(accounts).as("the invariant was checked on some accounts").isPositive();
    }
}
