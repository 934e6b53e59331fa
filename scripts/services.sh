#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis run on this machine, installing them from Debian/Ubuntu packages when missing,
# and that the bot's role and databases exist. Idempotent. Usage: scripts/services.sh [database ...]
set -euo pipefail

DB_HOST=${TAWASUL_DB_HOST:-127.0.0.1}
DB_PORT=${TAWASUL_DB_PORT:-5432}
DB_USER=${TAWASUL_DB_USER:-tawasul}
DB_PASSWORD=${TAWASUL_DB_PASSWORD:-tawasul}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { echo "[services] $*" >&2; }

apt_install() {
  log "installing $* (apt-get)"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_up() { (exec 3<>"/dev/tcp/$DB_HOST/$DB_PORT") 2>/dev/null; }

ensure_postgres() {
  if pg_up; then return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  log "starting PostgreSQL $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
    || $SUDO pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_up && return; sleep 1; done
  log "PostgreSQL did not start"; exit 1
}

# psql as a superuser: over TCP as postgres (trust auth), else through the local socket as the postgres OS user
psql_admin() {
  if psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -tAc "select 1" >/dev/null 2>&1 </dev/null; then
    psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
  else
    (cd /tmp && $SUDO runuser -u postgres -- psql -p "$DB_PORT" -d postgres -v ON_ERROR_STOP=1 -tAc "$1")
  fi
}

ensure_databases() {
  command -v psql >/dev/null || apt_install postgresql-client
  if [ "$(psql_admin "select 1 from pg_roles where rolname = '$DB_USER'")" != "1" ]; then
    log "creating role $DB_USER"
    psql_admin "create role \"$DB_USER\" login password '$DB_PASSWORD'" >/dev/null
  fi
  for db in "$@"; do
    if [ "$(psql_admin "select 1 from pg_database where datname = '$db'")" != "1" ]; then
      log "creating database $db"
      psql_admin "create database \"$db\" owner \"$DB_USER\"" >/dev/null
    fi
  done
}

redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

ensure_redis() {
  if redis_up; then return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  log "starting Redis"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/tawasul.log
  for _ in $(seq 1 20); do redis_up && return; sleep 0.5; done
  log "Redis did not start"; exit 1
}

ensure_postgres
ensure_databases "${@:-${TAWASUL_DB_NAME:-tawasul}}"
ensure_redis
log "PostgreSQL on $DB_HOST:$DB_PORT and Redis on 127.0.0.1:6379 are up"
