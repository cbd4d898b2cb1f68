-- Claims older than any redelivery are purged hourly (OutboxRelay). Rows arrive in time order, so a BRIN index finds
-- the old ones without scanning the table and costs next to nothing per insert.
create index processed_event_processed_at_brin on processed_event using brin (processed_at);
