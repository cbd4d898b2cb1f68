-- One outbox row per writing transaction, carrying all of its events as a JSON array of envelopes (docs/adr/0020):
-- a batch of 500 purchases writes, publishes and marks one row instead of a thousand, each with three index entries.
-- The relay still publishes one stream entry per event, so consumers see no difference.

alter table outbox add column events jsonb;
alter table outbox add column event_count int;

-- Rows written before this version become one-event rows, sent or not; the relay publishes them as before.
-- A global event (no tenant) has no tenantId field, as on the stream.
update outbox set event_count = 1, events = jsonb_build_array(jsonb_build_object(
    'id', id,
    'type', type,
    'occurredAt', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'version', version,
    'payload', payload)
    || case when tenant_id is null then '{}'::jsonb else jsonb_build_object('tenantId', tenant_id) end);

alter table outbox alter column events set not null;
alter table outbox alter column event_count set not null;
alter table outbox add constraint outbox_event_count_check check (event_count > 0);
-- A large array is stored out of line without compression: written once and read once, it is not worth the CPU.
alter table outbox alter column events set storage external;

alter table outbox drop column type;
alter table outbox drop column tenant_id;
alter table outbox drop column occurred_at;
alter table outbox drop column version;
alter table outbox drop column payload;

-- Each event of each row, for inspection ("which points.earned events did tenant X get?") and for tests. The event's
-- id is its envelope id; row_id is the outbox row that carries it.
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
cross join lateral jsonb_array_elements(o.events) with ordinality as e(value, position);
