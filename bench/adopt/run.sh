#!/usr/bin/env bash
# Adoption throughput: `adopt-fastapi-users` over a FastAPI Users database of ADOPT_USERS users (default 100,000),
# with a fifth as many OAuth accounts and live database tokens, on PostgreSQL (a throwaway cluster, the same
# settings as bench/run.sh: fsync off, loopback) and on SQLite files. Each provider: the first run (everything
# imported), then a second run (everything unchanged). Prints wall time, rows per second and peak RSS of each run
# and writes bench/results/adopt-latest.md. Not part of dotnet test or CI.
#   bench/adopt/run.sh
#   ADOPT_USERS=20000 bench/adopt/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N=${ADOPT_USERS:-100000}
ACCOUNTS=$((N / 5))
TOKENS=$((N / 5))
OUT=${ADOPT_OUT:-"$ROOT/bench/results"}
WORK=$(mktemp -d /tmp/users-adopt.XXXXXX)
# An argon2-cffi hash at FastAPI Users' parameters, as every adopted row would hold (never verified here).
HASH=$(jq -r '[.vectors[] | select(.hash | startswith("$argon2id$v=19$m=65536,t=3,p=4$"))][0].hash' "$ROOT/tests/vectors/password-hashes.json")
SECRET="adopt-bench-secret-$(head -c 24 /dev/urandom | base64 | tr -d '+/=')"

# shellcheck source=../../.ci/postgres.sh
source "$ROOT/.ci/postgres.sh"
cleanup() { pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== build (Release)"
dotnet build "$ROOT/src/Api" -c Release -nologo -v q -clp:ErrorsOnly >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
API="$ROOT/src/Api/bin/Release/net10.0/Users.Api.dll"

# The SQLAlchemy adapter's tables (tests/Users.Api.IntegrationTests/Adoption/FastApiUsersDeployment.cs has the same DDL).
schema() { # uuid-type timestamp-type
  cat <<SQL
CREATE TABLE "user" (id $1 NOT NULL PRIMARY KEY, email VARCHAR(320) NOT NULL, hashed_password VARCHAR(1024) NOT NULL,
  is_active BOOLEAN NOT NULL, is_superuser BOOLEAN NOT NULL, is_verified BOOLEAN NOT NULL);
CREATE UNIQUE INDEX ix_user_email ON "user" (email);
CREATE TABLE oauth_account (id $1 NOT NULL PRIMARY KEY, oauth_name VARCHAR(100) NOT NULL, access_token VARCHAR(1024) NOT NULL,
  expires_at INTEGER, refresh_token VARCHAR(1024), account_id VARCHAR(320) NOT NULL, account_email VARCHAR(320) NOT NULL,
  user_id $1 NOT NULL REFERENCES "user" (id) ON DELETE CASCADE);
CREATE TABLE accesstoken (token VARCHAR(43) NOT NULL PRIMARY KEY, created_at $2 NOT NULL,
  user_id $1 NOT NULL REFERENCES "user" (id) ON DELETE CASCADE);
SQL
}

# One adoption run: prints "seconds peak_rss_mb exit_code" and keeps the summary line.
adopt() { # label provider source-connection target-provider target-connection
  local label=$1 provider=$2 from=$3 target_provider=$4 target=$5 start end code
  start=$(date +%s.%N)
  set +e
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider="$target_provider" ConnectionStrings__Users="$target" Auth__Secret="$SECRET" \
    /usr/bin/time -f "%M" -o "$WORK/$label.rss" \
    dotnet "$API" adopt-fastapi-users --from "$from" --from-provider "$provider" >"$WORK/$label.json" 2>"$WORK/$label.err"
  code=$?
  set -e
  end=$(date +%s.%N)
  if [ "$code" -ne 0 ]; then echo "adoption '$label' exited $code:" >&2; tail -20 "$WORK/$label.err" >&2; exit 1; fi
  echo "$(echo "$end - $start" | bc) $(( $(tail -1 "$WORK/$label.rss") / 1024 )) $code"
}

row() { # label provider run result-line summary-file
  local seconds rss users accounts tokens
  read -r seconds rss _ <<<"$4"
  users=$(jq -r '"\(.users.imported) imported, \(.users.unchanged) unchanged"' "$5")
  accounts=$(jq -r '.oauth_accounts.imported + .oauth_accounts.unchanged' "$5")
  tokens=$(jq -r '.access_tokens.imported + .access_tokens.unchanged' "$5")
  printf '| %s | %s | %s | %s | %s | %.1f | %.0f | %s |\n' "$2" "$3" "$users" "$accounts" "$tokens" "$seconds" \
    "$(echo "($N + $ACCOUNTS + $TOKENS) / $seconds" | bc -l)" "$rss" | tee -a "$WORK/table.md"
}

echo "== PostgreSQL: $N users, $ACCOUNTS OAuth accounts, $TOKENS tokens"
pg_start
psql_db() { local db=$1; shift; psql -h 127.0.0.1 -p "$PGPORT" -U users -d "$db" -v ON_ERROR_STOP=1 -qAtX "$@"; }
conn() { echo "Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=users"; }
psql_db postgres -c "CREATE DATABASE fastapi" -c "CREATE DATABASE users_target"
schema UUID "TIMESTAMP WITH TIME ZONE" | psql_db fastapi
psql_db fastapi -c "INSERT INTO \"user\" SELECT gen_random_uuid(), 'user' || i || '@example.com', '$HASH', true, false, i % 2 = 0 FROM generate_series(1, $N) AS i" \
  -c "INSERT INTO oauth_account SELECT gen_random_uuid(), 'github', 'gho_' || md5(u.id::text), 1900000000, NULL, 'gh' || row_number() OVER (), u.email, u.id FROM (SELECT id, email FROM \"user\" LIMIT $ACCOUNTS) AS u" \
  -c "INSERT INTO accesstoken SELECT substr(md5(u.id::text) || md5(u.email), 1, 43), now(), u.id FROM (SELECT id, email FROM \"user\" ORDER BY email LIMIT $TOKENS) AS u"
env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Users="$(conn users_target)" Auth__Secret="$SECRET" \
  dotnet "$API" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }
