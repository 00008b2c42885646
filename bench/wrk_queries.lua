-- wrk script (issue 7): cycles through the query set's request paths (one a line in the file
-- given after `--`, from `coop-bench-eval queries --paths`), facet filters included; each thread
-- starts at a different offset. done() prints one parseable line of results: errors is every
-- request that did not end in a 2xx/3xx answer (HTTP status >= 400, connect, read and write
-- failures, and requests still unanswered after wrk's --timeout), then each kind apart;
-- max_ms is the slowest answered request (wrk drops answers slower than --timeout from its
-- latency statistics and counts them as timeouts instead).
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  local e = summary.errors
  local failed = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format("WRK_RESULT requests=%d seconds=%.3f qps=%.1f p50_ms=%.3f p99_ms=%.3f " ..
    "max_ms=%.3f errors=%d status=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, failed,
    e.status, e.connect, e.read, e.write, e.timeout))
end
