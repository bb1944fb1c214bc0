-- Inserts or replaces accounts and keeps the center index in step.
-- ARGV[1]: key base; ARGV[2]: count; then per account: id, JSON, center id
-- (or ''), '1' when linked to that center else '0'.
local base = ARGV[1]
local count = tonumber(ARGV[2])
local at = 3
for _ = 1, count do
  local id, json, center, linked = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  at = at + 4
  local previous_center = redis.call('HGET', base .. 'account_center', id)
  if previous_center then
    redis.call('ZREM', base .. 'center:' .. previous_center, id)
    redis.call('HDEL', base .. 'account_center', id)
  end
  redis.call('HSET', base .. 'accounts', id, json)
  if linked == '1' then
    redis.call('HSET', base .. 'account_center', id, center)
    redis.call('ZADD', base .. 'center:' .. center, 0, id)
  end
end
return count
