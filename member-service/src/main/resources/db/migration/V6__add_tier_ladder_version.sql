-- Raised by every replacement of a ladder: the purchase consumer keeps parsed ladders in memory and, from the version
-- it reads with the member (one row it reads anyway), knows whether its copy is the current one, on any instance.
alter table tier_ladder add column version bigint not null default 1;
