-- Rewards catalog and redemptions (积分商城). tenant_id leads every key, like the ledger.

-- A redemption cancelled is restored once: the refund entry names the spend it restores, at most one per spend.
alter table ledger_entry add column restores_entry_id uuid;
create unique index ledger_entry_restores on ledger_entry (tenant_id, restores_entry_id)
    where restores_entry_id is not null;

create table reward (
    tenant_id       uuid        not null,
    id              uuid        not null,
    type            text        not null check (type in ('goods', 'coupon', 'service')),
    name            text        not null,
    description     text,
    image_url       text,
    points_cost     bigint      not null check (points_cost > 0),
    -- null: unlimited; decremented only by a conditional UPDATE (stock >= quantity)
    stock           bigint      check (stock >= 0),
    daily_limit     int         check (daily_limit > 0),
    lifetime_limit  int         check (lifetime_limit > 0),
    -- JSON array of tier codes allowed to redeem; null: every tier
    allowed_tiers   jsonb,
    available_from  timestamptz,
    available_until timestamptz,
    active          boolean     not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, id),
    check (available_from is null or available_until is null or available_from < available_until)
);
create index reward_by_created on reward (tenant_id, created_at desc, id);

create table coupon_code (
    tenant_id     uuid        not null,
    reward_id     uuid        not null,
    code          text        not null,
    status        text        not null default 'available' check (status in ('available', 'issued', 'voided')),
    redemption_id uuid,
    created_at    timestamptz not null default clock_timestamp(),
    issued_at     timestamptz,
    primary key (tenant_id, reward_id, code),
    foreign key (tenant_id, reward_id) references reward (tenant_id, id)
);
create index coupon_code_available on coupon_code (tenant_id, reward_id, created_at) where status = 'available';
create index coupon_code_by_redemption on coupon_code (tenant_id, redemption_id) where redemption_id is not null;

create table redemption (
    tenant_id       uuid        not null,
    id              uuid        not null,
    member_id       uuid        not null,
    reward_id       uuid        not null,
    reward_type     text        not null,
    quantity        int         not null check (quantity > 0),
    points_spent    bigint      not null check (points_spent > 0),
    status          text        not null check (status in ('completed', 'cancelled')),
    -- goods only: placed -> shipped -> delivered, forward only
    fulfilment      text        check (fulfilment in ('placed', 'shipped', 'delivered')),
    tracking_number text,
    spend_entry_id  uuid        not null,
    refund_entry_id uuid,
    balance_after   bigint      not null,
    created_at      timestamptz not null default clock_timestamp(),
    updated_at      timestamptz not null default clock_timestamp(),
    cancelled_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, reward_id) references reward (tenant_id, id),
    foreign key (tenant_id, spend_entry_id) references ledger_entry (tenant_id, id),
    check ((fulfilment is null) = (reward_type <> 'goods'))
);
-- Per-member limits count the member's redemptions of one reward (under the member's account lock).
create index redemption_by_member_reward on redemption (tenant_id, member_id, reward_id, created_at);
create index redemption_by_created on redemption (tenant_id, created_at desc, id);
