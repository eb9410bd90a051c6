-- GET BENCH_PATH with the bearer token BENCH_TOKEN (me, list_deep).
dofile(debug.getinfo(1, "S").source:match("@(.*/)") .. "common.lua")
local path = bench_env("BENCH_PATH", "/")
local headers = { ["Authorization"] = "Bearer " .. bench_env("BENCH_TOKEN", "") }
function request()
  return wrk.format("GET", path, headers)
end
