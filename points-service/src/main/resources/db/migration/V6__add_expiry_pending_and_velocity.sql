-- Expiry policies, pending periods and the velocity guard (points-service README, "Expiry, pending and holds").

-- The tenant's policy; defaults are the behaviour before V6: never expire, nothing pending, no caps. timezone is
-- learned from tenant-service's events (null: UTC) and decides where a day, month, quarter or year ends.
alter table tenant_settings
    add column expiry_policy                 text    not null default 'never'
        check (expiry_policy in ('never', 'days-after-earn', 'end-of-month', 'end-of-quarter', 'end-of-year')),
    add column expiry_days                   integer not null default 0 check (expiry_days between 0 and 36500),
    add column expiring_notice_days          integer not null default 30
        check (expiring_notice_days between 0 and 365),
    add column pending_days                  integer not null default 0 check (pending_days between 0 and 365),
    add column max_points_per_member_per_day bigint check (max_points_per_member_per_day > 0),
    add column hold_earns_above              bigint check (hold_earns_above > 0),
    add column timezone                      text,
    add column updated_by                    text;

-- A lot is active (counts in the balance), pending (a return window), held (awaiting review) or cancelled.
-- Pending and held lots have no entry yet: the earn entry is written when they become active; until then their
-- remaining is what account.pending holds. kind/reason/source_id say what the entry will be.
alter table lot
    add column status              text not null default 'active'
        check (status in ('pending', 'active', 'held', 'cancelled')),
    add column kind                text,
    add column reason              text,
    add column source_id           text,
    add column expiring_noticed_at timestamptz,
    alter column source_entry_id drop not null,
    add constraint lot_active_has_entry check (status <> 'active' or source_entry_id is not null),
    add constraint lot_waiting_is_earn check (status = 'active' or kind is not null);
create index lot_due on lot (tenant_id, expires_at) where status = 'active' and remaining > 0
    and expires_at is not null;
create index lot_waiting on lot (tenant_id, pending_until) where status in ('pending', 'held');
create index lot_by_source on lot (tenant_id, source_id) where source_id is not null;
create index lot_earned_by_day on lot (tenant_id, member_id, created_at) where kind = 'earn';

alter table ledger_entry drop constraint ledger_entry_reason_check;
alter table ledger_entry add constraint ledger_entry_reason_check
    check (reason in ('rule', 'purchase', 'redemption', 'campaign', 'plugin', 'admin', 'transfer', 'expiry'));

-- What a purchase's points did: active at once, pending for the return window, or held for review.
alter table purchase
    add column points_pending bigint not null default 0 check (points_pending >= 0),
    add column points_held    bigint not null default 0 check (points_held >= 0);
-- A refund inside the window cancels pending (or held) points instead of taking them from the balance.
alter table purchase_refund
    add column points_cancelled bigint not null default 0 check (points_cancelled >= 0),
    add constraint purchase_refund_within_due check (points_reversed + points_cancelled <= points_due);

-- The velocity guard's review queue: one row per held lot, decided once by a tenant admin.
create table earn_review (
    tenant_id       uuid        not null,
    id              uuid        not null,
    lot_id          uuid        not null,
    member_id       uuid        not null,
    points          bigint      not null check (points > 0),
    cause           text        not null check (cause in ('daily-cap', 'above-threshold')),
    status          text        not null default 'open' check (status in ('open', 'approved', 'rejected',
                                                                          'cancelled')),
    source_id       text,
    created_at      timestamptz not null default now(),
    decided_by      text,
    decided_client  text,
    decision_reason text,
    decided_at      timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, lot_id),
    foreign key (tenant_id, lot_id) references lot (tenant_id, id)
);
create index earn_review_by_status on earn_review (tenant_id, status, created_at);
