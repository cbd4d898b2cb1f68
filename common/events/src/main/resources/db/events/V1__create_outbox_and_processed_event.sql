-- jifen-events' own schema, applied by the library's own Flyway run (history table jifen_events_schema_history),
-- so these versions never clash with a service's db/migration. Both tables are global: tenant_id is a plain
-- column, never a Hibernate discriminator, because the relay and the consumers work across tenants.

create table outbox (
    id          uuid        primary key,
    -- Publication order. A uuid carries none, and occurred_at can tie.
    seq         bigserial   not null unique,
    type        varchar(100) not null,
    tenant_id   uuid,
    occurred_at timestamptz not null,
    version     int         not null,
    payload     jsonb       not null,
    sent_at     timestamptz,
    attempts    int         not null default 0,
    last_error  text
);

-- The relay's only question: what is still unsent, oldest first. Stays as small as the backlog.
create index outbox_unsent_idx on outbox (seq) where sent_at is null;
-- Purging old sent rows must not scan the table.
create index outbox_sent_at_idx on outbox (sent_at) where sent_at is not null;

-- One row per (consumer group, event) whose effect has committed: the handler's transaction inserts it first,
-- so a redelivered event finds it and is skipped.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    tenant_id    uuid,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
