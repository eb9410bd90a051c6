# Throwaway PostgreSQL cluster for CI and benchmarks. Source this file, then: pg_start; ...; pg_stop.
# Exports PGTMP, PGPORT and PG_CONN (a connection string to the maintenance database "postgres").
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' user.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

pg_ensure_binaries() {
  [ -x "$PGBIN/initdb" ] && return 0
  echo "PostgreSQL binaries not found in $PGBIN; installing postgresql-15" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
}

pg_free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  pg_ensure_binaries
  PGTMP=$(mktemp -d /tmp/users-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGTMP"
  PGPORT=$(pg_free_port) || { echo "no free port for PostgreSQL" >&2; return 1; }
  ( cd "$PGTMP" && pg_as_owner "$PGBIN/initdb" -D "$PGTMP/data" -U users --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$PGTMP/initdb.log" 2>&1 ) || { cat "$PGTMP/initdb.log" >&2; return 1; }
  ( cd "$PGTMP" && pg_as_owner "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null ) || { cat "$PGTMP/server.log" >&2; return 1; }
  export PGTMP PGPORT
  export PG_CONN="Host=127.0.0.1;Port=$PGPORT;Database=postgres;Username=users"
}

pg_stop() {
  [ -n "${PGTMP:-}" ] || return 0
  ( cd "$PGTMP" && pg_as_owner "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 ) || true
  rm -rf "$PGTMP"
  unset PGTMP PGPORT PG_CONN
}
