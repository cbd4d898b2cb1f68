-- What one member may give away when the tenant allows transfers (null: no limit).
alter table tenant_settings add column transfer_max_points bigint check (transfer_max_points > 0);
alter table tenant_settings add column transfer_max_points_per_day bigint check (transfer_max_points_per_day > 0);
