#!/usr/bin/env bash
# Installs everything the build and the tests need, on a fresh Debian machine or an existing one:
# the wasm target, wasm-bindgen-cli at exactly the version in Cargo.lock, npm dev packages,
# and (with --browser) Debian's Chromium + ChromeDriver. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_postgres=0
for arg in "$@"; do
  case "$arg" in --browser) want_browser=1 ;; --postgres) want_postgres=1 ;; esac
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
log "ready"
