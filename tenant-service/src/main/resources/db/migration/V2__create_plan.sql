-- Plans and their quotas (docs/adr/0005). A null quota means unlimited. Global: platform admins assign plans.
create table plan (
    code        varchar(32)  primary key,
    name        varchar(100) not null,
    rps         integer      not null check (rps > 0),
    burst       integer      not null check (burst >= rps),
    max_members bigint       check (max_members > 0),
    max_plugins integer      check (max_plugins >= 0)
);

insert into plan (code, name, rps, burst, max_members, max_plugins) values
    ('free', 'Free', 20, 40, 1000, 1),
    ('standard', 'Standard', 200, 400, 100000, 5),
    ('enterprise', 'Enterprise', 5000, 10000, null, 50);
