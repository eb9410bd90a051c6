-- POST BENCH_PATH as a random seeded user user<i>@example.com (i in 1..BENCH_USERS) with BENCH_PASSWORD.
-- BENCH_STYLE=form: username/password form (Users, Floor); json: {"email","password"} (Identity).
dofile(debug.getinfo(1, "S").source:match("@(.*/)") .. "common.lua")
local path = bench_env("BENCH_PATH", "/auth/jwt/login")
local users = tonumber(bench_env("BENCH_USERS", "10000"))
local password = bench_env("BENCH_PASSWORD", "")
local style = bench_env("BENCH_STYLE", "form")
local form_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local json_headers = { ["Content-Type"] = "application/json" }
function init(args)
  math.randomseed(os.time() * 100 + (thread_id or 0))
end
function request()
  local email = "user" .. math.random(users) .. "@example.com"
  if style == "json" then
    return wrk.format("POST", path, json_headers, '{"email":"' .. email .. '","password":"' .. password .. '"}')
  end
  return wrk.format("POST", path, form_headers, "username=" .. email:gsub("@", "%%40") .. "&password=" .. password)
end
