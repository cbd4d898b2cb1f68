-- Admits one call, atomically: the tenant's state (suspended? its plan's rps/burst), its token bucket, and its
-- API call counter for the day. All keys of one tenant share a hash tag, so this runs on Redis Cluster too.
-- KEYS[1] bucket hash; KEYS[2] tenant state hash (optional); KEYS[3] today's call counter (optional);
-- KEYS[4] the tenant's revoked API clients (optional)
-- ARGV[1] default rps; ARGV[2] default burst; ARGV[3] call counter TTL in seconds; ARGV[4] the token's client ('' if none)
-- Returns {outcome ('admitted' | 'limited' | 'suspended' | 'revoked'), tokens left, retry after (ms), rps, burst}
local rps = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local status = 'active'
if KEYS[2] then
  local state = redis.call('HMGET', KEYS[2], 'status', 'rps', 'burst')
  if state[1] then status = state[1] end
  local stateRps = tonumber(state[2])
  local stateBurst = tonumber(state[3])
  if stateRps and stateRps > 0 then rps = stateRps end
  if stateBurst and stateBurst >= 1 then burst = math.floor(stateBurst) end
end
if status == 'suspended' then
  return {'suspended', '0', '0', tostring(rps), tostring(burst)}
end
-- A deleted API client's access tokens live until they expire (minutes): refuse them now.
if KEYS[4] and ARGV[4] ~= '' and redis.call('SISMEMBER', KEYS[4], ARGV[4]) == 1 then
  return {'revoked', '0', '0', tostring(rps), tostring(burst)}
end

-- Redis' clock, not the callers': every gateway instance sees the same time.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(bucket[1]) or burst
local last = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - last) * rps / 1000)

local outcome = 'limited'
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  outcome = 'admitted'
else
  retry = math.ceil((1 - tokens) * 1000 / rps)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
-- A full bucket and an absent one are the same: let idle tenants' buckets disappear.
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rps) + 1000)

-- The counter is per day: its time to live is set once, by the call that creates it.
if outcome == 'admitted' and KEYS[3] and redis.call('INCR', KEYS[3]) == 1 then
  redis.call('EXPIRE', KEYS[3], ARGV[3])
end
return {outcome, tostring(math.floor(tokens)), tostring(retry), tostring(rps), tostring(burst)}
