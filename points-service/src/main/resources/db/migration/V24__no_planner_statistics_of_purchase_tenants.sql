-- ANALYZE no longer samples purchase.tenant_id (docs/adr/0031). When one tenant filled the last sample, any other
-- tenant was planned as owning one row, and a group's read of its stored purchases by order id took the member index
-- with the tenant alone as its condition: every purchase of the tenant, on every group. Without statistics the
-- planner chooses between the two (tenant_id, …) indexes by their second column. Only this table: on the others the
-- tenant's real size matters (the credit statement's account update joins better with it).
alter table purchase alter column tenant_id set statistics 0;
