-- A spend may be given back in parts (a purchase refund returns its share of the points that paid an order), so
-- a spend is no longer restored by at most one entry: each restore records what it gave back of each lot the spend
-- consumed, and the lots never get back more than the spend took from them.
drop index ledger_entry_restores;
create index ledger_entry_restores on ledger_entry (tenant_id, restores_entry_id) where restores_entry_id is not null;

-- What a restore (a refund entry naming a spend) gave back of one lot the spend consumed. Under a refund debt a
-- lot may get fewer points than recorded here (the rest repaid the debt): the row says what of the spend is
-- restored, so it can never be restored again.
create table lot_restoration (
    tenant_id      uuid   not null,
    entry_id       uuid   not null,
    lot_id         uuid   not null,
    spend_entry_id uuid   not null,
    points         bigint not null check (points > 0),
    primary key (tenant_id, entry_id, lot_id),
    foreign key (tenant_id, entry_id) references ledger_entry (tenant_id, id),
    foreign key (tenant_id, spend_entry_id, lot_id) references lot_consumption (tenant_id, entry_id, lot_id)
);
create index lot_restoration_by_spend on lot_restoration (tenant_id, spend_entry_id, lot_id);
create trigger lot_restoration_append_only before update or delete on lot_restoration
    for each row execute function refuse_ledger_change();

-- Never more back from a lot than the spend took from it, even if a caller's own guard failed (Ledger.restore
-- counts under the account lock; this is the database saying so too).
create function refuse_restoring_more_than_consumed() returns trigger language plpgsql as $$
begin
    if (select sum(points) from lot_restoration
        where tenant_id = new.tenant_id and spend_entry_id = new.spend_entry_id and lot_id = new.lot_id)
       > (select points from lot_consumption
          where tenant_id = new.tenant_id and entry_id = new.spend_entry_id and lot_id = new.lot_id) then
        raise exception 'spend % would give lot % back more than it took', new.spend_entry_id, new.lot_id;
    end if;
    return null;
end
$$;
create trigger lot_restoration_within_consumption after insert on lot_restoration
    for each row execute function refuse_restoring_more_than_consumed();

-- Restores before this version gave back a whole spend, once: exactly the lots it consumed.
insert into lot_restoration (tenant_id, entry_id, lot_id, spend_entry_id, points)
select r.tenant_id, r.id, c.lot_id, c.entry_id, c.points
from ledger_entry r
join lot_consumption c on c.tenant_id = r.tenant_id and c.entry_id = r.restores_entry_id
where r.restores_entry_id is not null;
