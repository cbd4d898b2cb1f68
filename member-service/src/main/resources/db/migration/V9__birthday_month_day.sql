-- Under row security (V8) the birthday index's extract() columns no longer serve as index conditions: extract is not
-- leakproof, so PostgreSQL may only apply it after the policy, to every member of the tenant. A stored month-day
-- number (March 11 is 311) compared with the leakproof integer equality serves the same lookup (docs/adr/0019).
alter table member add column birthday_md int
    generated always as ((extract(month from birthday) * 100 + extract(day from birthday))::int) stored;
drop index member_birthday_idx;
create index member_birthday_idx on member (tenant_id, birthday_md) where birthday_md is not null;
