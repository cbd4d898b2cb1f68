-- A member's growth value per UTC day, per UTC month and ever: sums of its growth_entry rows, added to in the statement
-- that inserts each entry (GrowthLedger.record), so tier checks read a few buckets instead of every entry of the
-- window or, for lifetime ladders, of the member's whole history. growth_entry stays the record; the buckets are
-- derived from it (entries are never updated or deleted). The 'ever' bucket has no start: '-infinity'.
create table growth_bucket (
    tenant_id uuid        not null,
    member_id uuid        not null,
    span      varchar(8)  not null check (span in ('day', 'month', 'ever')),
    starts_on date        not null,
    growth    bigint      not null,
    primary key (tenant_id, member_id, span, starts_on)
);

-- The entries recorded so far. An instance of the previous version still writing entries after this ran would leave
-- them out of the buckets: stop the purchase consumers of older instances before (docs/adr/0010).
insert into growth_bucket (tenant_id, member_id, span, starts_on, growth)
select tenant_id, member_id, 'day', (occurred_at at time zone 'UTC')::date, sum(growth)
from growth_entry group by 1, 2, 4
union all
select tenant_id, member_id, 'month', date_trunc('month', occurred_at at time zone 'UTC')::date, sum(growth)
from growth_entry group by 1, 2, 4
union all
select tenant_id, member_id, 'ever', '-infinity'::date, sum(growth)
from growth_entry group by 1, 2;
