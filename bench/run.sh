#!/usr/bin/env bash
# Macro benchmark: Users vs the Floor vs ASP.NET Core Identity, on a throwaway PostgreSQL cluster, driven by wrk.
# Usage: bench/run.sh            (see bench/README.md for the environment variables)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

BENCH_USERS=${BENCH_USERS:-10000}              # seeded users per target (1000000 for the 1M run)
BENCH_DURATION=${BENCH_DURATION:-10s}          # one measured wrk run
BENCH_WARMUP=${BENCH_WARMUP:-3s}               # one warm-up wrk run before each measured run
BENCH_ROUNDS=${BENCH_ROUNDS:-7}                # interleaved rounds of the me scenario over all targets
BENCH_HASH_ROUNDS=${BENCH_HASH_ROUNDS:-5}      # interleaved rounds of login and registration at each hasher setting
BENCH_STEADY_WINDOW=${BENCH_STEADY_WINDOW:-4}  # seconds per window while warming a target up to steady state
BENCH_STEADY_MIN=${BENCH_STEADY_MIN:-6}        # at least this many windows (a plateau before the optimizing JIT is done)
BENCH_STEADY_MAX=${BENCH_STEADY_MAX:-12}       # at most this many windows
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}     # reads
BENCH_HASH_CONNECTIONS=${BENCH_HASH_CONNECTIONS:-4}  # login/registration (hash-bound; more only queues)
BENCH_TARGETS=${BENCH_TARGETS:-"users floor identity"}
BENCH_DEFAULT_COST=${BENCH_DEFAULT_COST:-1}    # 0 skips the runs at Users' default hash (Argon2id, 19 MiB, 2 passes)
BENCH_OUT=${BENCH_OUT:-"$BENCH/results"}
BENCH_LARGE=${BENCH_LARGE:-1000000}            # Users again at this many users (same run, for the size targets); 0 skips
BENCH_LARGE_ROUNDS=${BENCH_LARGE_ROUNDS:-3}    # rounds of the paired small/large runs (each round: every scenario on both)
BENCH_PASSWORD=Bench_Passw0rd_Xq7               # satisfies Users' policy and Identity's default rules
EQUAL_PRF=sha512                               # Identity's default (PasswordHasher V3: PBKDF2-HMAC-SHA512, 100,000)
EQUAL_ITERATIONS=100000
DEFAULT_ALG=argon2id                           # Users' default (Argon2id, 19456 KiB, 2 passes, 1 lane: OWASP's)
DEFAULT_MEMORY_KIB=19456
DEFAULT_PASSES=2
DEFAULT_HASH_COST="$DEFAULT_MEMORY_KIB:$DEFAULT_PASSES"   # bench/Tools' argon2id cost argument, MEMORY_KIB:PASSES
SECRET="bench-secret-$(head -c 24 /dev/urandom | base64 | tr -d '+/=')"
# Users keeps rate limiting on, so its cost (a counter upsert per login and registration) is measured, with limits that
# no bench client reaches; every client of the bench comes from one address.
export RateLimiting__Login=1000000000 RateLimiting__Accounts=1000000000 RateLimiting__Tokens=1000000000

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
STARTED_PIDS=""   # every app started, for the exit trap
# shellcheck source=../.ci/postgres.sh
source "$ROOT/.ci/postgres.sh"
cleanup() {
  local rc=$?
  local pid
  for pid in $APP_PID $OTHER_PID $STARTED_PIDS; do
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
HASH_EQUAL=$(dotnet "$TOOLS_DLL" users-hash $EQUAL_PRF $EQUAL_ITERATIONS "$BENCH_PASSWORD")
HASH_DEFAULT=$(dotnet "$TOOLS_DLL" users-hash $DEFAULT_ALG "$DEFAULT_HASH_COST" "$BENCH_PASSWORD")
HASH_IDENTITY=$(dotnet "$TOOLS_DLL" identity-hash "$BENCH_PASSWORD")
COST_EQUAL=$(dotnet "$TOOLS_DLL" hash-cost $EQUAL_PRF $EQUAL_ITERATIONS 7)
COST_DEFAULT=$(dotnet "$TOOLS_DLL" hash-cost $DEFAULT_ALG "$DEFAULT_HASH_COST" 15)   # ~30 ms each: more samples
HASH_EQ_LABEL="$EQUAL_PRF@$((EQUAL_ITERATIONS / 1000))k"
HASH_DEF_LABEL="$DEFAULT_ALG@$((DEFAULT_MEMORY_KIB / 1024))MiB-t$DEFAULT_PASSES"   # argon2id@19MiB-t2 (no comma: it is a CSV field)
echo "one hash (CPU ms, median): $HASH_EQ_LABEL $COST_EQUAL, $HASH_DEF_LABEL $COST_DEFAULT; cores $CORES"

# ---------------------------------------------------------------- PostgreSQL
phase "PostgreSQL cluster"
pg_start
psql_db() { local db=$1; shift; psql -h 127.0.0.1 -p "$PGPORT" -U users -d "$db" -v ON_ERROR_STOP=1 -qAtX "$@"; }
# Max Auto Prepare=20 and No Reset On Close=true are what Users applies by default; every target gets them, so the
# server does the same work for each (no session reset statements in front of a pooled connection's first command).
conn() { echo "Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=users;Maximum Pool Size=64;Max Auto Prepare=20;No Reset On Close=true"; }
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
  STARTED_PIDS="$STARTED_PIDS $APP_PID"
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
  local out="$RUN_DIR/wrk-$target-$scenario-$hash${ROUND:+-r$ROUND}.txt" tag="$scenario-${hash//[^a-z0-9]/}${ROUND:+-r$ROUND}"
  local csv=${ROW_CSV:-$CSV}
  if [ "${WARM:-1}" = 1 ]; then   # interleaved rounds after the first run on targets already warmed up
    env "$@" BENCH_PREFIX="warm-$tag" wrk -t"$BENCH_THREADS" -c"$connections" -d"$BENCH_WARMUP" --timeout 10s \
      -s "$BENCH/wrk/$script" "$BASE" >/dev/null 2>&1 || true
  fi
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
    | tr -d '"' >>"$csv"
  tail -1 "$csv" | awk -F, '{printf "   %-9s %-11s %-12s %9s req/s  p50 %7s ms  p99 %7s ms  app %6s ms/req  pg %6s ms/req  rss %s MB  errors %s\n", $1, $2, $3, $5, $6, $7, $8, $9, $10, $11}'
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

READ_ENV=(BENCH_USERS="$BENCH_USERS" BENCH_PASSWORD="$BENCH_PASSWORD")
EQ_ENV=(Auth__PasswordHashing__Algorithm=$EQUAL_PRF Auth__PasswordHashing__Iterations=$EQUAL_ITERATIONS)
declare -A PID_OF BASE_OF TOKEN_OF ME_OF LOGIN_OF REGISTER_OF STYLE_OF
ME_OF=([users]=/users/me [floor]=/me [identity]=/manage/info)
LOGIN_OF=([users]=/auth/jwt/login [floor]=/login [identity]=/login)
REGISTER_OF=([users]=/auth/register [floor]=/register [identity]=/register)
STYLE_OF=([users]=form [floor]=form [identity]=json)
use() { APP_PID=${PID_OF[$1]}; BASE=${BASE_OF[$1]}; }

# Warm a target up until its throughput stops rising: .NET compiles hot code again, optimized, only after it has
# run a while (tiered compilation), and a service with more code than the Floor takes longer to get there. The
# windows are printed; measuring before they level off would compare start-up, not the steady state.
warm_until_steady() { # label script env...
  local label=$1 script=$2; shift 2
  local n=0 best=0 flat=0 rps seen=""
  while [ "$n" -lt "$BENCH_STEADY_MAX" ]; do
    n=$((n + 1))
    rps=$(env "$@" BENCH_PREFIX="steady-$label-$n" wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_STEADY_WINDOW}s" \
      --timeout 10s -s "$BENCH/wrk/$script" "$BASE" 2>/dev/null | sed -n 's/^RESULT //p' | jq -r .rps)
    seen="$seen ${rps%.*}"
    # Level when two windows in a row do not beat the best so far by 5% (one slow window is often a neighbour);
    # never before BENCH_STEADY_MIN windows: throughput can sit on a plateau while the JIT is still at work.
    if awk -v a="$best" -v b="$rps" 'BEGIN { exit !(a > 0 && b < a * 1.05) }'; then flat=$((flat + 1)); else flat=0; fi
    best=$(awk -v a="$best" -v b="$rps" 'BEGIN { print (b > a) ? b : a }')
    if [ "$flat" -ge 2 ] && [ "$n" -ge "$BENCH_STEADY_MIN" ]; then break; fi
  done
  echo "   warm-up $label: $n windows of ${BENCH_STEADY_WINDOW}s, req/s:$seen"
}

start_target() { # target settings...
  local target=$1; shift
  local dll db ready
  case $target in
    users) dll=$USERS_DLL db=bench_users ready=/health/ready ;;
    floor) dll=$FLOOR_DLL db=bench_floor ready=/ping ;;
    identity) dll=$IDENTITY_DLL db=bench_identity ready=/ping ;;
  esac
  if [ "$target" = identity ]; then
    READY_PATH=$ready start_app "$target" "$(pg_free_port)" "$dll" ConnectionStrings__Identity="$(conn $db)" "$@"
    TOKEN_OF[$target]=$(curl -s -X POST -H 'Content-Type: application/json' \
      -d "{\"email\":\"user1@example.com\",\"password\":\"$BENCH_PASSWORD\"}" "$BASE/login" | jq -r .accessToken)
  else
    READY_PATH=$ready start_app "$target" "$(pg_free_port)" "$dll" Database__Provider=Postgres \
      ConnectionStrings__Users="$(conn $db)" Auth__Secret="$SECRET" "$@"
    TOKEN_OF[$target]=$(form_token "${LOGIN_OF[$target]}" user1@example.com)
  fi
  PID_OF[$target]=$APP_PID BASE_OF[$target]=$BASE
  expect_200 "$target me" -H "Authorization: Bearer ${TOKEN_OF[$target]}" "$BASE${ME_OF[$target]}"
}

