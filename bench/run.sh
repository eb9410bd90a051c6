#!/usr/bin/env bash
# Macro benchmark: Users vs the Floor vs ASP.NET Core Identity, on a throwaway PostgreSQL cluster, driven by wrk.
# Usage: bench/run.sh            (see bench/README.md for the environment variables)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

BENCH_USERS=${BENCH_USERS:-10000}              # seeded users per target (1000000 for the 1M run)
BENCH_DURATION=${BENCH_DURATION:-10s}          # one measured wrk run
BENCH_WARMUP=${BENCH_WARMUP:-3s}               # one warm-up wrk run before each measured run
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}     # reads
BENCH_HASH_CONNECTIONS=${BENCH_HASH_CONNECTIONS:-4}  # login/registration (hash-bound; more only queues)
BENCH_TARGETS=${BENCH_TARGETS:-"users floor identity"}
BENCH_DEFAULT_COST=${BENCH_DEFAULT_COST:-1}    # 0 skips the runs at our default 600,000 iterations
BENCH_OUT=${BENCH_OUT:-"$BENCH/results"}
BENCH_LARGE=${BENCH_LARGE:-1000000}            # Users again at this many users (same run, for the size targets); 0 skips
BENCH_PASSWORD=Bench_Passw0rd_Xq7               # satisfies Users' policy and Identity's default rules
EQUAL_ITERATIONS=100000                        # Identity's default cost (PBKDF2-HMAC-SHA512, 100,000)
DEFAULT_ITERATIONS=600000                      # Users' default cost (PBKDF2-HMAC-SHA256, 600,000)
SECRET="bench-secret-$(head -c 24 /dev/urandom | base64 | tr -d '+/=')"

RUN_DIR="$BENCH_OUT/run-$(date -u +%Y%m%d-%H%M%S)"   # logs (git-ignored)
mkdir -p "$RUN_DIR"
CSV="$RUN_DIR/results.csv"
echo "target,scenario,hash,requests,rps,p50_ms,p99_ms,app_cpu_ms_per_req,pg_cpu_ms_per_req,app_rss_mb,errors" >"$CSV"

START=$SECONDS
PHASE_START=$SECONDS
phase() {
  echo "   (phase took $((SECONDS - PHASE_START)) s; total $((SECONDS - START)) s)"
  PHASE_START=$SECONDS
  echo "== $*"
}

