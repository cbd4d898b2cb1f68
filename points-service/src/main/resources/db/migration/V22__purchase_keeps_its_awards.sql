-- A purchase keeps the awards it got on its own row (docs/adr/0028), a JSON array of {"rule", "points", "capped"}
-- ("capped" left out when nothing was cut), in their order: one row and one index entry less per purchase than the
-- purchase_award table of V7, and one statement less while a batch holds its members' account locks.
alter table purchase add column awards jsonb not null default '[]';

-- Every tenant's purchases are rewritten here (row security binds the owner too: V17).
select set_config('jifen.all_tenants', 'on', true);

update purchase p set awards = a.awards
from (select tenant_id, order_id,
             jsonb_agg(jsonb_build_object('rule', rule_code, 'points', points)
                       || case when capped > 0 then jsonb_build_object('capped', capped) else '{}'::jsonb end
                       order by position) as awards
      from purchase_award
      group by tenant_id, order_id) a
where p.tenant_id = a.tenant_id and p.order_id = a.order_id;

drop table purchase_award;

select set_config('jifen.all_tenants', '', true);
