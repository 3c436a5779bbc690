#!/usr/bin/env bash
# Restarts a server started by postgres-up.sh (fast shutdown: every connection is terminated, as in a
# failover or a package upgrade), with the same options, and waits until it accepts connections again.
#   usage: test/infra/postgres-restart.sh <dir> [seconds down]
set -euo pipefail
dir=${1:?usage: postgres-restart.sh <dir> [seconds down]}
down=${2:-0}
bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"; do
  if [ -x "$candidate/pg_ctl" ]; then bindir=$candidate; break; fi
done
[ -n "$bindir" ] || { echo "postgres-restart: pg_ctl not found" >&2; exit 1; }
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
port=$(grep -o '"-p" "[0-9]*"' "$dir/data/postmaster.opts" | grep -o '[0-9][0-9]*')
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
sleep "$down"
# The same options postgres-up.sh starts it with.
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