stop_target() { use "$1"; stop_app; unset "PID_OF[$1]"; }

hash_runs() { # target label: login and registration (hash-bound, so the idle apps beside it cost nothing)
  use "$1"
  run_wrk "$1" login "$2" "$BENCH_HASH_CONNECTIONS" login.lua "${READ_ENV[@]}" BENCH_PATH="${LOGIN_OF[$1]}" BENCH_STYLE="${STYLE_OF[$1]}"
  run_wrk "$1" register "$2" "$BENCH_HASH_CONNECTIONS" register.lua "${READ_ENV[@]}" BENCH_PATH="${REGISTER_OF[$1]}"
}

# Interleaved rounds (me, and login/registration at equal settings): round r runs every target once, back to back,
# into a rounds CSV with the round number in front; median_rounds then keeps each target's median round (by req/s)
# per scenario in the main table.
median_rounds() { # rounds-csv scenario...
  local file=$1 target scenario; shift
  for scenario in "$@"; do
    for target in ${TARGETS:-$BENCH_TARGETS}; do
      awk -F, -v t="$target" -v s="$scenario" '$2 == t && $3 == s' "$file" | sort -t, -k6,6g \
        | awk -F, '{ rows[NR] = $0 } END { if (NR > 0) print rows[int((NR + 1) / 2)] }' | cut -d, -f2- >>"$CSV"
    done
  done
}

