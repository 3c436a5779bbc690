#!/usr/bin/env bash
# The whole test suite, runnable on a fresh Debian 12 machine (as root): installs the system packages
# the tests need (PostgreSQL, Samba AD DC), installs the npm dependencies, then checks formatting,
# lint and types and runs every test. Exits non-zero on any failure.
#   EXSYNC_SKIP_INSTALL=1  skip apt and npm ci (a machine that already ran this once)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if [ "${EXSYNC_SKIP_INSTALL:-}" != 1 ]; then
  packages=(postgresql samba-ad-dc samba-ad-provision samba-common-bin ldb-tools ldap-utils openssl)
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "run as root to install: ${missing[*]}" >&2; exit 1; }
    step "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  step "npm ci"
  # sqlite3 compiles from source here (about a minute); npm_config_yes lets install scripts that call npx run.
  npm_config_yes=true npm ci --no-audit --no-fund
fi

step "format (prettier)"
npx prettier --check .
step "lint (eslint)"
npx eslint .
step "types (tsc)"
npx tsc -p .
step "benchmarks (each prints JSON with a bound measured in the same run)"
# Before the tests: the Samba benchmark starts its own DC and only one can run per machine.
npx tsx test/bench/samba-seed.ts --users 3000 --fresh
npx tsx --expose-gc test/bench/sim-population.ts 1000 50 100 100
npx tsx test/bench/runtime-overhead.ts 200
npx tsx test/bench/runtime-cpu.ts

step "tests (vitest: unit, store contract on SQLite and PostgreSQL, CLI, simulator, directory, runtime, end to end)"
CI=${CI:-true} npx vitest run
