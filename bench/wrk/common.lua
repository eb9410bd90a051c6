-- Shared by every scenario script: the result line that run.sh parses (one JSON object, prefixed RESULT).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end

-- Each thread numbers itself (setup runs in the main state, once per thread) so per-thread values never collide.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function bench_env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end