# ---------------------------------------------------------------- cleanup: every process started here, and the cluster
APP_PID=""
OTHER_PID=""
# shellcheck source=../.ci/postgres.sh
source "$ROOT/.ci/postgres.sh"
cleanup() {
  local rc=$?
  local pid
  for pid in $APP_PID $OTHER_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  pg_stop
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
echo "== tools"
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
CORES=$(nproc)
TICKS=$(getconf CLK_TCK)

# ---------------------------------------------------------------- build
phase "build (Release)"
for project in src/Api/Users.Api.csproj bench/Floor/Floor.csproj bench/IdentityBaseline/IdentityBaseline.csproj bench/Tools/Tools.csproj; do
  dotnet build "$ROOT/$project" -c Release -nologo -v q -clp:ErrorsOnly >"$RUN_DIR/build.log" 2>&1 \
    || { cat "$RUN_DIR/build.log"; exit 1; }
done
USERS_DLL="$ROOT/src/Api/bin/Release/net10.0/Users.Api.dll"
FLOOR_DLL="$BENCH/Floor/bin/Release/net10.0/Floor.dll"
IDENTITY_DLL="$BENCH/IdentityBaseline/bin/Release/net10.0/IdentityBaseline.dll"
TOOLS_DLL="$BENCH/Tools/bin/Release/net10.0/Tools.dll"

# ---------------------------------------------------------------- hashes and the cost of one hash
phase "hashes"
HASH_EQUAL=$(dotnet "$TOOLS_DLL" users-hash sha256 $EQUAL_ITERATIONS "$BENCH_PASSWORD")
HASH_DEFAULT=$(dotnet "$TOOLS_DLL" users-hash sha256 $DEFAULT_ITERATIONS "$BENCH_PASSWORD")
HASH_IDENTITY=$(dotnet "$TOOLS_DLL" identity-hash "$BENCH_PASSWORD")
COST_SHA256_EQUAL=$(dotnet "$TOOLS_DLL" hash-cost sha256 $EQUAL_ITERATIONS 7)
COST_SHA512_EQUAL=$(dotnet "$TOOLS_DLL" hash-cost sha512 $EQUAL_ITERATIONS 7)
COST_SHA256_DEFAULT=$(dotnet "$TOOLS_DLL" hash-cost sha256 $DEFAULT_ITERATIONS 3)
echo "one hash (CPU ms, median): sha256@100k $COST_SHA256_EQUAL, sha512@100k $COST_SHA512_EQUAL, sha256@600k $COST_SHA256_DEFAULT; cores $CORES"

# ---------------------------------------------------------------- PostgreSQL
phase "PostgreSQL cluster"
pg_start
psql_db() { local db=$1; shift; psql -h 127.0.0.1 -p "$PGPORT" -U users -d "$db" -v ON_ERROR_STOP=1 -qAtX "$@"; }
conn() { echo "Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=users;Maximum Pool Size=64"; }
for db in bench_users bench_floor bench_identity; do psql_db postgres -c "CREATE DATABASE $db"; done
PG_MASTER=$(head -1 "$PGTMP/data/postmaster.pid")

phase "schemas"
for db in bench_users bench_floor; do
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Users="$(conn $db)" Auth__Secret="$SECRET" \
    dotnet "$USERS_DLL" migrate >"$RUN_DIR/migrate-$db.log" 2>&1 || { cat "$RUN_DIR/migrate-$db.log"; exit 1; }
done
env ConnectionStrings__Identity="$(conn bench_identity)" dotnet "$IDENTITY_DLL" ensure-created >"$RUN_DIR/identity-schema.log" 2>&1 \
  || { cat "$RUN_DIR/identity-schema.log"; exit 1; }

phase "seed $BENCH_USERS users per target (COPY)"
# Rows are generated by PostgreSQL and streamed into COPY ... FROM STDIN; user<i>@example.com, i = 1..N, plus
# admin@example.com (superuser); every row has the same precomputed hash.
seed_users() {
  local db=$1 hash=$2 count=${3:-$BENCH_USERS}
  psql_db "$db" -c "COPY (
      SELECT gen_random_uuid(), e, e, '$hash', true, false, true, md5(random()::text), now(), now(), NULL
      FROM (SELECT 'user' || i || '@example.com' AS e FROM generate_series(1, $count) i) s
      UNION ALL
      SELECT gen_random_uuid(), 'admin@example.com', 'admin@example.com', '$hash', true, true, true, md5(random()::text), now(), now(), NULL
    ) TO STDOUT" \
  | psql_db "$db" -c "COPY users (id, email, normalized_email, hashed_password, is_active, is_superuser, is_verified,
      security_stamp, created_at, updated_at, last_login_at) FROM STDIN"
  psql_db "$db" -c "VACUUM ANALYZE users"
}
wants() { case " $BENCH_TARGETS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
seed_users bench_users "$HASH_EQUAL"   # always: the ids and the deep cursor come from here
if wants floor; then seed_users bench_floor "$HASH_EQUAL"; fi
if wants identity; then
psql_db bench_identity -c "COPY (
    SELECT gen_random_uuid()::text, e, upper(e), e, upper(e), true, '$HASH_IDENTITY', upper(md5(random()::text)),
           gen_random_uuid()::text, NULL, false, false, NULL, true, 0
    FROM (SELECT 'user' || i || '@example.com' AS e FROM generate_series(1, $BENCH_USERS) i) s
  ) TO STDOUT" \
| psql_db bench_identity -c 'COPY "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
    "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed",
    "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount") FROM STDIN'
psql_db bench_identity -c 'VACUUM ANALYZE "AspNetUsers"'
fi

