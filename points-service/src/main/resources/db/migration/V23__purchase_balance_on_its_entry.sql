-- A purchase that a batch writes before it locks its member's account (ADR 0029) does not know its balance after yet:
-- its earn entry holds it (ledger_entry.balance_after), and the purchase's own column stays null. Readers take the
-- column, else the entry's. A purchase without an entry (nothing credited) always keeps its balance on its row.
alter table purchase alter column balance_after drop not null;
alter table purchase add constraint purchase_balance_known check (balance_after is not null or entry_id is not null);
