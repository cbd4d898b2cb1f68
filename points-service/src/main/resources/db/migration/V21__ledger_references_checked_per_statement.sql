-- The ledger's references, checked once per statement instead of once per row (docs/adr/0026).
--
-- Two foreign keys sat on the hottest inserts: an entry names its account, an active lot names its entry. PostgreSQL
-- checks a foreign key per row, each check a small query of its own that also locks the row it finds: a batch of 500
-- purchases ran 1,000 of them, 15 % of the database's CPU under bulk earning. What they guarded is guarded here
-- instead, as strictly:
-- * no entry without its account, no lot without its entry, however rows come in: each inserting statement is
--   checked as a whole against the rows it added (a transition table, one anti-join), and an update of a lot's entry
--   (a pending or held lot becoming active gets one) is checked per row;
-- * what is referenced stays: the foreign keys refused to delete an account or an entry, or to change their keys,
--   while something named them. Entries are append-only since V2 (ledger_entry_append_only); now accounts and lots
--   are never deleted either, an account's key never changes, and none of the three is truncated. Nothing in the
--   service does any of it; a migration that must can disable the trigger for its own transaction.
-- Reference errors keep the foreign keys' code (23503 foreign_key_violation); the new refusals are 23001.

create function ledger_entries_name_accounts() returns trigger language plpgsql as $$
begin
    if exists (select 1 from added e
               where not exists (select 1 from account a where a.tenant_id = e.tenant_id
                                 and a.member_id = e.member_id and a.point_type = e.point_type)) then
        raise exception 'a ledger entry names no account' using errcode = 'foreign_key_violation',
            table = 'ledger_entry';
    end if;
    return null;
end
$$;

create function lots_name_entries() returns trigger language plpgsql as $$
begin
    if exists (select 1 from added l
               where l.source_entry_id is not null
                 and not exists (select 1 from ledger_entry e where e.tenant_id = l.tenant_id
                                 and e.id = l.source_entry_id)) then
        raise exception 'a lot names no ledger entry' using errcode = 'foreign_key_violation', table = 'lot';
    end if;
    return null;
end
$$;

create function lot_names_its_entry() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from ledger_entry e where e.tenant_id = new.tenant_id and e.id = new.source_entry_id) then
        raise exception 'lot % names no ledger entry', new.id using errcode = 'foreign_key_violation', table = 'lot';
    end if;
    return null;
end
$$;

create function ledger_rows_stay() returns trigger language plpgsql as $$
begin
    raise exception '% of % refused: ledger rows are never removed or rekeyed', tg_op, tg_table_name
        using errcode = 'restrict_violation', table = tg_table_name;
end
$$;

create trigger entries_name_accounts after insert on ledger_entry referencing new table as added
    for each statement execute function ledger_entries_name_accounts();
create trigger lots_name_entries after insert on lot referencing new table as added
    for each statement execute function lots_name_entries();
create trigger lot_names_its_entry after update of tenant_id, source_entry_id on lot
    for each row when (new.source_entry_id is not null
                       and (new.tenant_id, new.source_entry_id) is distinct from (old.tenant_id, old.source_entry_id))
    execute function lot_names_its_entry();

-- Before: stop at once. After, for the account's key: a change row security refuses is reported as such first.
create trigger accounts_stay before delete on account for each row execute function ledger_rows_stay();
create trigger account_keys_stay after update of tenant_id, member_id, point_type on account
    for each row when ((new.tenant_id, new.member_id, new.point_type)
                       is distinct from (old.tenant_id, old.member_id, old.point_type))
    execute function ledger_rows_stay();
create trigger lots_stay before delete on lot for each row execute function ledger_rows_stay();
create trigger ledger_not_truncated before truncate on ledger_entry for each statement
    execute function ledger_rows_stay();
create trigger accounts_not_truncated before truncate on account for each statement
    execute function ledger_rows_stay();
create trigger lots_not_truncated before truncate on lot for each statement execute function ledger_rows_stay();

alter table ledger_entry drop constraint ledger_entry_tenant_id_member_id_point_type_fkey;
alter table lot drop constraint lot_tenant_id_source_entry_id_fkey;
