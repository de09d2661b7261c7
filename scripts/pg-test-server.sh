#!/bin/sh
# Starts a local PostgreSQL server for the tests (Debian's postgresql
# package, installed when missing), makes sure the current user has a role
# and an empty-able database lscb_test, and prints its URI.  Used by .ci/run:
#   LSCB_TEST_PG=$(scripts/pg-test-server.sh) make check
set -eu
if ! command -v pg_lsclusters >/dev/null 2>&1 || ! pg_lsclusters -h 2>/dev/null | grep -q .; then
    LSCB_EXTRA_PKGS=postgresql "$(dirname "$0")/deps.sh" >&2
fi
line=$(pg_lsclusters -h | head -1)
if [ -z "$line" ]; then
    v=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$v" main >&2
    line=$(pg_lsclusters -h | head -1)
fi
set -- $line
ver=$1 name=$2 port=$3 status=$4
[ "$status" = online ] || pg_ctlcluster "$ver" "$name" start >&2
me=$(id -un)
as_pg() { su postgres -c "$1" >&2; }
as_pg "psql -p $port -X -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$me') THEN CREATE ROLE \\\"$me\\\" LOGIN; END IF; END \\\$\\\$\""
if ! su postgres -c "psql -p $port -X -A -t -c \"SELECT 1 FROM pg_database WHERE datname = 'lscb_test'\"" | grep -q 1; then
    as_pg "createdb -p $port -O $me lscb_test"
fi
echo "postgresql:///lscb_test?host=/var/run/postgresql&port=$port"
