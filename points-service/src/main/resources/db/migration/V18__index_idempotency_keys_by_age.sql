-- The hourly pruning of remembered Idempotency-Key replies (IdempotencyKeyPruning) finds the old ones by age. Keys
-- arrive in time order, so a BRIN index serves it without scanning the table and costs next to nothing per insert.
create index idempotency_key_created_at_brin on idempotency_key using brin (created_at);
