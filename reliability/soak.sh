#!/usr/bin/env bash
# Soak: a bounded mixed workload (register, login, me, patch, refresh, me, logout; one simulated client per
# connection, one connection per wrk thread so that each keeps its own sequence) over two instances of the service and one PostgreSQL, for SOAK_MINUTES minutes, printing each minute's
# requests, 5xx answers, unexpected statuses, p99 and each instance's resident memory.
# Usage: reliability/soak.sh        (SOAK_MINUTES=10, SOAK_CONNECTIONS=4 per instance; results in reliability/results/)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOAK_MINUTES=${SOAK_MINUTES:-10}
SOAK_CONNECTIONS=${SOAK_CONNECTIONS:-4}
OUT=${SOAK_OUT:-"$ROOT/reliability/results"}
mkdir -p "$OUT"
LOG_DIR=$(mktemp -d /tmp/users-soak.XXXXXX)

for tool in wrk jq; do
  command -v $tool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done

# shellcheck source=../.ci/postgres.sh
source "$ROOT/.ci/postgres.sh"
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pg_stop
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== build (Release)"
dotnet build "$ROOT/src/Api/Users.Api.csproj" -c Release -nologo -v q -clp:ErrorsOnly >"$LOG_DIR/build.log" 2>&1 || { cat "$LOG_DIR/build.log"; exit 1; }
DLL="$ROOT/src/Api/bin/Release/net10.0/Users.Api.dll"

echo "== PostgreSQL"
pg_start
psql -h 127.0.0.1 -p "$PGPORT" -U users -d postgres -qAtX -c "CREATE DATABASE soak"
CONN="Host=127.0.0.1;Port=$PGPORT;Database=soak;Username=users"
SECRET="soak-secret-$(head -c 24 /dev/urandom | base64 | tr -d '+/=')"

start_instance() { # name -> sets PORT_<name>, PID_<name>
  local name=$1 port
  port=$(pg_free_port)
  (cd "$(dirname "$DLL")" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Database__Provider=Postgres Database__MigrateOnStartup=true ConnectionStrings__Users="$CONN" Auth__Secret="$SECRET" \
    RateLimiting__Login=1000000000 RateLimiting__Accounts=1000000000 RateLimiting__Tokens=1000000000 \
    dotnet "$DLL") >"$LOG_DIR/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$LOG_DIR/$name.log"; exit 1; }
    sleep 0.5
  done
  eval "PORT_$name=$port PID_$name=$pid"
}
echo "== two instances"
start_instance a
start_instance b
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

CSV="$OUT/soak-latest.csv"
echo "minute,requests,server_errors,unexpected,socket_errors,p99_ms_a,p99_ms_b,rss_mb_a,rss_mb_b" >"$CSV"
printf "%-6s %9s %5s %10s %7s %9s %9s %8s %8s\n" minute requests 5xx unexpected sockets "p99 a" "p99 b" "RSS a" "RSS b"
for minute in $(seq 1 "$SOAK_MINUTES"); do
  SOAK_PREFIX="a$minute" wrk -t"$SOAK_CONNECTIONS" -c"$SOAK_CONNECTIONS" -d60s --timeout 10s -s "$ROOT/reliability/soak.lua" "http://127.0.0.1:$PORT_a" >"$LOG_DIR/a-$minute.txt" 2>&1 &
  WA=$!
  SOAK_PREFIX="b$minute" wrk -t"$SOAK_CONNECTIONS" -c"$SOAK_CONNECTIONS" -d60s --timeout 10s -s "$ROOT/reliability/soak.lua" "http://127.0.0.1:$PORT_b" >"$LOG_DIR/b-$minute.txt" 2>&1 &
  WB=$!
  wait $WA $WB
  A=$(sed -n 's/^RESULT //p' "$LOG_DIR/a-$minute.txt"); B=$(sed -n 's/^RESULT //p' "$LOG_DIR/b-$minute.txt")
  [ -n "$A" ] && [ -n "$B" ] || { cat "$LOG_DIR/a-$minute.txt" "$LOG_DIR/b-$minute.txt"; exit 1; }
  row=$(jq -rn --argjson a "$A" --argjson b "$B" --arg m "$minute" --arg ra "$(rss "$PID_a")" --arg rb "$(rss "$PID_b")" \
    '[$m, ($a.requests + $b.requests), ($a.server_errors + $b.server_errors), ($a.unexpected + $b.unexpected),
      ($a.socket_errors + $b.socket_errors), $a.p99_ms, $b.p99_ms, $ra, $rb] | @csv' | tr -d '"')
  echo "$row" >>"$CSV"
  echo "$row" | awk -F, '{printf "%-6s %9s %5s %10s %7s %7s ms %7s ms %5s MB %5s MB\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
done

awk -F, 'NR > 1 { r += $2; e += $3; u += $4; s += $5 } END { printf "total: %d requests, %d 5xx, %d unexpected statuses, %d socket errors\n", r, e, u, s }' "$CSV"
echo "per-minute figures: $CSV (instance logs: $LOG_DIR)"
