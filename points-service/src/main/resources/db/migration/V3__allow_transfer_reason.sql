-- Transfers between two members of a tenant say so in the entry's reason (kind transfer-in / transfer-out).
alter table ledger_entry drop constraint ledger_entry_reason_check;
alter table ledger_entry add constraint ledger_entry_reason_check
    check (reason in ('rule', 'purchase', 'redemption', 'campaign', 'plugin', 'admin', 'transfer'));
