-- Members, their cards and the per-tenant settings and counters. tenant_id leads every key and index (Citus
-- distributes by it). Uniqueness of external id, phone, e-mail, referral code and card number is per tenant and is
-- enforced here, not by a read-then-write check, so concurrent registrations cannot both win.

create table member (
    tenant_id         uuid         not null,
    id                uuid         not null,
    external_id       varchar(64),
    name              varchar(100) not null,
    phone             varchar(32),
    email             varchar(254),
    gender            varchar(16),
    birthday          date,
    address           varchar(500),
    attributes        jsonb        not null default '{}'::jsonb,
    tags              varchar(32)[] not null default '{}',
    referral_code     varchar(16)  not null,
    referrer_id       uuid,
    status            varchar(16)  not null check (status in ('active', 'frozen', 'closed')),
    tier_code         varchar(32)  not null,
    tier_floor_code   varchar(32),
    tier_since        timestamptz  not null,
    card_number       varchar(32),
    profile_completed boolean      not null default false,
    erased_at         timestamptz,
    joined_at         timestamptz  not null,
    updated_at        timestamptz  not null,
    version           bigint       not null default 0,
    primary key (tenant_id, id),
    constraint member_external_id_key unique (tenant_id, external_id),
    constraint member_phone_key unique (tenant_id, phone),
    constraint member_email_key unique (tenant_id, email),
    constraint member_referral_code_key unique (tenant_id, referral_code)
);
create index member_joined_at_idx on member (tenant_id, joined_at);
create index member_tier_idx on member (tenant_id, tier_code);

-- Card history: at most one live (active or lost) card per member; dead numbers stay so lookups can say so.
create table card (
    tenant_id  uuid        not null,
    number     varchar(32) not null,
    member_id  uuid        not null,
    status     varchar(16) not null check (status in ('active', 'lost', 'dead')),
    issued_at  timestamptz not null,
    ended_at   timestamptz,
    primary key (tenant_id, number),
    foreign key (tenant_id, member_id) references member (tenant_id, id)
);
create unique index card_live_per_member_key on card (tenant_id, member_id) where status <> 'dead';
create index card_member_idx on card (tenant_id, member_id, issued_at);

-- One row per tenant, created on first use; defaults live in the application (MemberSettings).
create table member_settings (
    tenant_id               uuid        primary key,
    required_profile_fields text[]      not null,
    card_prefix             varchar(8)  not null,
    updated_at              timestamptz not null
);

-- The per-tenant card sequence: one UPDATE ... RETURNING per card, locked only until the registration commits.
create table card_counter (
    tenant_id  uuid   primary key,
    last_value bigint not null
);
