-- Row security on every tenant table (ARCHITECTURE.md "Identity and tenancy", docs/adr/0019): defence in depth
-- under the explicit tenant_id of every query. A row is visible and writable only to a connection set to its tenant
-- (jifen.tenant_id, set by RowSecurityDataSource from the TenantContext), or to one doing declared cross-tenant
-- work (jifen.all_tenants = 'on': a job finding the tenants with due work, a migration). FORCE makes the policies
-- bind the owner too, which is the role the service logs in as on the local platform.
-- The event library's outbox and processed_event are left out: the relay publishes every tenant's events.
-- A table added later needs the same three statements; RowSecurityIT fails the build for one without them.
do $$
declare
    visible constant text := $v$tenant_id = nullif(current_setting('jifen.tenant_id', true), '')::uuid
        or current_setting('jifen.all_tenants', true) = 'on'$v$;
    t text;
begin
    for t in
        select c.table_name
        from information_schema.columns c
        join information_schema.tables r on r.table_schema = c.table_schema and r.table_name = c.table_name
        where c.table_schema = current_schema() and c.column_name = 'tenant_id' and r.table_type = 'BASE TABLE'
          and c.table_name not in ('outbox', 'processed_event')
        order by c.table_name
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_rows on %I using (%s) with check (%s)', t, visible, visible);
    end loop;
end
$$;
