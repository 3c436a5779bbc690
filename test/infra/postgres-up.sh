#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the store tests.
#   usage: test/infra/postgres-up.sh <dir> [port]      (default port 55432)
# Prints the connection URL on stdout. Refuses to start when something already listens on the port or
# the directory holds a server; on any failure it stops what it started and removes the directory.
set -euo pipefail

dir=${1:?usage: postgres-up.sh <dir> [port]}
port=${2:-55432}

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir=$candidate; break; fi
done
[ -n "$bindir" ] || { echo "postgres-up: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "postgres-up: something already listens on 127.0.0.1:$port; stop it first (test/infra/postgres-down.sh <dir>)" >&2
  exit 1
fi
if [ -e "$dir/data/postmaster.pid" ]; then
  echo "postgres-up: $dir already holds a server (postmaster.pid present); run postgres-down.sh first" >&2
  exit 1
fi

# PostgreSQL refuses to run as root; run it as the 'postgres' account the Debian package creates.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  as_pg=(runuser -u postgres --)
fi

started=0
cleanup_on_error() {
  if [ "$started" = 1 ]; then "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}
trap cleanup_on_error ERR

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  runuser -u postgres -- test -w "$dir" || { echo "postgres-up: the postgres account cannot reach $dir (check the parent folders' permissions)" >&2; exit 1; }
fi
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U exsync --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
started=1
"${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U exsync exsync_test
trap - ERR
echo "postgres://exsync@127.0.0.1:$port/exsync_test"
