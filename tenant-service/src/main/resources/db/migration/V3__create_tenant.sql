-- Tenants are global rows (platform admins list across tenants); the tenant's own endpoints read only the row whose
-- id is the token's tenant. The tenant id leads every key.
create table tenant (
    id               uuid         primary key,
    slug             varchar(40)  not null,
    name             varchar(100) not null,
    admin_email      varchar(254) not null,
    admin_user_id    varchar(64),
    status           varchar(16)  not null check (status in ('provisioning', 'active', 'suspended')),
    plan_code        varchar(32)  not null references plan (code),
    suspended_reason varchar(500),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    version          bigint       not null default 0,
    constraint tenant_slug_key unique (slug),
    -- The admin e-mail becomes a Keycloak username, unique in the realm, hence across tenants.
    constraint tenant_admin_email_key unique (admin_email)
);
create index tenant_status_plan_idx on tenant (status, plan_code);
create index tenant_created_at_idx on tenant (created_at);

create table tenant_settings (
    tenant_id             uuid          primary key references tenant (id) on delete cascade,
    currency              varchar(3)    not null check (currency ~ '^[A-Z]{3}$'),
    timezone              varchar(64)   not null,
    locale                varchar(35)   not null,
    points_display_name   varchar(40)   not null,
    -- Points worth one unit of the tenant's currency when offsetting a payment (100 = 100 points per 1 CNY).
    points_to_money_ratio numeric(14, 4) not null check (points_to_money_ratio > 0),
    updated_at            timestamptz   not null
);

-- The confidential Keycloak clients of a tenant's backends; secrets live in Keycloak only.
create table api_client (
    tenant_id   uuid         not null references tenant (id) on delete cascade,
    client_id   varchar(80)  not null,
    keycloak_id varchar(64)  not null,
    name        varchar(100) not null,
    role        varchar(32)  not null,
    created_at  timestamptz  not null,
    primary key (tenant_id, client_id)
);
-- Keycloak client ids are unique in the realm.
create unique index api_client_client_id_key on api_client (client_id);
