-- wrk script: send GET requests for the paths listed, one a line, in the
-- file named by BENCH_PATHS, in turn. With BENCH_MAX_REQUESTS set, each
-- thread stops after its share of that many responses.

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if line ~= "" then
    paths[#paths + 1] = line
  end
end
local index = 0
function request()
  index = index + 1
  return wrk.format("GET", paths[(index % #paths) + 1])
end

local limit = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "")
if limit then
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local share = math.ceil(limit / threads)
  local done = 0
  function response(status, headers, body)
    done = done + 1
    if done >= share then
      wrk.thread:stop()
    end
  end
end
