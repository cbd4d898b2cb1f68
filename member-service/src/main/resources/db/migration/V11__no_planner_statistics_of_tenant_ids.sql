-- ANALYZE no longer samples tenant_id (docs/adr/0031). Every query names one tenant as the leading column of an index,
-- so a tenant's share of a table says nothing the planner needs; where one tenant filled the last sample, another was
-- planned as owning no rows, and a purchase's lookup by order id scanned that tenant's every purchase instead.
-- The event library's outbox and processed_event are left alone: their tenant_id is a plain column, no key.
do $$
declare
    t record;
begin
    for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
             where n.nspname = current_schema() and c.relkind in ('r', 'p')
               and c.relname not in ('outbox', 'processed_event')
    loop
        execute format('alter table %I alter column tenant_id set statistics 0', t.relname);
    end loop;
end $$;
