-- GET BENCH_PATH_PREFIX<id> over random ids read from BENCH_IDS_FILE, with the bearer token BENCH_TOKEN.
dofile(debug.getinfo(1, "S").source:match("@(.*/)") .. "common.lua")
local prefix = bench_env("BENCH_PATH_PREFIX", "/users/")
local headers = { ["Authorization"] = "Bearer " .. bench_env("BENCH_TOKEN", "") }
local ids = {}
for line in io.lines(bench_env("BENCH_IDS_FILE", "ids.txt")) do
  if #line > 0 then ids[#ids + 1] = line end
end
function init(args)
  math.randomseed(os.time() * 100 + (thread_id or 0))
end
function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)], headers)
end
