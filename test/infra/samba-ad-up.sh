#!/usr/bin/env bash
# Starts a throw-away Samba AD DC (realm EXAMPLE.TEST) on loopback for the directory tests.
#   usage: test/infra/samba-ad-up.sh [--env] <dir>
# Prints one JSON line with the connection facts (or, with --env, shell-quoted EXSYNC_TEST_LDAP_* lines
# for `eval`). Stop it with samba-ad-down.sh <dir>.
#
# Refuses to start when something already answers on 389/636/3268/3269 (exit 75: a leftover DC, or another
# test run's; Samba cannot move its ports, so only one DC runs per machine) or <dir> is not empty (exit 1).
# Exit 69 means Samba cannot run here (packages missing, not root). Any other failure exits non-zero
# after stopping what it started and removing <dir>.
#
# Provisioning costs about 4 s and the first start another 2 s (TLS key generation), so a provisioned,
# schema-extended, started-once domain is kept as a template under $EXSYNC_SAMBA_TEMPLATES (default
# ${TMPDIR:-/tmp}/exsync-samba-templates), keyed by the Samba version and these scripts; later runs copy
# it. EXSYNC_SAMBA_TEMPLATES=off provisions every time.
# EXSYNC_SAMBA_OWNER_PID=<pid> stops the DC (samba-ad-down.sh) soon after that process exits.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=samba-lib.sh
source "$here/samba-lib.sh"

format=json
if [ "${1:-}" = --env ]; then
  format='env'
  shift
