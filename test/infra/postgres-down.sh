#!/usr/bin/env bash
# Stops a server started by postgres-up.sh and removes its directory. Safe to run twice.
set -uo pipefail
dir=${1:?usage: postgres-down.sh <dir>}
[ -d "$dir" ] || exit 0
bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"; do
  if [ -x "$candidate/pg_ctl" ]; then bindir=$candidate; break; fi
done
if [ -n "$bindir" ] && [ -e "$dir/data/postmaster.pid" ]; then
  as_pg=()
  [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