# Login and registration in interleaved rounds at one hasher setting: each round first measures the hash-bound
# ceiling as the machine allows it at that moment (every core hashing at once), then runs login and registration on
# every target (a warm-up before each in the first round only). Writes hash-rounds-<label>.csv and
# hash-ceilings-<label>.csv for the report; a target's ratio there is the median of its per-round ratios.
hash_rounds() { # label algorithm cost target... (algorithm and cost as bench/Tools takes them: sha512 100000, argon2id 19456:2)
  local label=$1 algorithm=$2 cost=$3 round rate target; shift 3
  local rounds_csv="$RUN_DIR/hash-rounds-${label//[^a-z0-9]/}.csv" ceilings_csv="$RUN_DIR/hash-ceilings-${label//[^a-z0-9]/}.csv"
  head -1 "$CSV" | sed 's/^/round,/' >"$rounds_csv"
  echo "round,hashes_per_s" >"$ceilings_csv"
  for round in $(seq 1 "$BENCH_HASH_ROUNDS"); do
    rate=$(dotnet "$TOOLS_DLL" hash-rate "$algorithm" "$cost" 5)
    echo "$round,$rate" >>"$ceilings_csv"
    echo "   round $round ceiling: $rate hashes/s with every core hashing ($label)"
    for target in "$@"; do
      WARM=$([ "$round" = 1 ] && echo 1 || echo 0) ROUND=$round ROW_CSV="$RUN_DIR/hash-round.tmp" hash_runs "$target" "$label"
      sed "s/^/$round,/" "$RUN_DIR/hash-round.tmp" >>"$rounds_csv"
      rm -f "$RUN_DIR/hash-round.tmp"
    done
  done
  median_rounds "$rounds_csv" login register
}

