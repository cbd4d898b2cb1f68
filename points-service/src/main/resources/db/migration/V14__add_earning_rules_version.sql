-- Raised with every change of a tenant's earning rules (in the same transaction), so an instance may keep the
-- rules it evaluates purchases with in memory and know, with one indexed read, whether they are still current.
alter table earning_program add column rules_version bigint not null default 0;