fi
[ $# = 1 ] || { echo "usage: samba-ad-up.sh [--env] <dir>" >&2; exit 2; }

unavailable() {
  echo "samba-ad-up: $*" >&2
  exit 69
}
for tool in samba samba-tool ldbmodify ldapsearch; do
  command -v "$tool" >/dev/null ||
    unavailable "'$tool' not found; install Samba: apt-get install samba-ad-dc samba-ad-provision samba-common-bin ldb-tools ldap-utils"
done
[ -d /usr/share/samba/setup/ad-schema ] ||
  unavailable "the AD schema files are missing; apt-get install samba-ad-provision"
[ "$(id -u)" = 0 ] || unavailable "must run as root: Samba's LDAP ports (${SAMBA_PORTS[*]}) are privileged and cannot be changed"

if [ -d "$1" ]; then
  existing=$(cd "$1" && pwd -P)
  if is_samba_of "$(cat "$existing/samba.pid" 2>/dev/null || true)" "$existing"; then
    echo "samba-ad-up: $1 already holds a running DC (pid $(cat "$existing/samba.pid")); run samba-ad-down.sh $1 first" >&2
    exit 1
  fi
  if [ -n "$(ls -A "$existing")" ]; then
    echo "samba-ad-up: $1 is not empty (a previous DC?); run samba-ad-down.sh $1 first" >&2
    exit 1
  fi
fi
for port in "${SAMBA_PORTS[@]}"; do
  if port_answers "$port"; then
    echo "samba-ad-up: something already answers on loopback port $port (a leftover DC? see 'pgrep -a samba');" \
      "stop it first (samba-ad-down.sh <its dir>), or point the tests at it with EXSYNC_TEST_LDAP_URL" >&2
    exit 75
  fi
done

mkdir -p "$1"
dir=$(cd "$1" && pwd -P)

now_ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(now_ms)
samba_pid=""
build=""
finish() {
  local status=$?
  if [ "$status" != 0 ]; then
    if [ -n "$samba_pid" ]; then stop_samba "$samba_pid" 30 || true; fi
    [ -n "$build" ] && rm -rf "$build"
    rm -rf "$dir"
  fi
}
trap finish EXIT
trap 'exit 130' INT TERM
touch "$dir/.exsync-samba-ad" # lets samba-ad-down.sh tell our directories from anything else

# Provisions into $1 and writes etc/smb.conf.in, the patched configuration with @DIR@ for the directory.
provision_into() {
  local target=$1 conf
  samba-tool domain provision --targetdir="$target" --realm="$SAMBA_REALM" --domain="$SAMBA_DOMAIN" \
    --server-role=dc --dns-backend=NONE --backend-store=mdb --host-name=dc1 \
    --adminpass="$SAMBA_ADMIN_PASSWORD" --use-rfc2307 \
    --option="interfaces=lo" --option="bind interfaces only=yes" --option="ldb:nosync=true" \
    >"$target/provision.log" 2>&1 || {
    tail -20 "$target/provision.log" >&2
    echo "samba-ad-up: provisioning failed (log above)" >&2
    return 1
  }
  # Provision persists only some --options and leaves log, pid and socket paths pointing at system
  # directories, so keep its [global] section (the shares are not needed), drop what is replaced,
  # and add: only the LDAP server task, simple binds over plain LDAP, everything inside the directory.
  conf=$(awk '/^\[/ { global = ($0 == "[global]") } global' "$target/etc/smb.conf" |
    grep -Ev '^[[:space:]]*(log file|logging|max log size|server services|ldap server require strong auth)[[:space:]]*=')
  conf=${conf//"$target"/@DIR@}
  cat >"$target/etc/smb.conf.in" <<EOF
$conf
	server services = ldap
	ldap server require strong auth = no
	log file = @DIR@/log/log.%m
	pid directory = @DIR@/run
	ncalrpc dir = @DIR@/run/ncalrpc
	winbindd socket directory = @DIR@/run/winbindd
	ntp signd socket directory = @DIR@/run/ntp_signd
EOF
  # Schema changes are allowed offline on sam.ldb; they need two transactions (see the LDIF files).
  ldbmodify -H "$target/private/sam.ldb" --option="dsdb:schema update allowed=true" \
    "$here/samba-exchange-attributes.ldif" >/dev/null
  ldbmodify -H "$target/private/sam.ldb" --option="dsdb:schema update allowed=true" \
    "$here/samba-exchange-mail-recipient.ldif" >/dev/null
  # Test users get short passwords (or none), so switch the default policy off.
  samba-tool domain passwordsettings set -H "$target/private/sam.ldb" --complexity=off --min-pwd-length=1 \
    --history-length=0 --min-pwd-age=0 --max-pwd-age=0 >/dev/null
}

# Writes etc/smb.conf for the directory $1 from its etc/smb.conf.in.
render_conf() {
  local template
  template=$(<"$1/etc/smb.conf.in")
  printf '%s\n' "${template//@DIR@/$1}" >"$1/etc/smb.conf"
  mkdir -p "$1/log" "$1/run"
}

# Starts samba on directory $1 in the background and waits (at most 30 s) for the rootDSE.
start_samba() {
  local target=$1 i
  samba -s "$target/etc/smb.conf" -F --debug-stdout -d1 >"$target/log/samba.out" 2>&1 </dev/null &
  samba_pid=$!
  for ((i = 0; i < 300; i++)); do
    rootdse_answers && return 0
    if ! kill -0 "$samba_pid" 2>/dev/null; then
      tail -20 "$target/log/samba.out" >&2
      echo "samba-ad-up: samba exited during start-up (log above)" >&2
      samba_pid=""
      return 1
    fi
    sleep 0.1
  done
  tail -20 "$target/log/samba.out" >&2
  echo "samba-ad-up: no rootDSE on ldap://127.0.0.1 within 30 s (log above)" >&2
  return 1
}

templates=${EXSYNC_SAMBA_TEMPLATES:-${TMPDIR:-/tmp}/exsync-samba-templates}
template_state=off
if [ "$templates" = off ]; then
  provision_into "$dir"
  render_conf "$dir"
else
  key=$(cat "$here/samba-ad-up.sh" "$here/samba-lib.sh" "$here"/samba-exchange-*.ldif <(samba --version) |
    sha256sum | cut -c1-16)
  template="$templates/$key"
  template_state=hit
  if [ ! -d "$template" ]; then
    template_state=built
    mkdir -p "$templates"
    chmod 700 "$templates"
    build=$(mktemp -d "$templates/.build-XXXXXX")
    provision_into "$build"
    render_conf "$build"
    # One start generates the TLS CA and certificate into private/tls, so copies skip that step.
    start_samba "$build"
    stop_samba "$samba_pid"
    samba_pid=""
    rm -rf "$build/log" "$build/run" "$build/etc/smb.conf"
    # The rename publishes the template atomically; a concurrent builder that lost the race keeps its own copy out.
    if mv -T "$build" "$template" 2>/dev/null; then
      find "$templates" -mindepth 1 -maxdepth 1 -not -name "$key" -not -name '.build-*' -exec rm -rf {} +
    else
      rm -rf "$build"
    fi
    build=""
  fi
  cp -a "$template/." "$dir/"
  render_conf "$dir"
fi
t1=$(now_ms)
start_samba "$dir"
echo "$samba_pid" >"$dir/samba.pid"
t2=$(now_ms)
trap - EXIT

# A test runner killed before its teardown would leave the DC holding the fixed ports for every later run,
# so when told who owns the DC, stop it once that process is gone (or, once <dir> is removed, stand down).
owner=${EXSYNC_SAMBA_OWNER_PID:-}
if [[ "$owner" =~ ^[0-9]+$ ]]; then
  (
    while [ -d "$dir" ] && kill -0 "$owner" 2>/dev/null; do sleep 1; done
    if [ -d "$dir" ]; then exec bash "$here/samba-ad-down.sh" "$dir"; fi
  ) </dev/null >/dev/null 2>&1 &
fi

ca="$dir/private/tls/ca.pem"
if [ "$format" = env ]; then
  # Single quotes, so the DN's commas and the password's '!' come through `eval` and .env readers alike.
  env_line() { printf "%s='%s'\n" "$1" "${2//\'/\'\\\'\'}"; }
  env_line EXSYNC_TEST_LDAP_URL "ldap://127.0.0.1:389"
  env_line EXSYNC_TEST_LDAPS_URL "ldaps://127.0.0.1:636"
  env_line EXSYNC_TEST_LDAP_BIND_DN "$SAMBA_ADMIN_DN"
  env_line EXSYNC_TEST_LDAP_PASSWORD "$SAMBA_ADMIN_PASSWORD"
  env_line EXSYNC_TEST_LDAP_BASE_DN "$SAMBA_BASE_DN"
  env_line EXSYNC_TEST_LDAP_CA "$ca"
  env_line EXSYNC_TEST_LDAP_TLS_SERVERNAME "$SAMBA_TLS_SERVERNAME"
else
  json() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }
  printf '{"url":"ldap://127.0.0.1:389","ldapsUrl":"ldaps://127.0.0.1:636","gcUrl":"ldap://127.0.0.1:3268",'
  printf '"bindDn":%s,"password":%s,"baseDn":%s,' "$(json "$SAMBA_ADMIN_DN")" "$(json "$SAMBA_ADMIN_PASSWORD")" \
    "$(json "$SAMBA_BASE_DN")"
  printf '"caPath":%s,"tlsServerName":%s,"dir":%s,"pid":%s,' "$(json "$ca")" "$(json "$SAMBA_TLS_SERVERNAME")" \
    "$(json "$dir")" "$samba_pid"
  printf '"template":"%s","prepareMs":%s,"startMs":%s}\n' "$template_state" $((t1 - t0)) $((t2 - t1))
fi