# ---------------------------------------------------------------- every target up at once, equal hasher settings
phase "start $BENCH_TARGETS ($HASH_EQ_LABEL stored and configured: login verifies one hash, no re-hash)"
for target in $BENCH_TARGETS; do
  case $target in
    users | floor) start_target "$target" "${EQ_ENV[@]}" ;;
    identity) start_target identity ;;   # PasswordHasher V3's defaults are the equal settings
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
done
if wants users; then
  use users
  ADMIN_TOKEN=$(form_token /auth/jwt/login admin@example.com)
  expect_200 "users by id" -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/users/$(head -1 "$RUN_DIR/ids.txt")"
  expect_200 "users list deep" -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/users?limit=50&cursor=$DEEP_CURSOR"
fi

phase "warm every target up to its steady state (me)"
for target in $BENCH_TARGETS; do
  use "$target"
  warm_until_steady "$target-me" get.lua BENCH_TOKEN="${TOKEN_OF[$target]}" BENCH_PATH="${ME_OF[$target]}"
done

# The me comparison is interleaved: round r measures every target once, back to back, so a neighbour's load that
# comes and goes falls on all of them alike. The table keeps each target's median round; the ratios are the
# medians of the per-round ratios.
phase "me: $BENCH_ROUNDS interleaved rounds over $BENCH_TARGETS"
ROUNDS_CSV="$RUN_DIR/me-rounds.csv"
head -1 "$CSV" | sed 's/^/round,/' >"$ROUNDS_CSV"
for round in $(seq 1 "$BENCH_ROUNDS"); do
  for target in $BENCH_TARGETS; do
    use "$target"
    WARM=0 ROUND=$round ROW_CSV="$RUN_DIR/me-round.tmp" run_wrk "$target" me "-" "$BENCH_CONNECTIONS" get.lua \
      BENCH_TOKEN="${TOKEN_OF[$target]}" BENCH_PATH="${ME_OF[$target]}"
    sed "s/^/$round,/" "$RUN_DIR/me-round.tmp" >>"$ROUNDS_CSV"
    rm -f "$RUN_DIR/me-round.tmp"
  done
