#!/usr/bin/env bash
# Runs the whole Ecom.Aspire system without Docker: what the AppHost wires, with local servers.
#   PostgreSQL and Redis on loopback, data under a folder that survives restarts (default .local/, git-ignored),
#   then Worker, Api and Web with the same configuration keys the AppHost sets. Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/lib/prerequisites.sh

WEB_PORT="${ECOM_WEB_PORT:-5080}"
API_PORT="${ECOM_API_PORT:-5081}"
WORKER_PORT="${ECOM_WORKER_PORT:-5082}"
PG_PORT="${ECOM_PG_PORT:-55432}"
REDIS_PORT="${ECOM_REDIS_PORT:-56379}"
DATA="${ECOM_DATA_DIR:-$ROOT/.local}"
CONFIGURATION="${ECOM_CONFIGURATION:-Release}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"

ensure_dotnet
ensure_packages postgresql redis-server
PG_BIN="$(postgres_bin)"
mkdir -p "$DATA" "$DATA/logs"

# Secrets: the database passwords are made once and kept (mode 600) with the data; the admin key is new every run.
SECRETS="$DATA/secrets.env"
if [ ! -f "$SECRETS" ]; then
  umask 077
  {
    echo "ECOM_PG_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    echo "ECOM_BI_READER_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  } > "$SECRETS"
  umask 022
fi
source "$SECRETS"
ADMIN_KEY="${ECOM_ADMIN_API_KEY:-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}"

# PostgreSQL refuses to run as root: as root it runs as the "postgres" user, with its data where that user can reach.
PG_USER=""
PG_DATA="$DATA/postgres"
if [ "$(id -u)" -eq 0 ]; then
  PG_USER=postgres
  if ! runuser -u postgres -- test -x "$DATA"; then
    PG_DATA="/var/lib/ecom-aspire/$(echo -n "$ROOT" | md5sum | cut -c1-8)/postgres"
  fi
fi
as_pg() { if [ -n "$PG_USER" ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "stopping..."
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop > /dev/null 2>&1 || true
  echo "stopped (data kept in $DATA)"
}
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

# --- PostgreSQL -------------------------------------------------------------------------------------------------
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  echo "initialising PostgreSQL in $PG_DATA"
  mkdir -p "$PG_DATA"
  pwfile="$(mktemp)"; echo "$ECOM_PG_PASSWORD" > "$pwfile"
  if [ -n "$PG_USER" ]; then chown -R "$PG_USER:" "$PG_DATA" "$pwfile"; fi
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 > "$DATA/logs/initdb.log"
  rm -f "$pwfile"
fi
if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status > /dev/null 2>&1; then
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$PG_DATA/server.log" \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c timezone=UTC" start > /dev/null
fi
export PGPASSWORD="$ECOM_PG_PASSWORD"
psql_admin() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'ecomdb'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE ecomdb"
fi
unset PGPASSWORD
echo "PostgreSQL  127.0.0.1:$PG_PORT (database ecomdb)"

# --- Redis --------------------------------------------------------------------------------------------------------
mkdir -p "$DATA/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" --appendonly yes --protected-mode yes \
  > "$DATA/logs/redis.log" 2>&1 &
PIDS+=($!)
echo "Redis       127.0.0.1:$REDIS_PORT"

# --- the three hosts ----------------------------------------------------------------------------------------------
echo "building Worker, Api and Web ($CONFIGURATION)..."
for project in Worker Api Web; do
  dotnet publish "$project/$project.csproj" -c "$CONFIGURATION" -o "$DATA/bin/$project" --nologo -v quiet > "$DATA/logs/build-$project.log" 2>&1 \
    || { echo "error: building $project failed, see $DATA/logs/build-$project.log" >&2; exit 1; }
done

export ConnectionStrings__ecomdb="Host=127.0.0.1;Port=$PG_PORT;Database=ecomdb;Username=postgres;Password=$ECOM_PG_PASSWORD"
export ConnectionStrings__cache="127.0.0.1:$REDIS_PORT"
export Ecom__AdminApiKey="$ADMIN_KEY"
export Ecom__BiReaderPassword="$ECOM_BI_READER_PASSWORD"
export services__api__http__0="http://127.0.0.1:$API_PORT"
# As the AppHost sets it: at most two glibc malloc arenas (one per busy thread, up to 8 per core, kept the hosts' working
# set creeping up under steady load).
export MALLOC_ARENA_MAX=2

start_host() { # name port
  (cd "$DATA/bin/$1" && exec dotnet "Ecom.Aspire.$1.dll" --urls "http://127.0.0.1:$2") > "$DATA/logs/$1.log" 2>&1 &
  PIDS+=($!)
}
wait_healthy() { # name port
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$2/health" > /dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "error: $1 did not become healthy, see $DATA/logs/$1.log" >&2
  exit 1
}

start_host Worker "$WORKER_PORT"; wait_healthy Worker "$WORKER_PORT"   # the Worker applies migrations first
start_host Api "$API_PORT";       wait_healthy Api "$API_PORT"
start_host Web "$WEB_PORT";       wait_healthy Web "$WEB_PORT"

cat <<INFO

Ecom.Aspire is running (logs in $DATA/logs):
  Dashboard  http://127.0.0.1:$WEB_PORT/
  Api        http://127.0.0.1:$API_PORT/docs   (OpenAPI: /openapi/v1.json)
  Jobs       http://127.0.0.1:$WORKER_PORT/hangfire   (user admin, password = admin key below)
  Admin key  $ADMIN_KEY   (X-Api-Key header for calls that write or start something)
Press Ctrl-C to stop.
INFO

# Stop everything if any host dies, or on Ctrl-C.
wait -n "${PIDS[@]}" || true
echo "a process stopped unexpectedly; see $DATA/logs" >&2
exit 1
