#!/usr/bin/env bash
# Brings up PostgreSQL and Redis for Dangol: with Docker when an engine runs, otherwise the
# machine's own (Debian packages), starting them when stopped and installing them when missing
# (as root). Creates the `dangol` role and database. Idempotent.
source "$(dirname "$0")/lib.sh"

PG_USER=${DANGOL_PG_USER:-dangol}
PG_PASSWORD=${DANGOL_PG_PASSWORD:-dangol}
PG_DB=${DANGOL_PG_DB:-dangol}

if [ "${DANGOL_DOCKER:-auto}" != never ] && command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  say "starting PostgreSQL and Redis with docker compose"
  (cd "$ROOT" && docker compose up -d --wait postgres redis)
  bash "$ROOT/scripts/mail-catcher.sh" || true
  exit 0
fi

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! pg_up; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    say "installing PostgreSQL (apt)"
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  say "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || die "PostgreSQL did not come up on 127.0.0.1:5432; see /var/log/postgresql/"
fi

# Role and database are made as the postgres OS user (peer auth on the socket works even where
# TCP asks for a password); the app then connects over TCP with the password below. CREATEROLE:
# a migration creates `dangol_query`, the login role analysts' SQL runs as.
if command -v runuser >/dev/null && { is_root || command -v sudo >/dev/null; } && id postgres >/dev/null 2>&1; then
  as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB CREATEROLE PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB CREATEROLE PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
  if ! as_postgres psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    as_postgres createdb -O "$PG_USER" "$PG_DB"
  fi
else
  say "cannot act as the postgres OS user; assuming DATABASE_URL's role and database exist"
fi

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if ! redis_up; then
  command -v redis-server >/dev/null || { say "installing Redis (apt)"; apt_install redis-server; }
  say "starting Redis"
  mkdir -p /tmp/dangol-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --dir /tmp/dangol-redis --logfile /tmp/dangol-redis/redis.log
  for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  redis_up || die "Redis did not come up on 127.0.0.1:6379; see /tmp/dangol-redis/redis.log"
fi

say "PostgreSQL and Redis are up"
bash "$ROOT/scripts/mail-catcher.sh" || true
