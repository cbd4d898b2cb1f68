-- Which channel earned each entry, for plugin and built-in channels alike. A plugin channel's entries are linked in
-- ledger_entry_channel as they are written. The built-in channels' (plugin jifen-core) follow from what every earn
-- entry already says, its reason and source id (the order id of a purchase; the occurrence an event rule pays once,
-- as RuleChannels names it), so the purchase path writes nothing more for them; and entries a pending or held lot
-- gets later, when it becomes active, are covered the same way.
create view ledger_entry_origin with (security_invoker = true) as
select tenant_id, entry_id, plugin_id, channel_id, event_id
from ledger_entry_channel
union all
select tenant_id, entry_id, 'jifen-core', channel_id, event_id
from (select e.tenant_id, e.id as entry_id, e.source_id as event_id,
             case when e.reason = 'purchase' then 'purchase'
                  when e.source_id in ('registration', 'profile-completed') then e.source_id
                  when e.source_id = 'referral-referee' or e.source_id like 'referral:%' then 'referral'
                  when e.source_id like 'birthday:%' then 'birthday'
                  when e.source_id like 'custom:%' then 'custom'
             end as channel_id
      from ledger_entry e
      where e.kind = 'earn' and e.reason in ('purchase', 'rule')) built_in
where channel_id is not null;
