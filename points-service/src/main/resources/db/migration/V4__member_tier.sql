-- The member's current tier (from member.registered and tier.changed), for tier multipliers and tier-only rewards.
alter table member add column tier_code text;