# Random seeded ids (user_by_id) and a cursor 90% deep into the id order (list_deep).
sample_ids() { # db count -> ids.txt, DEEP_CURSOR
  local pct
  pct=$(awk -v n="$2" 'BEGIN { p = 300000 / n; print (p > 100) ? 100 : p }')   # ~3,000 rows spread over the table
  psql_db "$1" -c "SELECT id FROM (SELECT id FROM users TABLESAMPLE BERNOULLI ($pct)) s ORDER BY random() LIMIT 2000" >"$RUN_DIR/ids.txt"
  local deep_id
  deep_id=$(psql_db "$1" -c "SELECT replace(id::text, '-', '') FROM users ORDER BY id OFFSET $(($2 * 9 / 10)) LIMIT 1")
  DEEP_CURSOR=$(echo "$deep_id" | xxd -r -p | base64 | tr '+/' '-_' | tr -d '=')
}
sample_ids bench_users "$BENCH_USERS"
cp "$RUN_DIR/ids.txt" "$RUN_DIR/ids-small.txt"
SMALL_CURSOR=$DEEP_CURSOR
echo "seeded; deep cursor $DEEP_CURSOR"

# ---------------------------------------------------------------- measurement helpers
app_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
pg_ticks() {
  # The postmaster (with its reaped children's time) plus every live backend and helper process.
  local total pid
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_MASTER/stat")
  for pid in $(pgrep -P "$PG_MASTER" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

start_app() { # name port dll env...
  local name=$1 port=$2 dll=$3; shift 3
  # From its output directory: the content root is the working directory, and appsettings.json (log levels
  # included) is only read from there.
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" \
    dotnet "$dll") >"$RUN_DIR/$name.log" 2>&1 &
  APP_PID=$!
  BASE="http://127.0.0.1:$port"
  local ready_path=$READY_PATH
  for _ in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE$ready_path" || true)" = 200 ]; then return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { cat "$RUN_DIR/$name.log"; echo "$name exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "$name not ready after 60 s" >&2; cat "$RUN_DIR/$name.log"; exit 1
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# run_wrk target scenario hash-label connections script [VAR=value ...]: warm up, measure, append a CSV row.
run_wrk() {
  local target=$1 scenario=$2 hash=$3 connections=$4 script=$5; shift 5
  local out="$RUN_DIR/wrk-$target-$scenario-$hash.txt" tag="$scenario-${hash//[^a-z0-9]/}"
  env "$@" BENCH_PREFIX="warm-$tag" wrk -t"$BENCH_THREADS" -c"$connections" -d"$BENCH_WARMUP" --timeout 10s \
    -s "$BENCH/wrk/$script" "$BASE" >/dev/null 2>&1 || true
  local a0 p0 a1 p1
  a0=$(app_ticks); p0=$(pg_ticks)
  env "$@" BENCH_PREFIX="run-$tag" wrk -t"$BENCH_THREADS" -c"$connections" -d"$BENCH_DURATION" --timeout 10s \
    --latency -s "$BENCH/wrk/$script" "$BASE" >"$out" 2>&1
  a1=$(app_ticks); p1=$(pg_ticks)
  local rss json
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status")
  json=$(grep '^RESULT ' "$out" | sed 's/^RESULT //')
  [ -n "$json" ] || { cat "$out"; echo "wrk gave no result" >&2; exit 1; }
  echo "$json" | jq -r --arg t "$target" --arg s "$scenario" --arg h "$hash" \
    --argjson a $((a1 - a0)) --argjson p $((p1 - p0)) --argjson tick "$TICKS" --arg rss "$rss" '
      def per(x): if .requests > 0 then (x * 1000 / $tick / .requests * 1000 | round) / 1000 else 0 end;
      [$t, $s, $h, .requests, .rps, .p50_ms, .p99_ms, per($a), per($p), $rss, (.non2xx + .socket_errors)] | @csv' \
    | tr -d '"' >>"$CSV"
  tail -1 "$CSV" | awk -F, '{printf "   %-9s %-11s %-12s %9s req/s  p50 %7s ms  p99 %7s ms  app %6s ms/req  pg %6s ms/req  rss %s MB  errors %s\n", $1, $2, $3, $5, $6, $7, $8, $9, $10, $11}'
}

expect_200() { # what curl-args...
  local what=$1; shift
  local code
  code=$(curl -s -o "$RUN_DIR/check.txt" -w '%{http_code}' "$@" || true)
  case $code in 2??) ;; *) echo "check '$what' returned $code: $(head -c 300 "$RUN_DIR/check.txt")" >&2; exit 1 ;; esac
}

form_token() { # path email
  curl -s -X POST --data-urlencode "username=$2" --data-urlencode "password=$BENCH_PASSWORD" "$BASE$1" | jq -r .access_token
}

HASH_EQ_LABEL="sha256@100k"
HASH_DEF_LABEL="sha256@600k"
READ_ENV=(BENCH_USERS="$BENCH_USERS" BENCH_PASSWORD="$BENCH_PASSWORD")

# ---------------------------------------------------------------- Users
run_users_like() { # target dll db login-path me-path register-path
  local target=$1 dll=$2 db=$3 login=$4 me=$5 register=$6
  local port
  port=$(pg_free_port)
  local app_env=(Database__Provider=Postgres ConnectionStrings__Users="$(conn "$db")" Auth__Secret="$SECRET")

  phase "$target at $EQUAL_ITERATIONS iterations ($HASH_EQ_LABEL stored and configured: login verifies one hash, no re-hash)"
  start_app "$target-eq" "$port" "$dll" "${app_env[@]}" Auth__PasswordHashing__Iterations=$EQUAL_ITERATIONS
  local token admin_token
  token=$(form_token "$login" user1@example.com)
  expect_200 "$target me" -H "Authorization: Bearer $token" "$BASE$me"
  run_wrk "$target" me "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN="$token" BENCH_PATH="$me"
  if [ "$target" = users ]; then
    admin_token=$(form_token "$login" admin@example.com)
    expect_200 "users by id" -H "Authorization: Bearer $admin_token" "$BASE/users/$(head -1 "$RUN_DIR/ids.txt")"
    run_wrk "$target" user_by_id "-" "$BENCH_CONNECTIONS" by_id.lua BENCH_TOKEN="$admin_token" BENCH_IDS_FILE="$RUN_DIR/ids.txt"
    expect_200 "users list deep" -H "Authorization: Bearer $admin_token" "$BASE/users?limit=50&cursor=$DEEP_CURSOR"
    run_wrk "$target" list_deep "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN="$admin_token" BENCH_PATH="/users?limit=50&cursor=$DEEP_CURSOR"
  fi
  run_wrk "$target" login "$HASH_EQ_LABEL" "$BENCH_HASH_CONNECTIONS" login.lua "${READ_ENV[@]}" BENCH_PATH="$login" BENCH_STYLE=form
  run_wrk "$target" register "$HASH_EQ_LABEL" "$BENCH_HASH_CONNECTIONS" register.lua "${READ_ENV[@]}" BENCH_PATH="$register"
  stop_app

  if [ "$BENCH_DEFAULT_COST" = 1 ]; then
    phase "$target at its default $DEFAULT_ITERATIONS iterations ($HASH_DEF_LABEL stored and configured)"
    psql_db "$db" -c "UPDATE users SET hashed_password = '$HASH_DEFAULT'"
    start_app "$target-def" "$port" "$dll" "${app_env[@]}"
    run_wrk "$target" login "$HASH_DEF_LABEL" "$BENCH_HASH_CONNECTIONS" login.lua "${READ_ENV[@]}" BENCH_PATH="$login" BENCH_STYLE=form
    run_wrk "$target" register "$HASH_DEF_LABEL" "$BENCH_HASH_CONNECTIONS" register.lua "${READ_ENV[@]}" BENCH_PATH="$register"
    stop_app
  fi
}

for target in $BENCH_TARGETS; do
  case $target in
    users)
      READY_PATH=/health/ready run_users_like users "$USERS_DLL" bench_users /auth/jwt/login /users/me /auth/register ;;
    floor)
      READY_PATH=/ping run_users_like floor "$FLOOR_DLL" bench_floor /login /me /register ;;
    identity)
      phase "identity (PasswordHasher V3: sha512@100k)"
      READY_PATH=/ping
      start_app identity "$(pg_free_port)" "$IDENTITY_DLL" ConnectionStrings__Identity="$(conn bench_identity)"
      token=$(curl -s -X POST -H 'Content-Type: application/json' \
        -d "{\"email\":\"user1@example.com\",\"password\":\"$BENCH_PASSWORD\"}" "$BASE/login" | jq -r .accessToken)
      expect_200 "identity manage/info" -H "Authorization: Bearer $token" "$BASE/manage/info"
      run_wrk identity me "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN="$token" BENCH_PATH=/manage/info
      run_wrk identity login "sha512@100k" "$BENCH_HASH_CONNECTIONS" login.lua "${READ_ENV[@]}" BENCH_PATH=/login BENCH_STYLE=json
      run_wrk identity register "sha512@100k" "$BENCH_HASH_CONNECTIONS" register.lua "${READ_ENV[@]}" BENCH_PATH=/register
      stop_app ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------- Users at two sizes, paired (same run, back to back)