: >"$WORK/table.md"
r=$(adopt pg-first Postgres "$(conn fastapi)" Postgres "$(conn users_target)"); row pg-first PostgreSQL first "$r" "$WORK/pg-first.json"
r=$(adopt pg-second Postgres "$(conn fastapi)" Postgres "$(conn users_target)"); row pg-second PostgreSQL second "$r" "$WORK/pg-second.json"

echo "== SQLite: the same rows, copied out of PostgreSQL"
SQLITE_FROM="$WORK/fastapi.db"
schema "CHAR(36)" DATETIME | sqlite3 "$SQLITE_FROM"
psql_db fastapi -c "COPY (SELECT id, email, hashed_password, is_active::int, is_superuser::int, is_verified::int FROM \"user\") TO STDOUT WITH CSV" >"$WORK/users.csv"
psql_db fastapi -c "COPY (SELECT id, oauth_name, access_token, expires_at, refresh_token, account_id, account_email, user_id FROM oauth_account) TO STDOUT WITH CSV" >"$WORK/accounts.csv"
psql_db fastapi -c "COPY (SELECT token, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), user_id FROM accesstoken) TO STDOUT WITH CSV" >"$WORK/tokens.csv"
sqlite3 "$SQLITE_FROM" ".mode csv" ".import $WORK/users.csv user" ".import $WORK/accounts.csv oauth_account" ".import $WORK/tokens.csv accesstoken"
r=$(adopt sqlite-first Sqlite "Data Source=$SQLITE_FROM" Sqlite "Data Source=$WORK/users.db"); row sqlite-first SQLite first "$r" "$WORK/sqlite-first.json"
r=$(adopt sqlite-second Sqlite "Data Source=$SQLITE_FROM" Sqlite "Data Source=$WORK/users.db"); row sqlite-second SQLite second "$r" "$WORK/sqlite-second.json"

mkdir -p "$OUT"
{
  echo "Adoption run $(date -u '+%Y-%m-%d %H:%M') UTC at $(git -C "$ROOT" rev-parse --short HEAD); $(nproc) cores; $N users, $ACCOUNTS OAuth accounts, $TOKENS database tokens"
  echo
  echo "| target | run | users | OAuth accounts | tokens | wall s | rows/s | peak RSS MB |"
  echo "|---|---|---|---|---|---:|---:|---:|"
  cat "$WORK/table.md"
} >"$OUT/adopt-latest.md"
echo "Wrote $OUT/adopt-latest.md"
