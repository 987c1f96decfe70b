-- wrk script for `make loadtest`: spread requests over a list of Delivery API
-- paths and count responses by status class, so a 5xx is never hidden in
-- wrk's single "non-2xx or 3xx" figure. The driver writes the paths to the
-- file named by the LOADTEST_PATHS environment variable, one per line.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("LOADTEST_PATHS")) do
    if #line > 0 then table.insert(paths, line) end
  end
  counter = id * 7919
  ok, redirect, client_error, unavailable, server_error = 0, 0, 0, 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], {["Accept"] = "application/json"})
end

function response(status, headers, body)
  if status < 300 then ok = ok + 1
  elseif status < 400 then redirect = redirect + 1
  elseif status < 500 then client_error = client_error + 1
  elseif status == 503 then unavailable = unavailable + 1
  else server_error = server_error + 1 end
end

function done(summary, latency, requests)
  local totals = {ok = 0, redirect = 0, client_error = 0, unavailable = 0, server_error = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'LOADTEST {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"ok": %d, "redirect": %d, "client_error": %d, "unavailable": %d, "server_error": %d, '
    .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, totals.ok, totals.redirect, totals.client_error,
    totals.unavailable, totals.server_error, errors.connect, errors.read, errors.write,
    errors.timeout))
end
