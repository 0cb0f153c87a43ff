#!/usr/bin/env bash
# Installs (Debian's package) and starts a local PostgreSQL server on 127.0.0.1:5432 with a
# database for the storage tests, then prints the environment the tests read. Idempotent.
# Usage: eval "$(scripts/test-postgres.sh)"
set -euo pipefail
log() { echo "[test-postgres] $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql (Debian package)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')

as_postgres() { su postgres -c "$1"; }
for i in $(seq 1 30); do
  as_postgres "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
as_postgres "psql -p $port -qAtc \"select 1 from pg_roles where rolname='credit'\"" | grep -q 1 \
  || as_postgres "psql -p $port -qc \"create role credit login password 'credit'\"" >&2
as_postgres "psql -p $port -qAtc \"select 1 from pg_database where datname='credit_test'\"" | grep -q 1 \
  || as_postgres "createdb -p $port -O credit credit_test" >&2
log "PostgreSQL $version ready on 127.0.0.1:$port, database credit_test"

echo "export CREDIT_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/credit_test"
echo "export CREDIT_TEST_PG_USER=credit"
echo "export CREDIT_TEST_PG_PASSWORD=credit"
