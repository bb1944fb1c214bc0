-- Deletes the signals whose time is strictly before the cutoff, atomically.
-- The time index holds members "time (12 B) ++ field (20 B) ++ account id"
-- with score 0, so lexicographic order is time order and every member of a
-- signal at the cutoff or later sorts after the bare 12 cutoff bytes.
-- ARGV[1]: key base; ARGV[2]: the 12 cutoff bytes. Returns the count.
local base = ARGV[1]
local index_key = base .. 'signal_times'
local upper = '(' .. ARGV[2]
local expired = redis.call('ZRANGE', index_key, '-', upper, 'BYLEX')
for _, member in ipairs(expired) do
  redis.call('HDEL', base .. 'signals:' .. string.sub(member, 33), string.sub(member, 13, 32))
end
if #expired > 0 then
  redis.call('ZREMRANGEBYLEX', index_key, '-', upper)
end
return #expired
