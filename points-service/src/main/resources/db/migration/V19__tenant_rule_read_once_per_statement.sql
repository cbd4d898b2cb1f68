-- The tenant rule of every policy (V17, docs/adr/0019) with each setting read in a scalar subquery: PostgreSQL then
-- reads it once per statement (an InitPlan) instead of once per row it checks. A batch of 500 purchases writes 500
-- rows into each of several tables, and each row's check looked both settings up by name and parsed the tenant id.
-- Same rule, same rows visible and writable. RowSecurityIT compares every policy with RowSecurityCatalog.TENANT_RULE.
do $$
declare
    visible constant text := $v$tenant_id = (select nullif(current_setting('jifen.tenant_id', true), '')::uuid)
        or (select current_setting('jifen.all_tenants', true) = 'on')$v$;
    t text;
begin
    for t in
        select c.relname from pg_policy p join pg_class c on c.oid = p.polrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and p.polname = 'tenant_rows'
        order by 1
    loop
        execute format('alter policy tenant_rows on %I using (%s) with check (%s)', t, visible, visible);
    end loop;
end
$$;
