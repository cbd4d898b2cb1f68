-- Earning rules (points-service README, "Earning rules"). Tenant data; tenant_id leads every key.

-- A tenant's program was set up (the default rule seeded): a tenant that deleted every rule is not seeded again.
create table earning_program (
    tenant_id uuid        not null primary key,
    seeded_at timestamptz not null default now()
);

create table earning_rule (
    tenant_id      uuid        not null,
    id             uuid        not null,
    code           text        not null,
    name           text        not null,
    type           text        not null check (type in ('spend', 'multiplier', 'event')),
    trigger        text,
    -- Type-specific parameters (points, per, rounding, minimumOrder, exclusions, factor, filters).
    params         jsonb       not null,
    priority       int         not null default 0,
    stacking       text        not null check (stacking in ('stack', 'exclusive')),
    active         boolean     not null default true,
    active_from    timestamptz,
    active_until   timestamptz,
    limit_day      bigint check (limit_day > 0),
    limit_week     bigint check (limit_week > 0),
    limit_month    bigint check (limit_month > 0),
    limit_lifetime bigint check (limit_lifetime > 0),
    budget         bigint check (budget > 0),
    -- Only ever raised by a conditional UPDATE that cannot pass the budget.
    budget_used    bigint      not null default 0 check (budget_used >= 0 and (budget is null or budget_used <= budget)),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, code),
    check (type <> 'event' or trigger is not null)
);

-- Points a rule awarded a member per period ('day:2026-11-25', 'week:2026-W48', 'month:2026-11', 'lifetime'),
-- written under the member's account lock.
create table earning_rule_usage (
    tenant_id uuid   not null,
    rule_id   uuid   not null,
    member_id uuid   not null,
    period    text   not null,
    points    bigint not null check (points >= 0),
    primary key (tenant_id, rule_id, member_id, period),
    foreign key (tenant_id, rule_id) references earning_rule (tenant_id, id) on delete cascade
);

-- Event awards, once per (rule, member, occurrence): a redelivered or republished event never pays twice.
create table earning_event_award (
    tenant_id  uuid        not null,
    rule_id    uuid        not null,
    member_id  uuid        not null,
    occurrence text        not null,
    points     bigint      not null check (points >= 0),
    created_at timestamptz not null default now(),
    primary key (tenant_id, rule_id, member_id, occurrence)
);

-- The awards a purchase got, kept with it: later rule changes never touch a recorded purchase.
create table purchase_award (
    tenant_id uuid   not null,
    order_id  text   not null,
    position  int    not null,
    rule_code text   not null,
    points    bigint not null check (points > 0),
    capped    bigint not null default 0 check (capped >= 0),
    primary key (tenant_id, order_id, position)
);
insert into purchase_award (tenant_id, order_id, position, rule_code, points)
select tenant_id, order_id, 0, 'default', points_awarded from purchase where points_awarded > 0;

-- Custom events (POST /api/v1/events): one per eventId and tenant; the first reply is kept for repeats.
create table custom_event (
    tenant_id    uuid        not null,
    event_id     text        not null,
    type         text        not null,
    member_id    uuid        not null,
    attributes   jsonb,
    request_hash text        not null,
    response     text        not null,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, event_id)
);
