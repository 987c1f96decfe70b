-- wrk script: send GET requests for the paths listed, one a line, in the
-- file named by BENCH_PATHS, in turn.

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
