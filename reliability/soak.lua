-- Mixed workload of one simulated client per connection, in a loop: register a new user, log in, read /users/me,
-- PATCH /users/me, refresh the token, read /users/me with the new token, log out. Each connection keeps its own user
-- and tokens; every answer is checked, and 5xx answers and unexpected statuses are counted per thread.
local password = os.getenv("SOAK_PASSWORD") or "Soak-Passw0rd-Xq7"
local prefix = os.getenv("SOAK_PREFIX") or "soak"
local debug = os.getenv("SOAK_DEBUG") == "1"   -- print each unexpected answer
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

-- The step advances when its answer arrives (wrk may build a request it never sends), so the sequence stays in step.
local step, n, email, access, refresh = 1, 0, nil, nil, nil
server_errors, unexpected = 0, 0
local json = { ["Content-Type"] = "application/json" }
local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }

local function bearer()
  return { ["Authorization"] = "Bearer " .. (access or "") , ["Content-Type"] = "application/json" }
end

-- The status each step must answer.
local expected = { 201, 200, 200, 200, 200, 200, 204 }

function request()
  if step == 1 then
    n = n + 1
    email = string.format("%s-%d-%d-%d@example.com", prefix, thread_id or 0, os.time(), n)
    return wrk.format("POST", "/auth/register", json, '{"email":"' .. email .. '","password":"' .. password .. '"}')
  elseif step == 2 then
    return wrk.format("POST", "/auth/jwt/login", form, "username=" .. email:gsub("@", "%%40") .. "&password=" .. password)
  elseif step == 3 or step == 6 then
    return wrk.format("GET", "/users/me", bearer())
  elseif step == 4 then
    return wrk.format("PATCH", "/users/me", bearer(), '{"is_active": true}')
  elseif step == 5 then
    return wrk.format("POST", "/auth/jwt/refresh", json, '{"refresh_token":"' .. (refresh or "") .. '"}')
  else
    return wrk.format("POST", "/auth/jwt/logout", bearer())
  end
end

function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
  if status ~= expected[step] then
    unexpected = unexpected + 1
    if debug then io.write(string.format("UNEXPECTED step %d status %d: %s\n", step, status, body:sub(1, 200))) end
  end
  if (step == 2 or step == 5) and status == 200 then
    access = body:match('"access_token"%s*:%s*"([^"]+)"')
    refresh = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  end
  step = step % 7 + 1
end

function done(summary, latency, requests)
  local fivexx, other = 0, 0
  for _, thread in ipairs(threads) do
    fivexx = fivexx + thread:get("server_errors")
    other = other + thread:get("unexpected")
  end
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"p99_ms":%.1f,"server_errors":%d,"unexpected":%d,"socket_errors":%d}\n',
    summary.requests, latency:percentile(99) / 1000, fivexx, other, e.connect + e.read + e.write + e.timeout))
end