# Background load on shared machines drifts within minutes, so each size-sensitive scenario runs against the small
# and the large database one right after the other (both apps are up; the idle one costs nothing).
if [ "$BENCH_LARGE" -gt 0 ] && wants users; then
  phase "users at $BENCH_USERS vs $BENCH_LARGE seeded users, paired (me, user_by_id, list_deep, login at 100k iterations)"
  size_label() { if [ "$1" -ge 1000000 ]; then echo "users@$(($1 / 1000000))M"; else echo "users@$(($1 / 1000))k"; fi; }
  SMALL_LABEL=$(size_label "$BENCH_USERS")
  LARGE_LABEL=$(size_label "$BENCH_LARGE")
  psql_db postgres -c "CREATE DATABASE bench_users_large"
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Users="$(conn bench_users_large)" Auth__Secret="$SECRET" \
    dotnet "$USERS_DLL" migrate >"$RUN_DIR/migrate-large.log" 2>&1 || { cat "$RUN_DIR/migrate-large.log"; exit 1; }
  seed_users bench_users_large "$HASH_EQUAL" "$BENCH_LARGE"
  sample_ids bench_users_large "$BENCH_LARGE"
  cp "$RUN_DIR/ids.txt" "$RUN_DIR/ids-large.txt"
  LARGE_CURSOR=$DEEP_CURSOR
  echo "   seeded in $((SECONDS - PHASE_START)) s"
  if [ "$BENCH_DEFAULT_COST" = 1 ] && wants users; then psql_db bench_users -c "UPDATE users SET hashed_password = '$HASH_EQUAL'"; fi
  READY_PATH=/health/ready
  start_app users-small "$(pg_free_port)" "$USERS_DLL" Database__Provider=Postgres ConnectionStrings__Users="$(conn bench_users)" \
    Auth__Secret="$SECRET" Auth__PasswordHashing__Iterations=$EQUAL_ITERATIONS
  SMALL_PID=$APP_PID SMALL_BASE=$BASE
  SMALL_TOKEN=$(form_token /auth/jwt/login user1@example.com)
  SMALL_ADMIN=$(form_token /auth/jwt/login admin@example.com)
  OTHER_PID=$SMALL_PID
  start_app users-large "$(pg_free_port)" "$USERS_DLL" Database__Provider=Postgres ConnectionStrings__Users="$(conn bench_users_large)" \
    Auth__Secret="$SECRET" Auth__PasswordHashing__Iterations=$EQUAL_ITERATIONS
  LARGE_PID=$APP_PID LARGE_BASE=$BASE
  LARGE_TOKEN=$(form_token /auth/jwt/login user1@example.com)
  LARGE_ADMIN=$(form_token /auth/jwt/login admin@example.com)
  expect_200 "large list deep" -H "Authorization: Bearer $LARGE_ADMIN" "$BASE/users?limit=50&cursor=$LARGE_CURSOR"
  paired() { # scenario hash connections script env... (values with SIZE_ placeholders are filled per size)
    local scenario=$1 hash=$2 connections=$3 script=$4; shift 4
    local size label token admin ids cursor users args a
    for size in small large; do
      if [ $size = small ]; then
        APP_PID=$SMALL_PID BASE=$SMALL_BASE label=$SMALL_LABEL token=$SMALL_TOKEN admin=$SMALL_ADMIN ids="$RUN_DIR/ids-small.txt" cursor=$SMALL_CURSOR users=$BENCH_USERS
      else
        APP_PID=$LARGE_PID BASE=$LARGE_BASE label=$LARGE_LABEL token=$LARGE_TOKEN admin=$LARGE_ADMIN ids="$RUN_DIR/ids-large.txt" cursor=$LARGE_CURSOR users=$BENCH_LARGE
      fi
      args=()
      for a in "$@"; do
        a=${a//SIZE_TOKEN/$token}; a=${a//SIZE_ADMIN/$admin}; a=${a//SIZE_IDS/$ids}; a=${a//SIZE_CURSOR/$cursor}; a=${a//SIZE_USERS/$users}
        args+=("$a")
      done
      run_wrk "$label" "$scenario" "$hash" "$connections" "$script" "${args[@]}"
    done
  }
  paired me "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN=SIZE_TOKEN BENCH_PATH=/users/me
  paired user_by_id "-" "$BENCH_CONNECTIONS" by_id.lua BENCH_TOKEN=SIZE_ADMIN BENCH_IDS_FILE=SIZE_IDS
  paired list_deep "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN=SIZE_ADMIN "BENCH_PATH=/users?limit=50&cursor=SIZE_CURSOR"
  paired login "$HASH_EQ_LABEL" "$BENCH_HASH_CONNECTIONS" login.lua BENCH_USERS=SIZE_USERS BENCH_PASSWORD="$BENCH_PASSWORD" \
    BENCH_PATH=/auth/jwt/login BENCH_STYLE=form
  APP_PID=$SMALL_PID; stop_app
  APP_PID=$LARGE_PID; OTHER_PID=""; stop_app
fi

# ---------------------------------------------------------------- report
phase "report"
MD="$RUN_DIR/results.md"
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'); $BENCH_USERS seeded users per target; $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'));"
  echo "wrk -t$BENCH_THREADS, $BENCH_DURATION per run after a $BENCH_WARMUP warm-up; reads at -c$BENCH_CONNECTIONS, login/register at -c$BENCH_HASH_CONNECTIONS."
  echo "One hash (CPU ms, median, single thread): sha256@100k $COST_SHA256_EQUAL, sha512@100k $COST_SHA512_EQUAL, sha256@600k $COST_SHA256_DEFAULT."
  echo
  echo "| target | scenario | hash | requests | req/s | p50 ms | p99 ms | app CPU ms/req | PG CPU ms/req | app RSS MB | errors |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$CSV" | awk -F, '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}'
  echo
  echo "Ratios (this run):"
  echo
  awk -F, -v small="${SMALL_LABEL:-}" -v large="${LARGE_LABEL:-}" -v cores="$CORES" -v c256="$COST_SHA256_EQUAL" -v c512="$COST_SHA512_EQUAL" -v cdef="$COST_SHA256_DEFAULT" '
    NR > 1 { p50[$1 "/" $2 "/" $3] = $6; rps[$1 "/" $2 "/" $3] = $5; p99[$1 "/" $2 "/" $3] = $7; rss[$1 "/" $2 "/" $3] = $10; cpu[$1 "/" $2 "/" $3] = $8 }
    function r(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "n/a" }
    END {
      printf "- me: Users/Floor throughput %s (target >= 0.8); Users/Identity %s (target >= 2); p99 Users/Floor %s (target <= 1.5)\n",
        r(rps["users/me/-"], rps["floor/me/-"]), r(rps["users/me/-"], rps["identity/me/-"]), r(p99["users/me/-"], p99["floor/me/-"])
      if (small != "" && large != "") printf "- %s vs %s, paired runs (latency ratio, target <= 1.2): user_by_id p50 %s p99 %s; list_deep p50 %s p99 %s; login p50 %s p99 %s; me p50 %s p99 %s\n", large, small,
        r(p50[large "/user_by_id/-"], p50[small "/user_by_id/-"]), r(p99[large "/user_by_id/-"], p99[small "/user_by_id/-"]),
        r(p50[large "/list_deep/-"], p50[small "/list_deep/-"]), r(p99[large "/list_deep/-"], p99[small "/list_deep/-"]),
        r(p50[large "/login/sha256@100k"], p50[small "/login/sha256@100k"]), r(p99[large "/login/sha256@100k"], p99[small "/login/sha256@100k"]),
        r(p50[large "/me/-"], p50[small "/me/-"]), r(p99[large "/me/-"], p99[small "/me/-"])
      printf "- RSS after the me load: Users %s MB, Identity %s MB (target: Users <= Identity)\n", rss["users/me/-"], rss["identity/me/-"]
      ceq = cores * 1000 / c256; cdf = cores * 1000 / cdef; c5 = cores * 1000 / c512
      printf "- hash-bound ceiling (cores / one hash CPU): sha256@100k %.1f/s, sha256@600k %.1f/s, sha512@100k %.1f/s\n", ceq, cdf, c5
      printf "- login vs ceiling (target >= 0.9): Users@100k %s, Users@600k %s, Floor@100k %s, Identity %s\n",
        r(rps["users/login/sha256@100k"], ceq), r(rps["users/login/sha256@600k"], cdf), r(rps["floor/login/sha256@100k"], ceq), r(rps["identity/login/sha512@100k"], c5)
      printf "- register vs ceiling (target >= 0.9): Users@100k %s, Users@600k %s, Floor@100k %s, Identity %s\n",
        r(rps["users/register/sha256@100k"], ceq), r(rps["users/register/sha256@600k"], cdf), r(rps["floor/register/sha256@100k"], ceq), r(rps["identity/register/sha512@100k"], c5)
      printf "- app CPU per request, Users / Floor (same hash settings; 1.00 = no overhead over the floor): me %s, login@100k %s, register@100k %s, login@600k %s, register@600k %s\n",
        r(cpu["users/me/-"], cpu["floor/me/-"]), r(cpu["users/login/sha256@100k"], cpu["floor/login/sha256@100k"]), r(cpu["users/register/sha256@100k"], cpu["floor/register/sha256@100k"]),
        r(cpu["users/login/sha256@600k"], cpu["floor/login/sha256@600k"]), r(cpu["users/register/sha256@600k"], cpu["floor/register/sha256@600k"])
      printf "- one hash / app CPU per request (1.00 = nothing but the hash costs CPU; robust to background load): login Users@100k %s, Users@600k %s, Floor@100k %s, Identity %s; register Users@100k %s, Users@600k %s, Floor@100k %s, Identity %s\n",
        r(c256, cpu["users/login/sha256@100k"]), r(cdef, cpu["users/login/sha256@600k"]), r(c256, cpu["floor/login/sha256@100k"]), r(c512, cpu["identity/login/sha512@100k"]),
        r(c256, cpu["users/register/sha256@100k"]), r(cdef, cpu["users/register/sha256@600k"]), r(c256, cpu["floor/register/sha256@100k"]), r(c512, cpu["identity/register/sha512@100k"])
    }' "$CSV"
} >"$MD"

