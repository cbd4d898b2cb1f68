-- A row's events as the text the writer made (docs/adr/0024): the relay publishes that text as one stream entry and
-- nothing reads it as JSON inside PostgreSQL but the inspection view, so parsing it into jsonb on every insert (a batch
-- of 500 purchases writes 100 KB of envelopes) and printing it back on every publish was work for no one. The writer
-- builds it with Jackson, and a consumer parks an entry it cannot read.
drop view outbox_event;

alter table outbox alter column events type text using events::text;
-- Out of line without compression, as before (ADR 0020): written once, read once.
alter table outbox alter column events set storage external;

create view outbox_event as
select (e.value ->> 'id')::uuid                 as id,
       o.id                                     as row_id,
       o.seq,
       e.position::int                          as position,
       e.value ->> 'type'                       as type,
       (e.value ->> 'tenantId')::uuid           as tenant_id,
       (e.value ->> 'occurredAt')::timestamptz  as occurred_at,
       (e.value ->> 'version')::int             as version,
       e.value -> 'payload'                     as payload,
       o.sent_at,
       o.attempts,
       o.last_error
from outbox o
cross join lateral jsonb_array_elements(o.events::jsonb) with ordinality as e(value, position);
