-- The test service's own schema, in its own Flyway history, next to the library's (same version 1).

-- How many times each event's effect was applied: the exactly-once tests expect 1.
create table effect (
    event_id uuid primary key,
    applied  int  not null
);

-- The tenant a handler ran as (null: none).
create table tenant_seen (
    event_id    uuid primary key,
    seen_tenant uuid
);

-- A tenant-scoped entity a handler saves through a repository.
create table stamp (
    tenant_id uuid not null,
    id        uuid not null,
    event_id  uuid not null,
    primary key (tenant_id, id)
);
