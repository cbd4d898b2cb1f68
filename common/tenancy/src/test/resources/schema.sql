-- The test service's schema, shaped like a real one: tenant_id leads every key.
create table widget (
    tenant_id   uuid         not null,
    id          uuid         not null,
    business_id varchar(64)  not null,
    name        varchar(200) not null,
    primary key (tenant_id, id),
    unique (tenant_id, business_id)
);

create table plan (
    code         varchar(32)  primary key,
    display_name varchar(100) not null
);
