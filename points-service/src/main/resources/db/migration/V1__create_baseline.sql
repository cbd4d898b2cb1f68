-- Baseline of the points service's own database. Feature tables arrive in later versions; the event
-- outbox and processed-event tables come from common/events (classpath:db/events).
COMMENT ON SCHEMA public IS 'Jifen points service';