# Chart: req/s per run, log scale (reads are thousands per second, hashes tens).
tail -n +2 "$CSV" | awk -F, '{ label = $1 " " $2 ($3 == "-" ? "" : " " $3); gsub(/_/, "-", label); print "\"" label "\" " $5 }' >"$RUN_DIR/chart.dat"
gnuplot <<EOF
set terminal pngcairo size 1200,600 noenhanced font ",10"
set output "$RUN_DIR/results.png"
set title "Requests per second ($BENCH_USERS users, $(date -u +%Y-%m-%d), $CORES cores; higher is better)"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.8
set logscale y
set grid ytics
set ylabel "req/s (log scale)"
set xtics rotate by -40
set bmargin 11
set rmargin 16
unset key
plot "$RUN_DIR/chart.dat" using 2:xtic(1) linecolor rgb "#3366aa", '' using 0:2:(sprintf("%.0f", \$2)) with labels offset 0,0.7
EOF

cp "$CSV" "$BENCH_OUT/latest.csv"
cp "$MD" "$BENCH_OUT/latest.md"
cp "$RUN_DIR/results.png" "$BENCH_OUT/latest.png"
cat "$MD"
echo
echo "Wrote $BENCH_OUT/latest.md, latest.csv, latest.png (logs in $RUN_DIR); total $((SECONDS - START)) s"
