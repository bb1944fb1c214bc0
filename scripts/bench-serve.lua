-- wrk script for scripts/bench-serve: GET recommendations (kind=ad) for a
-- random account from $GLEANER_BENCH_IDS, with the bearer token in
-- $GLEANER_BENCH_TOKEN. Each wrk thread draws from its own fixed seed, so a
-- run is repeatable.
local token = os.getenv("GLEANER_BENCH_TOKEN")
local ids = {}
for line in io.lines(os.getenv("GLEANER_BENCH_IDS")) do
  if line ~= "" then ids[#ids + 1] = line end
end
local headers = { ["Authorization"] = "Bearer " .. token }

local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("seed", next_thread)
end

function init(args)
  math.randomseed(seed or 1)
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/v1/accounts/" .. id .. "/recommendations?kind=ad&n=10", headers)
end
