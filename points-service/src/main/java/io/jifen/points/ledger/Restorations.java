package io.jifen.points.ledger;

import io.jifen.points.ledger.LotAllocator.Consumption;
import io.jifen.points.ledger.LotAllocator.OpenLot;
import io.jifen.tenancy.TenantId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What of a spend is still to be given back, lot by lot ({@code lot_consumption} minus {@code lot_restoration}),
 * for {@link Ledger#restore}, which calls it under the account lock (and owns it: it is the ledger's SQL).
 */
class Restorations {

    private final JdbcTemplate jdbc;

    Restorations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code entryId} is a spend of this member's points. */
    boolean isSpend(TenantId tenant, UUID entryId, UUID memberId) {
        return !jdbc.queryForList("""
                select 1 from ledger_entry
                where tenant_id = ? and id = ? and member_id = ? and point_type = ? and kind = ?""", Integer.class,
                tenant.value(), entryId, memberId, Ledger.POINTS, EntryKind.SPEND.value()).isEmpty();
    }

    /**
     * Each lot the spend consumed with what it has not given back yet ({@code remaining} here), locked, in the
     * order points go back: soonest-expiring first (never-expiring last), then oldest, as the spend took them.
     */
    List<OpenLot> restorable(TenantId tenant, UUID spendEntryId) {
        return jdbc.query("""
                select c.lot_id, c.points - coalesce((select sum(r.points) from lot_restoration r
                    where r.tenant_id = c.tenant_id and r.spend_entry_id = c.entry_id and r.lot_id = c.lot_id), 0)
                from lot_consumption c join lot l on l.tenant_id = c.tenant_id and l.id = c.lot_id
                where c.tenant_id = ? and c.entry_id = ?
                order by l.expires_at asc nulls last, l.created_at, l.id
                for update of l""", (row, i) -> new OpenLot(row.getObject(1, UUID.class), row.getLong(2)),
                tenant.value(), spendEntryId).stream().filter(lot -> lot.remaining() > 0).toList();
    }

    /** Records that restore entry {@code entryId} gave back {@code part} of the spend's points. */
    void record(TenantId tenant, UUID entryId, UUID spendEntryId, Consumption part) {
        jdbc.update("""
                insert into lot_restoration (tenant_id, entry_id, lot_id, spend_entry_id, points)
                values (?, ?, ?, ?, ?)""", tenant.value(), entryId, part.lotId(), spendEntryId, part.points());
    }
}
