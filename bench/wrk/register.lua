-- POST BENCH_PATH {"email","password"} with an address that never repeats: BENCH_PREFIX, the thread's number
-- and a per-thread counter.
dofile(debug.getinfo(1, "S").source:match("@(.*/)") .. "common.lua")
local path = bench_env("BENCH_PATH", "/auth/register")
local password = bench_env("BENCH_PASSWORD", "")
local prefix = bench_env("BENCH_PREFIX", "reg")
local headers = { ["Content-Type"] = "application/json" }
local n = 0
function request()
  n = n + 1
  local email = prefix .. "-t" .. (thread_id or 0) .. "-" .. n .. "@example.com"
  return wrk.format("POST", path, headers, '{"email":"' .. email .. '","password":"' .. password .. '"}')
end
