-- Plugins (issue 6). A plugin and its channels are platform-wide (installed once, enabled per tenant), so those two
-- tables are the only ones here without a tenant_id; everything a tenant does with them leads with tenant_id.

-- The uploaded jar itself: every instance materialises it into its plugin directory at start (or on first use).
create table plugin (
    plugin_id     text        not null primary key,
    version       text        not null,
    requires      text        not null,
    description   text,
    provider      text,
    jar           bytea       not null,
    sha256        text        not null,
    enabled       boolean     not null default true,
    uploaded_by   text,
    uploaded_at   timestamptz not null default now()
);

-- Channel ids are unique across plugins: they name the channel in /api/v1/channels/{channelId}/events.
create table plugin_channel (
    channel_id    text not null primary key,
    plugin_id     text not null references plugin (plugin_id) on delete cascade,
    display_name  text not null,
    description   text,
    config_schema text not null
);

create table channel_enablement (
    tenant_id  uuid        not null,
    channel_id text        not null references plugin_channel (channel_id) on delete cascade,
    plugin_id  text        not null,
    enabled    boolean     not null,
    config     text        not null,
    -- null: jifen.points.plugins.limits.max-points-per-event
    max_points_per_event bigint check (max_points_per_event > 0),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, channel_id)
);
create index channel_enablement_by_plugin on channel_enablement (tenant_id, plugin_id) where enabled;

-- The plugins' small key-value store, per tenant and plugin; written by the host, only when its ledger write commits.
create table plugin_state (
    tenant_id  uuid        not null,
    plugin_id  text        not null,
    key        text        not null,
    value      text        not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, plugin_id, key)
);

-- One award per channel event id, whatever Idempotency-Key the caller sends.
create table channel_event (
    tenant_id  uuid        not null,
    channel_id text        not null,
    event_id   text        not null,
    member_id  uuid        not null,
    points     bigint      not null check (points > 0),
    created_at timestamptz not null default now(),
    primary key (tenant_id, channel_id, event_id)
);

-- Which plugin and channel proposed each entry they caused. A side table rather than new ledger_entry columns, so
-- Ledger's insert stays as it is; append-only like the ledger, and kept when a plugin is removed.
create table ledger_entry_channel (
    tenant_id  uuid not null,
    entry_id   uuid not null,
    plugin_id  text not null,
    channel_id text not null,
    event_id   text not null,
    primary key (tenant_id, entry_id),
    foreign key (tenant_id, entry_id) references ledger_entry (tenant_id, id)
);
create trigger ledger_entry_channel_append_only before update or delete on ledger_entry_channel
    for each row execute function refuse_ledger_change();
