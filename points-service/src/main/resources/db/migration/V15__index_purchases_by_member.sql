-- "Is this the member's first purchase?" is asked by every purchase; without this index it read the whole table.
create index purchase_by_member on purchase (tenant_id, member_id);