done
median_rounds "$ROUNDS_CSV" me

if wants users; then
  phase "users: user_by_id and list_deep"
  use users
  warm_until_steady users-by-id by_id.lua BENCH_TOKEN="$ADMIN_TOKEN" BENCH_IDS_FILE="$RUN_DIR/ids.txt"
  run_wrk users user_by_id "-" "$BENCH_CONNECTIONS" by_id.lua BENCH_TOKEN="$ADMIN_TOKEN" BENCH_IDS_FILE="$RUN_DIR/ids.txt"
  warm_until_steady users-list get.lua BENCH_TOKEN="$ADMIN_TOKEN" BENCH_PATH="/users?limit=50&cursor=$DEEP_CURSOR"
  run_wrk users list_deep "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN="$ADMIN_TOKEN" BENCH_PATH="/users?limit=50&cursor=$DEEP_CURSOR"
fi

phase "login and registration at $HASH_EQ_LABEL: $BENCH_HASH_ROUNDS interleaved rounds over $BENCH_TARGETS"
hash_rounds "$HASH_EQ_LABEL" $EQUAL_PRF $EQUAL_ITERATIONS $BENCH_TARGETS
for target in $BENCH_TARGETS; do stop_target "$target"; done

DEFAULT_TARGETS=""
for target in users floor; do if wants "$target"; then DEFAULT_TARGETS="$DEFAULT_TARGETS $target"; fi; done
if [ "$BENCH_DEFAULT_COST" = 1 ] && [ -n "$DEFAULT_TARGETS" ]; then
  phase "login and registration at Users' default cost ($HASH_DEF_LABEL stored and configured): $BENCH_HASH_ROUNDS interleaved rounds over$DEFAULT_TARGETS"
  for target in $DEFAULT_TARGETS; do
    psql_db "bench_$target" -c "UPDATE users SET hashed_password = '$HASH_DEFAULT'"
    start_target "$target"   # no hashing settings: the defaults (Users' and the Floor's: Argon2id, 19456 KiB, 2 passes)
  done
  hash_rounds "$HASH_DEF_LABEL" $DEFAULT_ALG "$DEFAULT_HASH_COST" $DEFAULT_TARGETS
  for target in $DEFAULT_TARGETS; do stop_target "$target"; done
fi

