-- Reads, in one atomic step, the members of a sorted set (in its order) and
-- the value each has in a hash: the listing reads of accounts by center and
-- audit records by account.
-- KEYS[1]: the sorted set; KEYS[2]: the hash. Returns the values found.
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
local values = {}
for _, member in ipairs(members) do
  local value = redis.call('HGET', KEYS[2], member)
  if value then
    values[#values + 1] = value
  end
end
return values
