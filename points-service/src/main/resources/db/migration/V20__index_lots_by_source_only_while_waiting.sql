-- lot_by_source serves one question: which waiting (pending or held) lots did this order create, to cancel them on a
-- refund (Ledger.cancelWaiting). Active lots, nearly every lot there is, were indexed by their source too, one more
-- index entry for every purchase's lot; now only waiting lots are. A lot that becomes active leaves the index.
drop index lot_by_source;
create index lot_by_source on lot (tenant_id, source_id) where status in ('pending', 'held');