# ---------------------------------------------------------------- Users at two sizes, paired (same run, back to back)
# Background load on shared machines drifts within minutes, so each size-sensitive scenario runs against the small
# and the large database one right after the other (both apps are up; the idle one costs nothing).
if [ "$BENCH_LARGE" -gt 0 ] && wants users; then
  phase "users at $BENCH_USERS vs $BENCH_LARGE seeded users, paired (me, user_by_id, list_deep, login at $HASH_EQ_LABEL)"
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
  if [ "$BENCH_DEFAULT_COST" = 1 ]; then psql_db bench_users -c "UPDATE users SET hashed_password = '$HASH_EQUAL'"; fi
  READY_PATH=/health/ready
  start_app users-small "$(pg_free_port)" "$USERS_DLL" Database__Provider=Postgres ConnectionStrings__Users="$(conn bench_users)" \
    Auth__Secret="$SECRET" "${EQ_ENV[@]}"
  SMALL_PID=$APP_PID SMALL_BASE=$BASE
  SMALL_TOKEN=$(form_token /auth/jwt/login user1@example.com)
  SMALL_ADMIN=$(form_token /auth/jwt/login admin@example.com)
  OTHER_PID=$SMALL_PID
  start_app users-large "$(pg_free_port)" "$USERS_DLL" Database__Provider=Postgres ConnectionStrings__Users="$(conn bench_users_large)" \
    Auth__Secret="$SECRET" "${EQ_ENV[@]}"
  LARGE_PID=$APP_PID LARGE_BASE=$BASE
  LARGE_TOKEN=$(form_token /auth/jwt/login user1@example.com)
  LARGE_ADMIN=$(form_token /auth/jwt/login admin@example.com)
  expect_200 "large list deep" -H "Authorization: Bearer $LARGE_ADMIN" "$BASE/users?limit=50&cursor=$LARGE_CURSOR"
  for size in small large; do
    if [ $size = small ]; then APP_PID=$SMALL_PID BASE=$SMALL_BASE token=$SMALL_TOKEN; else APP_PID=$LARGE_PID BASE=$LARGE_BASE token=$LARGE_TOKEN; fi
    warm_until_steady "users-$size-me" get.lua BENCH_TOKEN="$token" BENCH_PATH=/users/me
  done
  # Each round runs every scenario on both sizes back to back, the first size alternating between rounds; the table
  # keeps each size's median round, the ratios are medians of the per-round ratios (one pair's p99 is a few maxima).
  paired() { # scenario hash connections script env... (values with SIZE_ placeholders are filled per size)
    local scenario=$1 hash=$2 connections=$3 script=$4; shift 4
    local size label token admin ids cursor users args a order="small large"
    if [ $((ROUND % 2)) = 0 ]; then order="large small"; fi
    for size in $order; do
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
      WARM=$([ "$ROUND" = 1 ] && echo 1 || echo 0) ROW_CSV="$RUN_DIR/large-round.tmp" \
        run_wrk "$label" "$scenario" "$hash" "$connections" "$script" "${args[@]}"
      sed "s/^/$ROUND,/" "$RUN_DIR/large-round.tmp" >>"$LARGE_CSV"
      rm -f "$RUN_DIR/large-round.tmp"
    done
  }
  LARGE_CSV="$RUN_DIR/large-rounds.csv"
  head -1 "$CSV" | sed 's/^/round,/' >"$LARGE_CSV"
  for ROUND in $(seq 1 "$BENCH_LARGE_ROUNDS"); do
    echo "   round $ROUND of $BENCH_LARGE_ROUNDS"
    paired me "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN=SIZE_TOKEN BENCH_PATH=/users/me
    paired user_by_id "-" "$BENCH_CONNECTIONS" by_id.lua BENCH_TOKEN=SIZE_ADMIN BENCH_IDS_FILE=SIZE_IDS
    paired list_deep "-" "$BENCH_CONNECTIONS" get.lua BENCH_TOKEN=SIZE_ADMIN "BENCH_PATH=/users?limit=50&cursor=SIZE_CURSOR"
    paired login "$HASH_EQ_LABEL" "$BENCH_HASH_CONNECTIONS" login.lua BENCH_USERS=SIZE_USERS BENCH_PASSWORD="$BENCH_PASSWORD" \
      BENCH_PATH=/auth/jwt/login BENCH_STYLE=form
  done
  unset ROUND
  TARGETS="$SMALL_LABEL $LARGE_LABEL" median_rounds "$LARGE_CSV" me user_by_id list_deep login
  APP_PID=$SMALL_PID; stop_app
  APP_PID=$LARGE_PID; OTHER_PID=""; stop_app
fi

