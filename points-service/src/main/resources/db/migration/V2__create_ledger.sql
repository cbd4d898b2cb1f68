-- The points ledger (ARCHITECTURE.md "The points ledger"). tenant_id leads every key so the tables distribute by
-- tenant (Citus). Points are bigint: whole points only.

-- Per-tenant ledger policy; a tenant without a row has the defaults.
create table tenant_settings (
    tenant_id         uuid        not null primary key,
    refund_debt       text        not null default 'clamp' check (refund_debt in ('allow', 'clamp')),
    transfers_enabled boolean     not null default false,
    updated_at        timestamptz not null default now()
);

-- What points-service knows of member-service's members (events, or a synchronous lookup on a miss).
create table member (
    tenant_id   uuid        not null,
    member_id   uuid        not null,
    external_id text,
    card_number text,
    status      text        not null,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, member_id)
);
create unique index member_card_number on member (tenant_id, card_number) where card_number is not null;
create unique index member_external_id on member (tenant_id, external_id) where external_id is not null;

-- The balance projection: changed only under a row lock, in the transaction that appends the entry.
create table account (
    tenant_id       uuid        not null,
    member_id       uuid        not null,
    point_type      text        not null check (point_type in ('points', 'growth')),
    balance         bigint      not null default 0,
    pending         bigint      not null default 0 check (pending >= 0),
    lifetime_earned bigint      not null default 0 check (lifetime_earned >= 0),
    lifetime_spent  bigint      not null default 0 check (lifetime_spent >= 0),
    version         bigint      not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, member_id, point_type)
);

create table ledger_entry (
    tenant_id     uuid        not null,
    id            uuid        not null,
    member_id     uuid        not null,
    point_type    text        not null,
    kind          text        not null check (kind in ('earn', 'spend', 'refund', 'reverse', 'adjust', 'expire',
                                                       'transfer-in', 'transfer-out')),
    points        bigint      not null check (points <> 0),
    balance_after bigint      not null,
    reason        text        not null check (reason in ('rule', 'purchase', 'redemption', 'campaign', 'plugin',
                                                         'admin')),
    source_id     text,
    note          text,
    actor         text,
    actor_client  text,
    created_at    timestamptz not null default clock_timestamp(),
    primary key (tenant_id, id),
    foreign key (tenant_id, member_id, point_type) references account (tenant_id, member_id, point_type)
);
create index ledger_entry_by_account on ledger_entry (tenant_id, member_id, point_type, created_at desc, id);

-- Earned points; spending takes soonest-expiring lots first (no expiry = last).
create table lot (
    tenant_id       uuid        not null,
    id              uuid        not null,
    member_id       uuid        not null,
    point_type      text        not null,
    points          bigint      not null check (points > 0),
    remaining       bigint      not null check (remaining >= 0 and remaining <= points),
    expires_at      timestamptz,
    pending_until   timestamptz,
    source_entry_id uuid        not null,
    created_at      timestamptz not null default clock_timestamp(),
    primary key (tenant_id, id),
    foreign key (tenant_id, source_entry_id) references ledger_entry (tenant_id, id)
);
create index lot_open on lot (tenant_id, member_id, point_type, expires_at) where remaining > 0;

-- Which lots a debit consumed, so a reversal can restore them with their original expiry.
create table lot_consumption (
    tenant_id uuid   not null,
    entry_id  uuid   not null,
    lot_id    uuid   not null,
    points    bigint not null check (points > 0),
    primary key (tenant_id, entry_id, lot_id),
    foreign key (tenant_id, entry_id) references ledger_entry (tenant_id, id),
    foreign key (tenant_id, lot_id) references lot (tenant_id, id)
);

create table purchase (
    tenant_id      uuid          not null,
    order_id       text          not null,
    member_id      uuid          not null,
    amount         numeric(12, 2) not null check (amount > 0),
    currency       char(3)       not null,
    occurred_at    timestamptz   not null,
    request_hash   text          not null,
    points_awarded bigint        not null check (points_awarded >= 0),
    entry_id       uuid,
    balance_after  bigint        not null,
    created_at     timestamptz   not null default now(),
    primary key (tenant_id, order_id)
);

create table purchase_refund (
    tenant_id       uuid           not null,
    order_id        text           not null,
    refund_id       text           not null,
    amount          numeric(12, 2) not null check (amount > 0),
    points_due      bigint         not null check (points_due >= 0),
    points_reversed bigint         not null check (points_reversed >= 0 and points_reversed <= points_due),
    entry_id        uuid,
    balance_after   bigint         not null,
    created_at      timestamptz    not null default now(),
    primary key (tenant_id, order_id, refund_id),
    foreign key (tenant_id, order_id) references purchase (tenant_id, order_id)
);

create table idempotency_key (
    tenant_id       uuid        not null,
    key             text        not null,
    request_hash    text        not null,
    status          text        not null check (status in ('in_flight', 'done')),
    response_status int,
    response_body   text,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz,
    primary key (tenant_id, key)
);

-- Append-only, enforced by the database too: corrections are new entries, never edits.
create function refuse_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end
$$;
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function refuse_ledger_change();
create trigger lot_consumption_append_only before update or delete on lot_consumption
    for each row execute function refuse_ledger_change();
