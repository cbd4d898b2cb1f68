-- The tenant's tier ladder and qualification policy as one validated JSON document (read and replaced whole),
-- growth value entries (append-only, dated, so rolling windows are a range sum), tier history and purchase stats.

create table tier_ladder (
    tenant_id  uuid        primary key,
    ladder     jsonb       not null,
    updated_at timestamptz not null
);

-- source_ref is the order id of a purchase or the refund id of a refund: a purchase re-announced under a new
-- event id still counts once.
create table growth_entry (
    tenant_id   uuid          not null,
    member_id   uuid          not null,
    source      varchar(16)   not null check (source in ('purchase', 'refund')),
    source_ref  varchar(100)  not null,
    growth      bigint        not null,
    amount      numeric(19, 4) not null,
    occurred_at timestamptz   not null,
    primary key (tenant_id, source, source_ref)
);
create index growth_entry_member_idx on growth_entry (tenant_id, member_id, occurred_at);

create table tier_history (
    tenant_id  uuid         not null,
    id         bigserial    not null,
    member_id  uuid         not null,
    from_code  varchar(32),
    to_code    varchar(32)  not null,
    reason     varchar(200) not null,
    changed_at timestamptz  not null,
    primary key (tenant_id, id)
);
create index tier_history_member_idx on tier_history (tenant_id, member_id, changed_at);

create table member_stats (
    tenant_id         uuid           not null,
    member_id         uuid           not null,
    total_spend       numeric(19, 4) not null default 0,
    refunded          numeric(19, 4) not null default 0,
    purchase_count    bigint         not null default 0,
    first_purchase_at timestamptz,
    last_purchase_at  timestamptz,
    primary key (tenant_id, member_id)
);