# ---------------------------------------------------------------- report
# login and registration at one setting, per round: req/s over that round's ceiling, and Users over the Floor.
hash_ratios() { # label
  awk -F, -v targets="$BENCH_TARGETS" -v label="$1" '
    FNR == 1 { file++; next }
    file == 1 { ceil[$1] = $2; if ($1 > rounds) rounds = $1; next }
    { rps[$1 "/" $2 "/" $3] = $6 }
    function med(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    function fmt(a, n,   i, out) { out = ""; for (i = 1; i <= n; i++) out = out (i > 1 ? ", " : "") sprintf("%.2f", a[i]); return out }
    END {
      nt = split(targets, t, " ")
      n = 0; for (r = 1; r <= rounds; r++) c[++n] = ceil[r]
      printf "- hash-bound ceiling at %s, every core hashing at once at the start of each round: median %.1f/s [%s]\n", label, med(c, n), fmt(c, n)
      split("login register", scenarios, " ")
      for (k = 1; k <= 2; k++) {
        sc = scenarios[k]; line = ""
        for (x = 1; x <= nt; x++) {
          n = 0
          for (r = 1; r <= rounds; r++) if (ceil[r] > 0 && rps[r "/" t[x] "/" sc] > 0) a[++n] = rps[r "/" t[x] "/" sc] / ceil[r]
          if (n > 0) line = line sprintf("%s%s %.2f [%s]", (line == "" ? "" : "; "), t[x], med(a, n), fmt(a, n))
        }
        n = 0
        for (r = 1; r <= rounds; r++) if (rps[r "/floor/" sc] > 0 && rps[r "/users/" sc] > 0) a[++n] = rps[r "/users/" sc] / rps[r "/floor/" sc]
        if (n > 0) line = line sprintf("; Users/Floor %.2f [%s]", med(a, n), fmt(a, n))
        printf "- %s at %s vs the ceiling (median of %d rounds, target >= 0.9): %s\n", sc, label, rounds, line
      }
    }' "$RUN_DIR/hash-ceilings-${1//[^a-z0-9]/}.csv" "$RUN_DIR/hash-rounds-${1//[^a-z0-9]/}.csv"
}

phase "report"
MD="$RUN_DIR/results.md"
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'); $BENCH_USERS seeded users per target; $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'));"
  echo "wrk -t$BENCH_THREADS, $BENCH_DURATION per run after a $BENCH_WARMUP warm-up; reads at -c$BENCH_CONNECTIONS, login/register at -c$BENCH_HASH_CONNECTIONS."
  echo "One hash (CPU ms, median, single thread): $HASH_EQ_LABEL $COST_EQUAL, $HASH_DEF_LABEL $COST_DEFAULT."
  echo "Every target warmed to its steady state first; me: $BENCH_ROUNDS interleaved rounds, login/register: $BENCH_HASH_ROUNDS at each hasher setting;"
  echo "the table shows each target's median round."
  echo
  echo "| target | scenario | hash | requests | req/s | p50 ms | p99 ms | app CPU ms/req | PG CPU ms/req | app RSS MB | errors |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$CSV" | awk -F, '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}'
  echo
  echo "Ratios (this run):"
  echo
  # me, per round: Users/Floor and Users/Identity throughput, Users/Floor p99; the median of each.
  awk -F, '
    NR > 1 && $3 == "me" { rps[$1 "/" $2] = $6; p99[$1 "/" $2] = $8; if ($1 > rounds) rounds = $1 }
    function med(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    function fmt(a, n,   i, out) { out = ""; for (i = 1; i <= n; i++) out = out (i > 1 ? ", " : "") sprintf("%.2f", a[i]); return out }
    END {
      n = 0
      for (r = 1; r <= rounds; r++) {
        if (rps[r "/floor"] > 0 && rps[r "/identity"] > 0 && p99[r "/floor"] > 0) {
          n++; f[n] = rps[r "/users"] / rps[r "/floor"]; i[n] = rps[r "/users"] / rps[r "/identity"]; p[n] = p99[r "/users"] / p99[r "/floor"]
        }
      }
      if (n == 0) { print "- me: needs users, floor and identity in BENCH_TARGETS"; exit }
      lf = fmt(f, n); li = fmt(i, n); lp = fmt(p, n)
      printf "- me (median of %d rounds; each round: %s): Users/Floor throughput %.2f (target >= 0.8) [%s]; Users/Identity %.2f (target >= 2) [%s]; p99 Users/Floor %.2f (target <= 1.5) [%s]\n",
        n, "every target once, back to back", med(f, n), lf, med(i, n), li, med(p, n), lp
    }' "$ROUNDS_CSV"
  hash_ratios "$HASH_EQ_LABEL"
  if [ -f "$RUN_DIR/hash-rounds-${HASH_DEF_LABEL//[^a-z0-9]/}.csv" ]; then hash_ratios "$HASH_DEF_LABEL"; fi
  # 1M vs 10k, per round: the large size's latency over the small size's, p50 and p99; the median of each.
  if [ -n "${LARGE_CSV:-}" ]; then
    awk -F, -v small="$SMALL_LABEL" -v large="$LARGE_LABEL" '
      NR > 1 { p50[$1 "/" $2 "/" $3] = $7; p99[$1 "/" $2 "/" $3] = $8; if ($1 > rounds) rounds = $1 }
      function med(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
      function fmt(a, n,   i, out) { out = ""; for (i = 1; i <= n; i++) out = out (i > 1 ? ", " : "") sprintf("%.2f", a[i]); return out }
      function ratios(sc, lat,   r, n, a, b, x) {
        n = 0
        for (r = 1; r <= rounds; r++) {
          a = (lat == "p50") ? p50[r "/" large "/" sc] : p99[r "/" large "/" sc]
          b = (lat == "p50") ? p50[r "/" small "/" sc] : p99[r "/" small "/" sc]
          if (b > 0) x[++n] = a / b
        }
        return (n == 0) ? "n/a" : sprintf("%.2f [%s]", med(x, n), fmt(x, n))
      }
      END {
        line = ""
        split("user_by_id list_deep login me", sc, " ")
        for (k = 1; k <= 4; k++) line = line sprintf("%s%s p50 %s p99 %s", (k > 1 ? "; " : ""), sc[k], ratios(sc[k], "p50"), ratios(sc[k], "p99"))
        printf "- %s vs %s, paired in %d rounds (latency ratio, median of the per-round ratios, target <= 1.2): %s\n", large, small, rounds, line
      }' "$LARGE_CSV"
  fi
  # Resident memory after each me round (each target just served its own me load); the median over the rounds.
  awk -F, '
    NR > 1 && $3 == "me" { n[$2]++; v[$2, n[$2]] = $11 }
    function med(t,   i, j, k, a, x) { k = n[t]; for (i = 1; i <= k; i++) a[i] = v[t, i]; for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { x = a[j]; a[j] = a[j - 1]; a[j - 1] = x } return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    function all(t,   i, out) { out = ""; for (i = 1; i <= n[t]; i++) out = out (i > 1 ? ", " : "") v[t, i]; return out }
    END {
      if (n["users"] == 0 || n["identity"] == 0) exit
      printf "- RSS after each me round, median: Users %s MB [%s], Identity %s MB [%s], Floor %s MB [%s] (target: Users <= Identity)\n",
        med("users"), all("users"), med("identity"), all("identity"), med("floor"), all("floor")
    }' "$ROUNDS_CSV"
  awk -F, -v cores="$CORES" -v ceq_ms="$COST_EQUAL" -v cdef_ms="$COST_DEFAULT" \
      -v eq="$HASH_EQ_LABEL" -v def="$HASH_DEF_LABEL" '
    NR > 1 { cpu[$1 "/" $2 "/" $3] = $8 }
    function r(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "n/a" }
    END {
      printf "- cores / one single-threaded hash would say %.1f/s at %s and %.1f/s at %s; every core hashing at once gives less (see bench/README.md)\n",
        cores * 1000 / ceq_ms, eq, cores * 1000 / cdef_ms, def
      printf "- app CPU per request, Users / Floor (1.00 = no overhead over the floor): me %s, login@%s %s, register@%s %s, login@%s %s, register@%s %s\n",
        r(cpu["users/me/-"], cpu["floor/me/-"]), eq, r(cpu["users/login/" eq], cpu["floor/login/" eq]), eq, r(cpu["users/register/" eq], cpu["floor/register/" eq]),
        def, r(cpu["users/login/" def], cpu["floor/login/" def]), def, r(cpu["users/register/" def], cpu["floor/register/" def])
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
