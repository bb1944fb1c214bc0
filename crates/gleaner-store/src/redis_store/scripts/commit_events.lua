-- Commits a batch of event outcomes atomically (a script runs alone on the
-- server). Idempotent by event hash: HSETNX on the seen table both tests and
-- marks, so a repeat inside the batch is found too.
--
-- The seen value is account hash (16 B) ++ content digest (32 B); a marker
-- written before digests were kept holds the account hash only and counts
-- as the same content.
--
-- ARGV[1]: key base "{prefix}:"; ARGV[2]: number of outcomes; then per
-- outcome: event hash (16 B), account hash (16 B) ++ content digest (32 B),
-- account hash hex, account id, audit record JSON, signal count n, then n
-- pairs of signal field (event hash ++ topic u32 BE) and signal value
-- (12-byte sortable time ++ signal JSON).
-- Returns {committed, already_present, {conflicting event hashes}}.
local base = ARGV[1]
local outcome_count = tonumber(ARGV[2])
local at = 3
local committed, already_present = 0, 0
local conflicting = {}
for _ = 1, outcome_count do
  local event, account_hash, account_hex = ARGV[at], ARGV[at + 1], ARGV[at + 2]
  local account_id, audit_json = ARGV[at + 3], ARGV[at + 4]
  local signal_count = tonumber(ARGV[at + 5])
  at = at + 6
  if redis.call('HSETNX', base .. 'seen', event, account_hash) == 0 then
    local stored_digest = string.sub(redis.call('HGET', base .. 'seen', event), 17)
    if stored_digest ~= '' and stored_digest ~= string.sub(account_hash, 17) then
      table.insert(conflicting, event)
    else
      already_present = already_present + 1
    end
    at = at + 2 * signal_count
  else
    redis.call('SADD', base .. 'events_of:' .. account_hex, event)
    local signals_key = base .. 'signals:' .. account_id
    for _ = 1, signal_count do
      local field, value = ARGV[at], ARGV[at + 1]
      at = at + 2
      -- Two signals of one event with the same topic: the last one wins and
      -- its predecessor's time index entry goes.
      local replaced = redis.call('HGET', signals_key, field)
      if replaced then
        redis.call('ZREM', base .. 'signal_times', string.sub(replaced, 1, 12) .. field .. account_id)
      end
      redis.call('HSET', signals_key, field, value)
      redis.call('ZADD', base .. 'signal_times', 0, string.sub(value, 1, 12) .. field .. account_id)
    end
    local sequence = string.format('%d', redis.call('HINCRBY', base .. 'meta', 'next_audit_sequence', 1) - 1)
    redis.call('HSET', base .. 'audit', sequence, audit_json)
    redis.call('ZADD', base .. 'audit_order', sequence, sequence)
    redis.call('ZADD', base .. 'audit_of:' .. account_hex, sequence, sequence)
    committed = committed + 1
  end
end
return {committed, already_present, conflicting}
