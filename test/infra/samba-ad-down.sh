#!/usr/bin/env bash
# Stops a DC started by samba-ad-up.sh and removes its directory. Safe to run twice.
#   usage: test/infra/samba-ad-down.sh <dir>
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=samba-lib.sh
source "$here/samba-lib.sh"

[ $# = 1 ] || { echo "usage: samba-ad-down.sh <dir>" >&2; exit 2; }
[ -d "$1" ] || exit 0
dir=$(cd "$1" && pwd -P)
# rm -rf on a mistyped argument must not hit anything samba-ad-up.sh did not create.
if [ ! -e "$dir/.exsync-samba-ad" ] && [ -n "$(ls -A "$dir")" ]; then
  echo "samba-ad-down: $dir was not created by samba-ad-up.sh (no .exsync-samba-ad); not touching it" >&2
  exit 1
fi
# samba.pid is ours; run/samba.pid is Samba's own, present even if up was interrupted before writing ours.
for pidfile in "$dir/samba.pid" "$dir/run/samba.pid"; do
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if is_samba_of "$pid" "$dir"; then stop_samba "$pid"; fi
done
rm -rf "$dir"
