-- Projection of other services' events (member-service, points-service): what platform admins see per tenant.
-- No foreign key: events may arrive for a tenant whose row this database does not (yet) hold.
create table tenant_usage (
    tenant_id        uuid        primary key,
    member_count     bigint      not null default 0,
    points_liability bigint      not null default 0,
    updated_at       timestamptz not null
);
