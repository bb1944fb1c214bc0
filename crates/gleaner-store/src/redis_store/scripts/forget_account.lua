-- Removes every trace of one account atomically: the account and its center
-- entry, its signals and their time index entries, its audit records (by
-- hashed id), its account-move and settings-override records and its
-- seen-event markers; counts one tombstone when anything was removed.
-- ARGV[1]: key base; ARGV[2]: account id; ARGV[3]: account hash hex.
-- Returns {account_removed (0/1), signals, audit records, events}.
local base, account_id, account_hex = ARGV[1], ARGV[2], ARGV[3]
local account_removed = 0
if redis.call('HDEL', base .. 'accounts', account_id) == 1 then
  account_removed = 1
end
local center = redis.call('HGET', base .. 'account_center', account_id)
if center then
  redis.call('ZREM', base .. 'center:' .. center, account_id)
  redis.call('HDEL', base .. 'account_center', account_id)
end
local signals_key = base .. 'signals:' .. account_id
local signal_entries = redis.call('HGETALL', signals_key)
for index = 1, #signal_entries, 2 do
  local field, value = signal_entries[index], signal_entries[index + 1]
  redis.call('ZREM', base .. 'signal_times', string.sub(value, 1, 12) .. field .. account_id)
end
redis.call('DEL', signals_key)
local audit_of_key = base .. 'audit_of:' .. account_hex
local sequences = redis.call('ZRANGE', audit_of_key, 0, -1)
for _, sequence in ipairs(sequences) do
  redis.call('HDEL', base .. 'audit', sequence)
  redis.call('ZREM', base .. 'audit_order', sequence)
end
redis.call('DEL', audit_of_key)
local events_key = base .. 'events_of:' .. account_hex
local events = redis.call('SMEMBERS', events_key)
for _, event in ipairs(events) do
  redis.call('HDEL', base .. 'seen', event)
end
redis.call('DEL', events_key)
-- Operator records (account moves, settings overrides) are
-- "account hash hex ++ JSON", one list each.
for _, list_name in ipairs({'account_moves', 'settings_overrides'}) do
  local list_key = base .. list_name
  for _, entry in ipairs(redis.call('LRANGE', list_key, 0, -1)) do
    if string.sub(entry, 1, #account_hex) == account_hex then
      redis.call('LREM', list_key, 0, entry)
    end
  end
end
local signal_count = #signal_entries / 2
if account_removed == 1 or signal_count > 0 or #sequences > 0 or #events > 0 then
  redis.call('HINCRBY', base .. 'meta', 'tombstones', 1)
end
return {account_removed, signal_count, #sequences, #events}
