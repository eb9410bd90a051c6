#!/usr/bin/env bash
# Login overhead probe: Users and the Floor side by side at a trivial hash (PBKDF2 sha512, 1 iteration), so that what a
# login costs besides its hash shows: per round and target, req/s, app and PostgreSQL CPU per login, page faults, sys
# time. Not part of bench/run.sh. Variables: ROUNDS (3), DUR (10s), CONNS ("4"), HASH_ARGS ("sha512 1", bench/Tools'
# users-hash arguments) with APP_ENV (the matching hashing settings), USERS_ENV (extra settings for Users only),
# USERS_CONN_EXTRA (appended to Users' connection string), ONLY ("users floor").
# Example at the default hash: HASH_ARGS="argon2id 19456:2" APP_ENV="Auth__PasswordHashing__Algorithm=argon2id" bench/login-overhead.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); BENCH=$ROOT/bench
ROUNDS=${ROUNDS:-3}; DUR=${DUR:-10s}; CONN=${CONN:-4}
PW=Bench_Passw0rd_Xq7; N=10000
SECRET="probe-secret-$(head -c 24 /dev/urandom | base64 | tr -d '+/=')"
export RateLimiting__Login=1000000000 RateLimiting__Accounts=1000000000 RateLimiting__Tokens=1000000000
RUN_DIR=$(mktemp -d /tmp/users-login-probe.XXXXXX)
source "$ROOT/.ci/postgres.sh"
PIDS=""
cleanup() { for p in $PIDS; do kill $p 2>/dev/null || true; done; pg_stop; }
trap cleanup EXIT
for project in src/Api/Users.Api.csproj bench/Floor/Floor.csproj bench/Tools/Tools.csproj; do
  dotnet build "$ROOT/$project" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
done
USERS_DLL="$ROOT/src/Api/bin/Release/net10.0/Users.Api.dll"; FLOOR_DLL="$BENCH/Floor/bin/Release/net10.0/Floor.dll"
HASH_ARGS=${HASH_ARGS:-"sha512 1"}
HASH=$(dotnet "$BENCH/Tools/bin/Release/net10.0/Tools.dll" users-hash $HASH_ARGS "$PW")
APP_ENV=${APP_ENV:-"Auth__PasswordHashing__Algorithm=sha512 Auth__PasswordHashing__Iterations=1"}
pg_start
psql_db() { local db=$1; shift; psql -h 127.0.0.1 -p "$PGPORT" -U users -d "$db" -v ON_ERROR_STOP=1 -qAtX "$@"; }
conn() { echo "Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=users;Maximum Pool Size=64;Max Auto Prepare=20;No Reset On Close=true$( [ "$1" = bench_users ] && echo "${USERS_CONN_EXTRA:-}")"; }
PG_MASTER=$(head -1 "$PGTMP/data/postmaster.pid")
for db in bench_users bench_floor; do
  psql_db postgres -c "CREATE DATABASE $db"
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Users="$(conn $db)" Auth__Secret="$SECRET" dotnet "$USERS_DLL" migrate >/dev/null
  psql_db "$db" -c "COPY (SELECT gen_random_uuid(), e, e, '$HASH', true, false, true, md5(random()::text), now(), now(), NULL
      FROM (SELECT 'user' || i || '@example.com' AS e FROM generate_series(1, $N) i) s) TO STDOUT" \
  | psql_db "$db" -c "COPY users (id, email, normalized_email, hashed_password, is_active, is_superuser, is_verified, security_stamp, created_at, updated_at, last_login_at) FROM STDIN"
  psql_db "$db" -c "VACUUM ANALYZE users"
done
declare -A PID BASE
start() { local name=$1 dll=$2 db=$3 ready=$4 port; port=$(pg_free_port)
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Database__Provider=Postgres \
    ConnectionStrings__Users="$(conn $db)" Auth__Secret="$SECRET" $APP_ENV $5 dotnet "$dll") >$RUN_DIR/$name.log 2>&1 &
  PID[$name]=$!; PIDS="$PIDS $!"; BASE[$name]="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do [ "$(curl -s -o /dev/null -w '%{http_code}' "${BASE[$name]}$ready" || true)" = 200 ] && return 0; sleep 0.5; done; cat $RUN_DIR/$name.log; exit 1; }
start users "$USERS_DLL" bench_users /health/ready "${USERS_ENV:-}"
start floor "$FLOOR_DLL" bench_floor /ping ""
declare -A PATHS=([users]=/auth/jwt/login [floor]=/login)
pg_ticks() { local total pid; total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_MASTER/stat")
  for pid in $(pgrep -P "$PG_MASTER" || true); do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo $total; }
one() { local t=$1 d=$2 a0 p0 a1 p1 json f0 f1 s0 s1
  a0=$(awk '{print $14 + $15}' /proc/${PID[$t]}/stat); p0=$(pg_ticks); f0=$(awk '{print $10}' /proc/${PID[$t]}/stat); s0=$(awk '{print $15}' /proc/${PID[$t]}/stat)
  json=$(env BENCH_USERS=$N BENCH_PASSWORD=$PW BENCH_PATH=${PATHS[$t]} BENCH_STYLE=form BENCH_PREFIX=p wrk -t2 -c$CONN -d$d --timeout 10s -s $BENCH/wrk/login.lua ${BASE[$t]} | sed -n 's/^RESULT //p')
  a1=$(awk '{print $14 + $15}' /proc/${PID[$t]}/stat); p1=$(pg_ticks); f1=$(awk '{print $10}' /proc/${PID[$t]}/stat); s1=$(awk '{print $15}' /proc/${PID[$t]}/stat)
  echo "$json" | jq -r --arg t $t --argjson a $((a1-a0)) --argjson p $((p1-p0)) --argjson f $((f1-f0)) --argjson s $((s1-s0)) '"\($t) faults/login \($f/.requests|round) sys \((($s*10/.requests*1000)|round)/1000) ms/login rps \(.rps) p50 \(.p50_ms) errors \(.non2xx + .socket_errors) app \((($a*10/.requests*1000)|round)/1000) ms/login pg \((($p*10/.requests*1000)|round)/1000) ms/login"'; }
for t in ${ONLY:-users floor}; do one $t 20s >/dev/null; one $t 20s >/dev/null; done   # warm-up
for t in ${ONLY:-users floor}; do a0=$(awk '{print $14 + $15}' /proc/${PID[$t]}/stat); sleep 10; a1=$(awk '{print $14 + $15}' /proc/${PID[$t]}/stat); echo "$t idle: $(( (a1-a0)*10 )) ms CPU in 10 s"; done
for c in ${CONNS:-$CONN}; do CONN=$c; echo "-- c$c"
for r in $(seq 1 $ROUNDS); do for t in ${ONLY:-users floor}; do one $t $DUR; done; done; done
