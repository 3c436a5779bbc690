# Shared helpers for samba-ad-up.sh and samba-ad-down.sh (sourced, not run).
# shellcheck shell=bash

# shellcheck disable=SC2034 # the constants are read by the scripts that source this file
# Fixed facts of the throw-away domain. Samba has no option to move its LDAP ports, so they are fixed too.
SAMBA_REALM=EXAMPLE.TEST
SAMBA_DOMAIN=EXAMPLE
SAMBA_BASE_DN='DC=example,DC=test'
SAMBA_ADMIN_DN="CN=Administrator,CN=Users,$SAMBA_BASE_DN"
SAMBA_ADMIN_PASSWORD='Passw0rd!Test'
# The self-signed certificate Samba generates names the host only (no IP SAN), so TLS clients must send it.
SAMBA_TLS_SERVERNAME=DC1.example.test
SAMBA_PORTS=(389 636 3268 3269)

# True when anything accepts a connection on the port (IPv4 or IPv6 loopback).
port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null
}

# True when the pid is a live samba process with a file open inside the directory. Samba rewrites its
# command line ("samba: root process"), so the open files are what ties a pid to one DC directory and
# keeps a recycled pid from being mistaken for ours.
is_samba_of() {
  local pid=$1 dir=$2
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == */samba ]] || return 1
  local fd
  for fd in "/proc/$pid/fd/"*; do
    [[ "$(readlink "$fd" 2>/dev/null)" == "$dir"/* ]] && return 0
  done
  return 1
}

# True while the process exists and is not a zombie. Exited samba children can linger as zombies until
# their parent (often init, after the root process is gone) reaps them, and kill -0 still succeeds on those.
is_running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # the state follows "(comm) ", and comm may contain spaces
  [ -n "$stat" ] && [ "${stat:0:1}" != Z ]
}

# The pid and all its descendants, parents first.
process_tree() {
  local pid=$1 child
  echo "$pid"
  for child in $(pgrep -P "$pid" 2>/dev/null); do process_tree "$child"; done
}

# Stops a samba root process and its children: TERM the root (it takes its task and worker processes
# down with it, usually in well under a second), then KILL whatever is left after the grace period.
# The tree is collected first because children re-parent to init once the root is gone.
stop_samba() {
  local pid=$1 grace_tenths=${2:-100} tree alive i p
  mapfile -t tree < <(process_tree "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace_tenths; i++)); do
    alive=0
    for p in "${tree[@]}"; do is_running "$p" && alive=1 && break; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  for p in "${tree[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for ((i = 0; i < 50; i++)); do
    alive=0
    for p in "${tree[@]}"; do is_running "$p" && alive=1 && break; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  echo "samba: processes ${tree[*]} survived KILL" >&2
  return 1
}

# True once the rootDSE of our domain answers on plain LDAP.
rootdse_answers() {
  ldapsearch -x -LLL -o nettimeout=2 -H ldap://127.0.0.1 -b '' -s base namingContexts 2>/dev/null |
    grep -qi "^namingContexts: $SAMBA_BASE_DN\$"
}
