-- Member care: complaints, feedback and enquiries, with a status workflow, an assignee and notes.
create table service_ticket (
    tenant_id   uuid          not null,
    id          uuid          not null,
    member_id   uuid          not null,
    type        varchar(16)   not null check (type in ('complaint', 'feedback', 'enquiry')),
    subject     varchar(200)  not null,
    description varchar(4000),
    status      varchar(16)   not null check (status in ('open', 'in_progress', 'resolved', 'closed')),
    assignee    varchar(100),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, member_id) references member (tenant_id, id)
);
create index service_ticket_status_idx on service_ticket (tenant_id, status, created_at);
create index service_ticket_member_idx on service_ticket (tenant_id, member_id, created_at);

create table ticket_note (
    tenant_id  uuid          not null,
    id         uuid          not null,
    ticket_id  uuid          not null,
    author     varchar(100)  not null,
    text       varchar(4000) not null,
    created_at timestamptz   not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, ticket_id) references service_ticket (tenant_id, id)
);
create index ticket_note_ticket_idx on ticket_note (tenant_id, ticket_id, created_at);
