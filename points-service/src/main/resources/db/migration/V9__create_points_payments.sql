-- Points as payment (积分抵扣): a tenant's ratio and ceiling, and the points applied to orders.

-- A tenant without a row has the defaults: 100 points = 1 currency unit, at most half of an order.
create table payment_settings (
    tenant_id       uuid          not null primary key,
    points_per_unit bigint        not null default 100 check (points_per_unit > 0),
    max_share       numeric(5, 4) not null default 0.5 check (max_share > 0 and max_share <= 1),
    updated_at      timestamptz   not null default now()
);

-- One payment per order: applied once, reversed at most once (Ledger.restore puts the points back in their lots).
create table points_payment (
    tenant_id       uuid           not null,
    order_id        text           not null,
    member_id       uuid           not null,
    points          bigint         not null check (points > 0),
    discount        numeric(14, 2) not null check (discount >= 0),
    order_amount    numeric(12, 2),
    currency        char(3),
    status          text           not null check (status in ('applied', 'reversed')),
    spend_entry_id  uuid           not null,
    refund_entry_id uuid,
    balance_after   bigint         not null,
    created_at      timestamptz    not null default clock_timestamp(),
    reversed_at     timestamptz,
    primary key (tenant_id, order_id),
    foreign key (tenant_id, spend_entry_id) references ledger_entry (tenant_id, id)
);
