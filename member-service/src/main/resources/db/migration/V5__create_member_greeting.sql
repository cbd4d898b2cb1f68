-- Birthday and membership-anniversary events: one row per member, kind and year, inserted in the transaction that
-- writes the event to the outbox, so each is emitted exactly once per year whatever restarts or re-runs happen.
create table member_greeting (
    tenant_id uuid        not null,
    member_id uuid        not null,
    kind      varchar(16) not null check (kind in ('birthday', 'anniversary')),
    year      int         not null,
    sent_at   timestamptz not null,
    primary key (tenant_id, member_id, kind, year)
);

-- The tenant's time zone (from tenant-service's events): "today" for birthdays is the tenant's local date.
create table tenant_timezone (
    tenant_id  uuid        primary key,
    timezone   varchar(64) not null,
    updated_at timestamptz not null
);

create index member_birthday_idx on member (tenant_id, (extract(month from birthday)), (extract(day from birthday)));
